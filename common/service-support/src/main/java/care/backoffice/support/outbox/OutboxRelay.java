package care.backoffice.support.outbox;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Delivers due outbox messages, oldest first. Rows are claimed with {@code FOR UPDATE SKIP LOCKED}, so several
 * replicas can relay side by side without sending a message twice at once.
 *
 * <p>Retry policy: a 2xx marks the message delivered. A 5xx, 408, 429, 401 or a connection failure (the receiver is
 * down) is retried with exponential back-off from 2 s up to 10 min, for ever: a receiver that is down delays
 * a hand-off, it never drops one. Any other 4xx means the receiver refuses this message (e.g. 409: the same
 * document id with a different body); retrying cannot help, so it is marked FAILED and kept, visible to the
 * back office, never deleted.
 *
 * <h2>Batch delivery</h2>
 * A receiver that takes many messages in one request says so in the sender's configuration:
 * <pre>
 * backoffice:
 *   services:
 *     billing:
 *       url: http://billing:8081
 *       batch-paths: /api/billing/care-delivered      # comma-separated; each path's batch URL is path + "/batch"
 *   outbox:
 *     batch-size: 500                                 # messages per batch request (default 500)
 * </pre>
 * Messages of such a destination and path (a <em>lane</em>) are then posted {@code batch-size} at a time to
 * {@code url + path + "/batch"} as one JSON array of their payloads, in id order (the payloads are JSON text
 * already and are copied into the array as they are), with {@code Idempotency-Key:
 * <destination>:batch:<first id>-<last id>:<count>}. The receiver answers 200 with a JSON array of as many items,
 * in the same order, each an object with an HTTP-like integer {@code status}; each message gets its item's
 * verdict under the policy above (2xx delivered; 408, 429, 401, 5xx retried; any other status FAILED, with the
 * item as the error). A receiver applies a batch in one transaction, so the whole request failing (connection
 * refused, timeout, 401, 408, 429, 5xx, or an answer that is not such an array) retries every message of the
 * batch later, exactly as single messages are. Any other 4xx of the whole request — 404 or 405 from a receiver
 * that has no batch endpoint yet, 400 or 413 from one that refuses the batch as a whole — sends the batch's
 * messages one by one instead, so that each gets its own verdict and no message is failed for a neighbour.
 * Messages of every other destination and path are delivered one per request, as before.
 *
 * <h3>Order within a lane</h3>
 * A batch is the lane's oldest PENDING messages, in id order, <em>up to the first one still in its back-off</em>:
 * while the oldest pending message waits, the lane waits. So one relay never sends a later message (e.g. version 3
 * of a visit) before an earlier one of its lane that is still pending; during an outage it retries one batch per
 * back-off period instead of pushing the whole backlog into back-off a batch at a time; and a claim reads at most
 * {@code batch-size} rows of the index {@code outbox_message_pending_lane}. The price: an item the receiver answers
 * with a retryable status holds its lane until its back-off ends (at most 10 minutes). What this does not promise:
 * order across replicas (a second relay skips the rows the first has locked and may deliver later ones first), nor
 * after a lost answer (the relay cannot tell a request that was applied from one that was not, and sends it again
 * after later ones may have gone). Receivers therefore stay idempotent and version-aware, as billing's care
 * delivered is: an equal or lower version arriving late is a REPLAY that changes nothing. The one-by-one delivery
 * of other paths goes path by path, each path's oldest first, and skips messages in back-off, as it always has.
 *
 * <h3>Draining a backlog</h3>
 * A scheduled pass ({@code backoffice.outbox.poll-interval}, 2 s) keeps going round while any lane delivered a
 * full batch (or the one-by-one delivery found a full claim of 50), so a backlog of half a million messages drains
 * in one pass, batch after batch. The one-by-one delivery is asked again within a pass only when its last claim was
 * full or two seconds have gone by, so that a long drain of a batch lane does not starve it.
 */
public class OutboxRelay {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final int SINGLE_BATCH = 50;
    public static final int DEFAULT_BATCH_SIZE = 500;
    private static final long OTHERS_EVERY_NANOS = Duration.ofSeconds(2).toNanos();

