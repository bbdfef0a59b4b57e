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
 * Sends placed orders to their suppliers as PEPPOL BIS Order documents, with retries. Suppliers are outside
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

    /** Sends every due order, batch after batch. @return how many orders were attempted */
    public int dispatchDue() {
        int total = 0;
        List<Due> batch;
        do {
            batch = claim();
            batch.forEach(this::send);
            total += batch.size();
        } while (batch.size() == BATCH);
        return total;
    }

    private List<Due> claim() {
        long leaseSeconds = props.dispatch().timeout().toSeconds() * 3 + 30;
        return jdbc.sql("""
                with due as (
                    select id from purchase_order
                    where dispatch_status in ('PENDING', 'RETRYING') and status = 'PLACED' and next_dispatch_at <= now()
                    order by next_dispatch_at limit :batch for update skip locked)
                update purchase_order o set next_dispatch_at = now() + make_interval(secs => :lease)
                from due, supplier s where o.id = due.id and s.id = o.supplier_id
                returning o.id, o.order_number, o.ubl_document, o.dispatch_attempts, s.order_endpoint_url,
                    s.peppol_participant_id""")
                .param("batch", BATCH).param("lease", (double) leaseSeconds)
                .query(Due.class).list();
    }

    private void send(Due d) {
        List<String> errors = d.peppolParticipantId() != null ? validator.errors(d.ublDocument())
                : validator.errorsForSupplierOutsidePeppol(d.ublDocument());
        if (!errors.isEmpty()) {
            log.error("Order {} is not a valid PEPPOL BIS Order and is not sent: {}", d.orderNumber(), errors);
            finish(d, "INVALID_DOCUMENT", String.join("\n", errors));
            return;
        }
        String url = d.orderEndpointUrl() != null ? d.orderEndpointUrl() : props.dispatch().peppolAccessPointUrl();
        if (url == null || url.isBlank()) {
            retry(d, "no route: the supplier has only a PEPPOL id and procurement.dispatch.peppol-access-point-url "
                    + "is not set");
            return;
        }
        try {
            RestClient.RequestBodySpec request = http.post().uri(url).contentType(MediaType.APPLICATION_XML)
                    .header("Idempotency-Key", d.orderNumber());
            if (d.peppolParticipantId() != null) {
                request = request.header("X-Peppol-Receiver", d.peppolParticipantId());
            }
            request.body(d.ublDocument()).retrieve().toBodilessEntity();
            jdbc.sql("""
                    update purchase_order set dispatch_status = 'DELIVERED', delivered_at = now(), next_dispatch_at = null,
                        dispatch_attempts = dispatch_attempts + 1, last_dispatch_error = null where id = ?""")
                    .param(d.id()).update();
        } catch (RestClientResponseException e) {
            int code = e.getStatusCode().value();
            String error = "HTTP " + code + " " + abbreviate(e.getResponseBodyAsString());
            if (code >= 500 || code == 408 || code == 429) {
                retry(d, error);
            } else {
                finish(d, "REFUSED", error);
            }
        } catch (RuntimeException e) {
            retry(d, abbreviate(e.toString()));
        }
    }

    private void retry(Due d, String error) {
        long seconds = Math.min(props.dispatch().maxBackoff().toSeconds(), 10L << Math.min(d.dispatchAttempts(), 20));
        jdbc.sql("""
                update purchase_order set dispatch_status = 'RETRYING', dispatch_attempts = dispatch_attempts + 1,
                    last_dispatch_error = ?, next_dispatch_at = now() + make_interval(secs => ?)
                where id = ? and status = 'PLACED'""")
                .params(error, (double) seconds, d.id()).update();
    }

    private void finish(Due d, String status, String error) {
        jdbc.sql("""
                update purchase_order set dispatch_status = ?, dispatch_attempts = dispatch_attempts + 1,
                    last_dispatch_error = ?, next_dispatch_at = null where id = ?""")
                .params(status, abbreviate(error), d.id()).update();
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 2000 ? s.substring(0, 2000) + "…" : s;
    }
}
