package care.backoffice.procurement.dispatch;

import care.backoffice.procurement.shared.ProcurementProperties;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;

/**
 * Sends placed orders to their suppliers as PEPPOL BIS Order documents, and cancellations of orders a supplier
 * already has as PEPPOL Order Cancellations, with retries. Suppliers are outside
 * parties, so this is our own delivery record on the order rather than the internal outbox.
 *
 * <p>Claiming: due orders are claimed with {@code FOR UPDATE SKIP LOCKED} and a lease (their next attempt is
 * pushed into the future before the HTTP call), so replicas never post the same order at the same time and the
 * HTTP call holds no database lock. If a replica dies mid-call the lease runs out and the order is tried again;
 * the supplier recognises a repeat by the order number (cbc:ID).
 *
 * <p>Retry policy: 2xx = delivered, never sent again. 408, 429, 5xx or no connection = the supplier is down:
 * retried with back-off from 10 s doubling up to {@code procurement.dispatch.max-backoff}, for ever, shown on the
 * order (status RETRYING, attempts, last error) so the team can cancel. Any other 4xx = the supplier refuses this
 * order: REFUSED, not retried. A document failing the PEPPOL rules is never sent (INVALID_DOCUMENT).
 */
@Component
public class SupplierDispatcher {

    private static final Logger log = LoggerFactory.getLogger(SupplierDispatcher.class);
    private static final int BATCH = 20;

    record Due(UUID id, String orderNumber, String ublDocument, int dispatchAttempts, String orderEndpointUrl,
            String peppolParticipantId) {}

    private final JdbcClient jdbc;
    private final PeppolOrderValidator validator;
    private final ProcurementProperties props;
    private final RestClient http;