    /** Where a destination is, and which of its paths take batches ({@code path + "/batch"}). */
    public record Destination(String url, Set<String> batchPaths) {

        public Destination {
            batchPaths = batchPaths == null ? Set.of() : Set.copyOf(batchPaths);
        }
    }

    /** One destination and path delivered in batches. */
    record Lane(String destination, String path) {}

    private record Claimed(OutboxMessage message, boolean due) {}

    private record LaneRound(int attempted, boolean more) {}

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final RestClient http;
    private final JsonMapper json;
    private final Map<String, String> urls = new LinkedHashMap<>();
    private final List<Lane> lanes = new ArrayList<>();
    private final int batchSize;

    /** A hand-written mapper: a reflective one cost more JVM time per message than building the batch did. */
    private static final RowMapper<OutboxMessage> MESSAGE = (rs, n) -> new OutboxMessage(rs.getLong("id"),
            rs.getString("destination"), rs.getString("path"), rs.getString("message_key"), rs.getString("payload"),
            rs.getString("status"), rs.getInt("attempts"), rs.getObject("next_attempt_at", OffsetDateTime.class),
            rs.getString("last_error"), rs.getObject("created_at", OffsetDateTime.class),
            rs.getObject("delivered_at", OffsetDateTime.class));
    private static final RowMapper<Claimed> CLAIMED = (rs, n) -> new Claimed(MESSAGE.mapRow(rs, n), rs.getBoolean("due"));

    /**
     * The destinations and paths that have pending messages: a loose index scan of {@code outbox_message_pending_lane},
     * one index probe per path, however many messages are pending. (Sorting every due message to find the oldest
     * 50 of the other paths cost PostgreSQL 0.11 s per claim with 200,000 care visits queued.)
     */
    public static final String PENDING_PATHS = """
            with recursive pending (destination, path) as (
                (select destination, path from outbox_message where status = 'PENDING'
                 order by destination, path limit 1)
                union all
                select nxt.destination, nxt.path from pending p cross join lateral (
                    select o.destination, o.path from outbox_message o
                    where o.status = 'PENDING' and (o.destination, o.path) > (p.destination, p.path)
                    order by o.destination, o.path limit 1) nxt)
            select destination, path from pending""";

    /**
     * A lane's oldest pending messages, each saying whether it is due (parameters: destination, path, how many).
     * Public, like {@link #PENDING_PATHS} and {@link #MARK_DELIVERED}, so that a benchmark can show the plans of the
     * relay's own statements on a real backlog.
     */
    public static final String CLAIM_LANE = """
            select m.*, m.next_attempt_at <= now() as due from outbox_message m
            where destination = ? and path = ? and status = 'PENDING'
            order by id limit ? for update skip locked""";

    /** Marks the delivered messages of a batch (parameter: their ids, an int8 array). */
    public static final String MARK_DELIVERED = """
            update outbox_message set status = 'DELIVERED', delivered_at = now(), attempts = attempts + 1,
                last_error = null
            where id = any(?)""";

    /** One message per request to every destination (no batch paths). */
    public OutboxRelay(JdbcClient jdbc, TransactionTemplate tx, RestClient http, Map<String, String> destinations) {
        this(jdbc, tx, http, JsonMapper.builder().build(), plain(destinations), DEFAULT_BATCH_SIZE);
    }

