package care.backoffice.billing.delivery;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends queued deliveries through their channels, apart from the billing run. Each pass claims a batch of due
 * deliveries ({@link DeliveryRepository#CLAIM}: {@code FOR UPDATE SKIP LOCKED}, committed with a lease), sends them
 * outside any transaction, and records each outcome in its own transaction with an event:
 * <ul>
 * <li>acknowledged → SENT with the access point's message id (or the email's Message-ID), never sent again;</li>
 * <li>a failure that may pass → PENDING again after the {@link RetryPolicy}'s wait; after its last attempt FAILED;</li>
 * <li>refused, or no usable address → FAILED at once with the reason, on the back office's list;</li>
 * <li>portal documents → AWAITING_UPLOAD, on the back office's list.</li>
 * </ul>
 * Several instances relay side by side (each claims other rows), and an instance that stops mid-send loses nothing:
 * its claims come due again when their lease ends and another instance (or itself, restarted) sends them. The lease
 * is renewed just before each document is sent and outlasts one send (timeouts: access point 10 s + 60 s, SMTP
 * 10 s + 60 s + 60 s), so a slow batch does not let another instance take a document mid-send.
 * The existing service outbox ({@code OutboxRelay}) is not used: it posts JSON to our own services with this
 * service's OAuth token and retries for ever, and holds its claim's transaction open across the call.
 */
@Component
public class DeliveryRelay {

    private static final Logger log = LoggerFactory.getLogger(DeliveryRelay.class);

    private final DeliveryRepository deliveries;
    private final PeppolAccessPoint peppol;
    private final InvoiceMailer mailer;
    private final DeliveryProperties properties;
    private final RetryPolicy retry;
    private final TransactionTemplate tx;
    private final String instance;

    @org.springframework.beans.factory.annotation.Autowired
    public DeliveryRelay(DeliveryRepository deliveries, PeppolAccessPoint peppol, InvoiceMailer mailer,
            DeliveryProperties properties, PlatformTransactionManager tm) {
        this(deliveries, peppol, mailer, properties, tm, properties.instanceName());
    }

    /** An instance with a name of its own (tests run a second instance side by side with the service's). */
    public DeliveryRelay(DeliveryRepository deliveries, PeppolAccessPoint peppol, InvoiceMailer mailer,
            DeliveryProperties properties, PlatformTransactionManager tm, String instance) {
        this.deliveries = deliveries;
        this.peppol = peppol;
        this.mailer = mailer;
        this.properties = properties;
        this.retry = properties.retryPolicy();
        this.tx = new TransactionTemplate(tm);
        this.instance = instance;
        if (properties.batchSize() < 1) {
            throw new IllegalArgumentException("billing.delivery.batch-size must be at least 1");
        }
    }

    @Scheduled(fixedDelayString = "${billing.delivery.poll-interval:PT10S}",
            initialDelayString = "${billing.delivery.initial-delay:PT15S}")
    public void relay() {
        if (!properties.enabled()) {
            return;
        }
        try {
            while (deliverDue() == properties.batchSize()) {
                // a full batch: there may be more due
            }
        } catch (RuntimeException e) {
            log.warn("Delivery relay pass failed; will try again: {}", e.toString());
        }
    }

    /** One batch: claims up to batch-size due deliveries, sends them, records each outcome. @return how many */
    public int deliverDue() {
        List<DeliveryRepository.Claim> claims = tx.execute(s -> {
            List<DeliveryRepository.Claim> claimed = deliveries.claim(instance, properties.batchSize(), properties.lease());
            for (DeliveryRepository.Claim c : claimed) {
                if (c.tookOverLostAttempt()) {
                    deliveries.event(c.outgoing().id(), "ATTEMPT_LOST", c.outgoing().attempt() - 1,
                            c.previousHolder() + " claimed it and did not report back within the lease (stopped?); "
                                    + "sending again", instance);
                }
            }
            return claimed;
        });
        if (claims == null) {
            return 0;
        }
        for (DeliveryRepository.Claim c : claims) {
            deliver(c.outgoing());
        }
        return claims.size();
    }

    private void deliver(Outgoing o) {
        if (!Boolean.TRUE.equals(tx.execute(s -> deliveries.renewLease(o, properties.lease())))) {
            log.warn("Delivery {} of {}: the claim was taken over before it was sent; not sending it", o.id(),
                    o.invoiceNumber());
            return;
        }
        Outcome outcome;
        try {
            outcome = switch (o.channel()) {
                case PEPPOL -> peppol.send(o, deliveries.content(o));
                case EMAIL -> mailer.send(o, deliveries.content(o));
                case PORTAL -> toUpload(o);
            };
        } catch (RuntimeException e) {
            log.warn("Delivery {} of {} failed unexpectedly", o.id(), o.invoiceNumber(), e);
            outcome = new Outcome.TryAgain(null, "unexpected error: " + PeppolAccessPoint.abbreviate(e.toString()));
        }
        Outcome result = outcome;
        Boolean recorded = tx.execute(s -> record(o, result));
        if (!Boolean.TRUE.equals(recorded)) {
            log.warn("Delivery {} of {}: the claim was taken over before this outcome ({}) was recorded", o.id(),
                    o.invoiceNumber(), result);
        }
    }

    /** Portals differ and most have no API: the back office uploads, from the list, and marks it done. */
    private static Outcome toUpload(Outgoing o) {
        if (o.funderPortalUrl() == null || o.funderPortalUrl().isBlank()) {
            return new Outcome.Refused(null, "Funder " + o.funderName() + " (" + o.funderId() + ") takes "
                    + o.invoiceNumber() + " through its portal (contract output COUNCIL_CSV) but has no portal URL: "
                    + "add it (PUT /api/billing/funders/" + o.funderId() + ") and retry the delivery, or upload it "
                    + "and mark it uploaded");
        }
        return new Outcome.AwaitingUpload(o.funderPortalUrl());
    }

    private boolean record(Outgoing o, Outcome outcome) {
        if (outcome instanceof Outcome.Sent sent) {
            return recorded(deliveries.sent(o, sent), o, "SENT",
                    "to " + sent.recipient() + (sent.messageId() == null ? "" : ", message id " + sent.messageId()));
        }
        if (outcome instanceof Outcome.AwaitingUpload upload) {
            return recorded(deliveries.awaitingUpload(o, upload), o, "AWAITING_UPLOAD", "to upload to " + upload.recipient());
        }
        if (outcome instanceof Outcome.Refused refused) {
            log.warn("Delivery {} of {} FAILED: {}", o.id(), o.invoiceNumber(), refused.reason());
            return recorded(deliveries.failed(o, refused.recipient(), refused.reason()), o, "FAILED", refused.reason());
        }
        Outcome.TryAgain again = (Outcome.TryAgain) outcome;
        if (retry.givesUpAfter(o.attempt())) {
            String reason = "gave up after " + o.attempt() + " attempts; the last: " + again.reason();
            log.warn("Delivery {} of {} FAILED: {}", o.id(), o.invoiceNumber(), reason);
            return recorded(deliveries.failed(o, again.recipient(), reason), o, "FAILED", reason);
        }
        java.time.Duration wait = retry.waitAfter(o.attempt());
        return recorded(deliveries.retryLater(o, again.recipient(), again.reason(), wait), o, "ATTEMPT_FAILED",
                again.reason() + "; next attempt in " + wait);
    }

    private boolean recorded(boolean applied, Outgoing o, String event, String detail) {
        if (applied) {
            deliveries.event(o.id(), event, o.attempt(), detail, instance);
        }
        return applied;
    }
}
