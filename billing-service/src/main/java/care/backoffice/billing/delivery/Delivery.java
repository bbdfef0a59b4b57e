package care.backoffice.billing.delivery;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A document's delivery as the back office reads it: where it went or goes, how it stands, why it failed, and (for
 * one delivery) its history of attempts and actions.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Delivery(UUID id, UUID invoiceId, String invoiceNumber, String invoiceKind, UUID runId, String buyer,
        String document, Channel channel, DeliveryStatus status, String recipient, int attempts,
        OffsetDateTime nextAttemptAt, String messageId, String failure, OffsetDateTime sentAt, String uploadedBy,
        OffsetDateTime uploadedAt, String portalReference, OffsetDateTime createdAt, List<Event> history) {

    /** One attempt, outcome or action by hand; {@code actor} is the relay instance or the back-office user. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Event(OffsetDateTime at, String event, Integer attempt, String detail, String actor) {}

    Delivery withHistory(List<Event> events) {
        return new Delivery(id, invoiceId, invoiceNumber, invoiceKind, runId, buyer, document, channel, status,
                recipient, attempts, nextAttemptAt, messageId, failure, sentAt, uploadedBy, uploadedAt,
                portalReference, createdAt, events);
    }
}