    public OutboxRelay(JdbcClient jdbc, TransactionTemplate tx, RestClient http, JsonMapper json,
            Map<String, Destination> destinations, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("backoffice.outbox.batch-size must be at least 1, not " + batchSize);
        }
        this.jdbc = jdbc;
        this.tx = tx;
        this.http = http;
        this.json = json;
        this.batchSize = batchSize;
        destinations.forEach((name, d) -> {
            urls.put(name, d.url());
            d.batchPaths().stream().filter(p -> p != null && !p.isBlank()).sorted()
                    .forEach(p -> lanes.add(new Lane(name, p.strip())));
        });
    }

    private static Map<String, Destination> plain(Map<String, String> urls) {
        Map<String, Destination> out = new LinkedHashMap<>();
        urls.forEach((name, url) -> out.put(name, new Destination(url, Set.of())));
        return out;
    }

    @Scheduled(fixedDelayString = "${backoffice.outbox.poll-interval:PT2S}",
            initialDelayString = "${backoffice.outbox.initial-delay:PT5S}")
    public void relay() {
        try {
            boolean more;
            boolean othersMore = true;
            long othersAt = System.nanoTime();
            do {
                more = false;
                for (Lane lane : lanes) {
                    more |= deliverBatch(lane).more();
                }
                if (othersMore || System.nanoTime() - othersAt >= OTHERS_EVERY_NANOS) {
                    othersMore = deliverOthers() == SINGLE_BATCH;
                    othersAt = System.nanoTime();
                }
                more |= othersMore;
            } while (more);
        } catch (RuntimeException e) {
            log.warn("Outbox relay pass failed; will try again: {}", e.toString());
        }
    }

    /**
     * One round: a batch of each batch lane, then up to 50 due messages of the other destinations and paths.
     * @return how many messages were attempted
     */
    public int deliverDue() {
        int attempted = 0;
        for (Lane lane : lanes) {
            attempted += deliverBatch(lane).attempted();
        }
        return attempted + deliverOthers();
    }

    /**
     * Up to 50 due messages of the destinations and paths without batches, one request each: path by path, each
     * path's oldest first, skipping those in back-off.
     */
    private int deliverOthers() {
        Integer attempted = tx.execute(status -> {
            int n = 0;
            for (Lane path : jdbc.sql(PENDING_PATHS).query((rs, i) -> new Lane(rs.getString(1), rs.getString(2))).list()) {
                if (lanes.contains(path)) {
                    continue;
                }
                List<OutboxMessage> due = jdbc.sql("""
                                select * from outbox_message
                                where destination = ? and path = ? and status = 'PENDING' and next_attempt_at <= now()
                                order by id limit ? for update skip locked""")
                        .params(path.destination(), path.path(), SINGLE_BATCH - n).query(MESSAGE).list();
                for (OutboxMessage m : due) {
                    deliver(m);
                }
                n += due.size();
                if (n == SINGLE_BATCH) {
                    break;
                }
            }
            return n;
        });
        return attempted == null ? 0 : attempted;
    }

    /** The lane's oldest pending messages up to the first in back-off, in one request (see the class comment). */
    private LaneRound deliverBatch(Lane lane) {
        LaneRound round = tx.execute(status -> {
            List<Claimed> oldest = jdbc.sql(CLAIM_LANE)
                    .params(lane.destination(), lane.path(), batchSize).query(CLAIMED).list();
            List<OutboxMessage> batch = new ArrayList<>(oldest.size());
            for (Claimed c : oldest) {
                if (!c.due()) {
                    break;
                }
                batch.add(c.message());
            }
            if (batch.isEmpty()) {
                return new LaneRound(0, false);
            }
            boolean wholeRequestDone = send(lane, batch);
            return new LaneRound(batch.size(), wholeRequestDone && batch.size() == batchSize);
        });
        return round == null ? new LaneRound(0, false) : round;
    }

    /** @return false if the request as a whole failed and the batch waits for a retry */
    private boolean send(Lane lane, List<OutboxMessage> batch) {
        String base = urls.get(lane.destination());
        if (base == null) {
            retryAllLater(batch, noUrl(lane.destination()));
            return false;
        }
        int length = 2 + batch.size();
        for (OutboxMessage m : batch) {
            length += m.payload().length();
        }
        StringBuilder body = new StringBuilder(length).append('[');
        for (int i = 0; i < batch.size(); i++) {
            body.append(i == 0 ? "" : ",").append(batch.get(i).payload());
        }
        body.append(']');
        String answer;
        try {
            answer = http.post().uri(base + lane.path() + "/batch")
                    .contentType(MediaType.APPLICATION_JSON)
                    .header("Idempotency-Key", lane.destination() + ":batch:" + batch.get(0).id() + "-"
                            + batch.get(batch.size() - 1).id() + ":" + batch.size())
                    .body(body.toString())
                    .retrieve().body(String.class);
        } catch (RestClientResponseException e) {
            int code = e.getStatusCode().value();
            String error = code + " " + abbreviate(e.getResponseBodyAsString());
            if (retryable(code)) {
                retryAllLater(batch, "batch request: " + error);
                return false;
            }
            // No batch endpoint (404, 405), or the batch refused as a whole (400, 413, ...): one by one, so that
            // each message gets its own verdict.
            log.warn("Batch of {} outbox messages to {}{} answered {}; delivering them one by one", batch.size(),
                    lane.destination(), lane.path(), error);
            batch.forEach(this::deliver);
            return true;
        } catch (RuntimeException e) {
            retryAllLater(batch, "batch request: " + abbreviate(e.toString()));
            return false;
        }
        JsonNode items;
        try {
            items = answer == null ? null : json.readTree(answer);
        } catch (JacksonException e) {
            items = null;
        }
        if (items == null || !items.isArray() || items.size() != batch.size() || !allHaveStatus(items)) {
            // Applied or not, we cannot tell which: the receiver is idempotent, so the whole batch goes again later.
            log.error("Batch of {} outbox messages to {}{}: the answer is not {} items with a status: {}", batch.size(),
                    lane.destination(), lane.path(), batch.size(), abbreviate(answer));
            retryAllLater(batch, "batch answer is not " + batch.size() + " items with a status: " + abbreviate(answer));
            return false;
        }
        List<Long> delivered = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            OutboxMessage m = batch.get(i);
            int code = items.get(i).get("status").asInt();
            if (code >= 200 && code < 300) {
                delivered.add(m.id());
            } else if (retryable(code)) {
                retryLater(m, code + " " + abbreviate(items.get(i).toString()));
            } else {
                fail(m, code + " " + abbreviate(items.get(i).toString()));
            }
        }
        if (!delivered.isEmpty()) {
            jdbc.sql(MARK_DELIVERED).param(new SqlArrayValue("int8", delivered.toArray())).update();
        }
        return true;
    }

    private static boolean allHaveStatus(JsonNode items) {
        for (JsonNode item : items) {
            JsonNode status = item == null ? null : item.get("status");
            if (status == null || !status.isIntegralNumber()) {
                return false;
            }
        }
        return true;
    }

    private void deliver(OutboxMessage m) {
        String base = urls.get(m.destination());
        if (base == null) {
            retryLater(m, noUrl(m.destination()));
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
            if (retryable(code)) {
                retryLater(m, error);
            } else {
                fail(m, error);
            }
        } catch (RuntimeException e) {
            retryLater(m, abbreviate(e.toString()));
        }
    }

    /** 401: our token may have expired between fetch and use, or Keycloak is restarting. */
    private static boolean retryable(int code) {
        return code >= 500 || code == 408 || code == 429 || code == 401;
    }

    private static String noUrl(String destination) {
        return "no URL configured for destination '" + destination + "' (set backoffice.services." + destination + ".url)";
    }

    private void fail(OutboxMessage m, String error) {
        log.error("Outbox message {} to {} refused for good: {}", m.id(), m.destination(), error);
        jdbc.sql("update outbox_message set status = 'FAILED', attempts = attempts + 1, last_error = ? where id = ?")
                .params(error, m.id()).update();
    }

    private void retryLater(OutboxMessage m, String error) {
        long seconds = Math.min(600, 2L << Math.min(m.attempts(), 9));
        // From the failure, not from now(), which is the start of the relay's transaction: a slow attempt (a
        // receiver timing out, a loaded machine) would otherwise be due again at once and the back-off lost.
        jdbc.sql("update outbox_message set attempts = attempts + 1, last_error = ?, "
                        + "next_attempt_at = clock_timestamp() + make_interval(secs => ?) where id = ?")
                .params(error, (double) Duration.ofSeconds(seconds).toSeconds(), m.id()).update();
    }

    /** {@link #retryLater} for every message of a batch, in one statement: each by its own number of attempts. */
    private void retryAllLater(List<OutboxMessage> batch, String error) {
        jdbc.sql("""
                        update outbox_message set attempts = attempts + 1, last_error = ?,
                            next_attempt_at = clock_timestamp() + make_interval(secs => least(600, 2 << least(attempts, 9)))
                        where id = any(?)""")
                .params(error, new SqlArrayValue("int8", batch.stream().map(OutboxMessage::id).toArray()))
                .update();
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 500 ? s.substring(0, 500) + "…" : s;
    }
}