    public SupplierDispatcher(JdbcClient jdbc, PeppolOrderValidator validator, ProcurementProperties props) {
        this.jdbc = jdbc;
        this.validator = validator;
        this.props = props;
        Duration timeout = props.dispatch().timeout();
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(timeout).build());
        factory.setReadTimeout(timeout);
        this.http = RestClient.builder().requestFactory(factory).build();
    }

    /** Sends every due order and every due cancellation, batch after batch. @return how many were attempted */
    public int dispatchDue() {
        int total = 0;
        for (Kind kind : Kind.values()) {
            List<Due> batch;
            do {
                batch = claim(kind);
                batch.forEach(d -> send(kind, d));
                total += batch.size();
            } while (batch.size() == BATCH);
        }
        return total;
    }

    /** The two documents we send to suppliers, each with its own delivery columns on the order. */
    enum Kind {
        ORDER("ubl_document", "dispatch_status", "dispatch_attempts", "next_dispatch_at", "last_dispatch_error",
                "delivered_at", "and o.status = 'PLACED'"),
        CANCELLATION("cancellation_document", "cancellation_status", "cancellation_attempts", "next_cancellation_at",
                "cancellation_error", "cancellation_delivered_at", "");

        final String document;
        final String status;
        final String attempts;
        final String next;
        final String error;
        final String deliveredAt;
        final String extraCondition;

        Kind(String document, String status, String attempts, String next, String error, String deliveredAt,
                String extraCondition) {
            this.document = document;
            this.status = status;
            this.attempts = attempts;
            this.next = next;
            this.error = error;
            this.deliveredAt = deliveredAt;
            this.extraCondition = extraCondition;
        }
    }

    private List<Due> claim(Kind k) {
        long leaseSeconds = props.dispatch().timeout().toSeconds() * 3 + 30;
        return jdbc.sql("""
                with due as (
                    select o.id from purchase_order o
                    where o.%2$s in ('PENDING', 'RETRYING') and o.%4$s <= now() %7$s
                    order by o.%4$s limit :batch for update skip locked)
                update purchase_order o set %4$s = now() + make_interval(secs => :lease)
                from due, supplier s where o.id = due.id and s.id = o.supplier_id
                returning o.id, o.order_number, o.%1$s as ubl_document, o.%3$s as dispatch_attempts,
                    s.order_endpoint_url, s.peppol_participant_id"""
                        .formatted(k.document, k.status, k.attempts, k.next, k.error, k.deliveredAt, k.extraCondition))
                .param("batch", BATCH).param("lease", (double) leaseSeconds)
                .query(Due.class).list();
    }

    private void send(Kind k, Due d) {
        boolean onPeppol = d.peppolParticipantId() != null;
        List<String> errors = switch (k) {
            case ORDER -> onPeppol ? validator.errors(d.ublDocument())
                    : validator.errorsForSupplierOutsidePeppol(d.ublDocument());
            case CANCELLATION -> onPeppol ? validator.cancellationErrors(d.ublDocument())
                    : validator.cancellationErrorsForSupplierOutsidePeppol(d.ublDocument());
        };
        if (!errors.isEmpty()) {
            log.error("{} of {} is not a valid PEPPOL document and is not sent: {}", k, d.orderNumber(), errors);
            finish(k, d, "INVALID_DOCUMENT", String.join("\n", errors));
            return;
        }
        String url = d.orderEndpointUrl() != null ? d.orderEndpointUrl() : props.dispatch().peppolAccessPointUrl();
        if (url == null || url.isBlank()) {
            retry(k, d, "no route: the supplier has only a PEPPOL id and procurement.dispatch.peppol-access-point-url "
                    + "is not set");
            return;
        }
        try {
            RestClient.RequestBodySpec request = http.post().uri(url).contentType(MediaType.APPLICATION_XML)
                    .header("Idempotency-Key", k == Kind.ORDER ? d.orderNumber() : d.orderNumber() + "-C");
            if (onPeppol) {
                request = request.header("X-Peppol-Receiver", d.peppolParticipantId());
            }
            request.body(d.ublDocument()).retrieve().toBodilessEntity();
            delivered(k, d);
        } catch (RestClientResponseException e) {
            int code = e.getStatusCode().value();
            String error = "HTTP " + code + " " + abbreviate(e.getResponseBodyAsString());
            if (code >= 500 || code == 408 || code == 429) {
                retry(k, d, error);
            } else {
                finish(k, d, "REFUSED", error);
            }
        } catch (RuntimeException e) {
            retry(k, d, abbreviate(e.toString()));
        }
    }

    private void delivered(Kind k, Due d) {
        if (k == Kind.ORDER) {
            // If the team cancelled while this order was on its way, the supplier now has it: tell them at once.
            jdbc.sql("""
                    update purchase_order set dispatch_status = 'DELIVERED', delivered_at = now(), next_dispatch_at = null,
                        dispatch_attempts = dispatch_attempts + 1, last_dispatch_error = null,
                        cancellation_status = case when status = 'CANCELLED' then 'PENDING' else cancellation_status end,
                        next_cancellation_at = case when status = 'CANCELLED' then now() else next_cancellation_at end
                    where id = ?""").param(d.id()).update();
        } else {
            jdbc.sql("""
                    update purchase_order set cancellation_status = 'DELIVERED', cancellation_delivered_at = now(),
                        next_cancellation_at = null, cancellation_attempts = cancellation_attempts + 1,
                        cancellation_error = null where id = ?""").param(d.id()).update();
        }
    }

    private void retry(Kind k, Due d, String error) {
        long seconds = Math.min(props.dispatch().maxBackoff().toSeconds(), 10L << Math.min(d.dispatchAttempts(), 20));
        jdbc.sql("""
                update purchase_order set %1$s = 'RETRYING', %2$s = %2$s + 1, %3$s = ?,
                    %4$s = now() + make_interval(secs => ?)
                where id = ? and %1$s in ('PENDING', 'RETRYING')""".formatted(k.status, k.attempts, k.error, k.next))
                .params(error, (double) seconds, d.id()).update();
    }

    private void finish(Kind k, Due d, String status, String error) {
        jdbc.sql("update purchase_order set %1$s = ?, %2$s = %2$s + 1, %3$s = ?, %4$s = null where id = ?"
                        .formatted(k.status, k.attempts, k.error, k.next))
                .params(status, abbreviate(error), d.id()).update();
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 2000 ? s.substring(0, 2000) + "…" : s;
    }
}
