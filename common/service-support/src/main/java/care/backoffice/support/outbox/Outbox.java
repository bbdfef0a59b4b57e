package care.backoffice.support.outbox;

import java.util.List;
import java.util.function.Function;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Announces a business change to another service without ever losing it: the message is a row written in the
 * caller's own transaction, so it exists exactly when the change does. {@link OutboxRelay} delivers it later.
 *
 * <p>{@code messageKey} names the message for its destination (e.g. the hours entry id and version, or the
 * journal's source document id): enqueuing the same key twice keeps the first, so a retried business step
 * does not send twice. The receiver still deduplicates by the source document id, because a delivery whose
 * answer was lost is sent again.
 */
public class Outbox {

    private static final String INSERT = """
            insert into outbox_message (destination, path, message_key, payload) values (?, ?, ?, ?)
            on conflict (destination, message_key) do nothing""";

    private final JdbcTemplate jdbc;
    private final JsonMapper json;

    public Outbox(JdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** @return true if queued, false if a message with this key was already queued for this destination */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean enqueue(String destination, String path, String messageKey, Object payload) {
        return jdbc.update(INSERT, destination, path, messageKey, json.writeValueAsString(payload)) == 1;
    }

    /**
     * Many messages to one destination in one JDBC batch (one round trip), with the same rules as
     * {@link #enqueue}: e.g. every care visit of a bulk hours submission. {@code messageKey} names each message.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public <T> void enqueueAll(String destination, String path, List<T> payloads, Function<T, String> messageKey) {
        if (payloads.isEmpty()) {
            return;
        }
        jdbc.batchUpdate(INSERT, payloads, payloads.size(), (ps, payload) -> {
            ps.setString(1, destination);
            ps.setString(2, path);
            ps.setString(3, messageKey.apply(payload));
            ps.setString(4, json.writeValueAsString(payload));
        });
    }
}
