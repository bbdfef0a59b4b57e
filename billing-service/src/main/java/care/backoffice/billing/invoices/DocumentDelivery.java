package care.backoffice.billing.invoices;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Where one document of an invoice went, as the invoice shows it: its delivery's id (for
 * {@code /api/billing/deliveries/{id}}), channel, status, the address used, when it was sent or uploaded, and why
 * it failed.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DocumentDelivery(UUID id, String document, String channel, String status, String recipient,
        OffsetDateTime sentAt, OffsetDateTime uploadedAt, String failure) {}
