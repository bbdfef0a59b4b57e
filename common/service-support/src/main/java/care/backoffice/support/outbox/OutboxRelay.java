package care.backoffice.support.outbox;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;

/**
 * Delivers due outbox messages, oldest first. Rows are claimed with {@code FOR UPDATE SKIP LOCKED}, so several
 * replicas can relay side by side without sending a message twice at once.
 *
 * <p>Retry policy: a 2xx marks the message delivered. A 5xx, 408, 429 or a connection failure (the receiver is
 * down) is retried with exponential back-off from 2 s up to 10 min, for ever: a receiver that is down delays
 * a hand-off, it never drops one. Any other 4xx means the receiver refuses this message (e.g. 409: the same
 * document id with a different body); retrying cannot help, so it is marked FAILED and kept, visible to the
 * back office, never deleted.
 */
public class OutboxRelay {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final int BATCH = 50;

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final RestClient http;
    private final Map<String, String> destinations;

    public OutboxRelay(JdbcClient jdbc, TransactionTemplate tx, RestClient http, Map<String, String> destinations) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.http = http;
        this.destinations = destinations;
    }

    @Scheduled(fixedDelayString = "${backoffice.outbox.poll-interval:PT2S}",
            initialDelayString = "${backoffice.outbox.initial-delay:PT5S}")
    public void relay() {
        try {
            while (deliverDue() == BATCH) {
                // keep going while there is a full batch waiting
            }
        } catch (RuntimeException e) {
            log.warn("Outbox relay pass failed; will try again: {}", e.toString());
        }
    }

    /** Delivers one batch of due messages. @return how many were attempted */
    public int deliverDue() {
        Integer attempted = tx.execute(status -> {
            List<OutboxMessage> due = jdbc.sql("""
                    select * from outbox_message
                    where status = 'PENDING' and next_attempt_at <= now()
                    order by id limit ? for update skip locked""").param(BATCH).query(OutboxMessage.class).list();
            for (OutboxMessage m : due) {
                deliver(m);
            }
            return due.size();
        });
        return attempted == null ? 0 : attempted;
    }

    private void deliver(OutboxMessage m) {
        String base = destinations.get(m.destination());
        if (base == null) {
            retryLater(m, "no URL configured for destination '" + m.destination()
                    + "' (set backoffice.services." + m.destination() + ".url)");
            return;
        }
        try {
            http.post().uri(base + m.path())
                    .contentType(MediaType.APPLICATION_JSON)
                    .header("Idempotency-Key", m.destination() + ":" + m.messageKey())
                    .body(m.payload())
                    .retrieve().toBodilessEntity();
            jdbc.sql("update outbox_message set status = 'DELIVERED', delivered_at = now(), attempts = attempts + 1, "
                    + "last_error = null where id = ?").param(m.id()).update();
        } catch (RestClientResponseException e) {
            int code = e.getStatusCode().value();
            String error = code + " " + abbreviate(e.getResponseBodyAsString());
            if (code >= 500 || code == 408 || code == 429 || code == 401) {
                // 401: our token may have expired between fetch and use, or Keycloak is restarting.
                retryLater(m, error);
            } else {
                log.error("Outbox message {} to {} refused for good: {}", m.id(), m.destination(), error);
                jdbc.sql("update outbox_message set status = 'FAILED', attempts = attempts + 1, last_error = ? "
                        + "where id = ?").params(error, m.id()).update();
            }
        } catch (RuntimeException e) {
            retryLater(m, abbreviate(e.toString()));
        }
    }

    private void retryLater(OutboxMessage m, String error) {
        long seconds = Math.min(600, 2L << Math.min(m.attempts(), 9));
        // From the failure, not from now(), which is the start of the relay's transaction: a slow attempt (a
        // receiver timing out, a loaded machine) would otherwise be due again at once and the back-off lost.
        jdbc.sql("update outbox_message set attempts = attempts + 1, last_error = ?, "
                        + "next_attempt_at = clock_timestamp() + make_interval(secs => ?) where id = ?")
                .params(error, (double) Duration.ofSeconds(seconds).toSeconds(), m.id()).update();
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 500 ? s.substring(0, 500) + "…" : s;
    }
}
