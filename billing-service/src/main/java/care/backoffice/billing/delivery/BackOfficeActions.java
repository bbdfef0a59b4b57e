package care.backoffice.billing.delivery;

import care.backoffice.support.problem.ApiException;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the back office does with a delivery: try a FAILED one again, or record that a portal document was uploaded.
 * Both lock the row first, so that they and the relay's claim never cross, and both leave an event.
 */
@Component
public class BackOfficeActions {

    private final DeliveryRepository deliveries;

    public BackOfficeActions(DeliveryRepository deliveries) {
        this.deliveries = deliveries;
    }

    /**
     * A FAILED delivery goes back to the relay now, with a fresh set of attempts and the buyer's current address.
     * One already queued again (PENDING, SENDING) is left as it is: asking twice is harmless. A delivered one is
     * never sent twice (409).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Delivery retry(UUID id, String by) {
        Delivery d = deliveries.lock(id).orElseThrow(() -> ApiException.notFound("Delivery " + id));
        switch (d.status()) {
            case FAILED -> {
                deliveries.retryNow(id);
                deliveries.event(id, "RETRY_REQUESTED", null, "after: " + d.failure(), by);
            }
            case PENDING, SENDING -> {
                // queued already
            }
            case SENT -> throw ApiException.conflict("Delivery " + id + " of " + d.invoiceNumber() + " was sent and "
                    + "acknowledged (" + d.recipient() + "); it is never sent twice. A correction is a credit note.");
            case UPLOADED -> throw ApiException.conflict("Delivery " + id + " of " + d.invoiceNumber()
                    + " was uploaded by " + d.uploadedBy() + " at " + d.uploadedAt());
            case AWAITING_UPLOAD -> throw ApiException.conflict("Delivery " + id + " of " + d.invoiceNumber()
                    + " waits for the back office to upload it to " + d.recipient() + "; mark it uploaded when done");
        }
        return deliveries.find(id).orElseThrow();
    }

    /**
     * Records that a portal document was uploaded, by whom and when. Marking it again changes nothing and answers
     * with the first record. A FAILED portal delivery (the funder has no portal URL) may be marked too: the back
     * office knows where it went.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Delivery uploaded(UUID id, String by, OffsetDateTime at, String portalReference) {
        Delivery d = deliveries.lock(id).orElseThrow(() -> ApiException.notFound("Delivery " + id));
        if (d.channel() != Channel.PORTAL) {
            throw ApiException.conflict("Delivery " + id + " of " + d.invoiceNumber() + " goes by " + d.channel()
                    + ", not through a portal: only portal documents are uploaded by hand");
        }
        if (d.status() == DeliveryStatus.UPLOADED) {
            return deliveries.find(id).orElseThrow();
        }
        if (at.isBefore(d.createdAt())) {
            throw care.backoffice.support.problem.InvalidRequestException.of("uploadedAt",
                    "must not be before the document was queued for delivery (" + d.createdAt() + ")");
        }
        deliveries.uploaded(id, by, at, portalReference);
        deliveries.event(id, "UPLOADED", null, "uploaded at " + at
                + (portalReference == null ? "" : ", portal reference " + portalReference), by);
        return deliveries.find(id).orElseThrow();
    }
}
