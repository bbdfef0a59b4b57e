package care.backoffice.billing.delivery;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A claimed delivery with what its channel needs to know about the document and its buyer, read when it is sent
 * (so a funder's email or participant id corrected after issue is used on the next attempt). {@code leaseToken}
 * identifies this claim: a result is recorded only while the claim is still the delivery's.
 */
public record Outgoing(UUID id, UUID leaseToken, int attempt, Channel channel, String documentKind, UUID invoiceId,
        String invoiceNumber, boolean creditNote, BigDecimal total, LocalDate issueDate, LocalDate dueDate,
        String originalInvoiceNumber, String clientId, String clientName, String clientEmail, UUID funderId,
        String funderName, String funderPeppolId, String funderEmail, String funderPortalUrl) {

    /** Who the document is addressed to: the self-funding client, or the funder. */
    public String buyerName() {
        return clientId != null ? clientName : funderName;
    }
}
