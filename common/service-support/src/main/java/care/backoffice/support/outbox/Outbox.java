package care.backoffice.support.outbox;

import org.springframework.jdbc.core.simple.JdbcClient;
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

    private final JdbcClient jdbc;
    private final JsonMapper json;

    public Outbox(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** @return true if queued, false if a message with this key was already queued for this destination */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean enqueue(String destination, String path, String messageKey, Object payload) {
        return jdbc.sql("""
                insert into outbox_message (destination, path, message_key, payload) values (?, ?, ?, ?)
                on conflict (destination, message_key) do nothing""")
                .params(destination, path, messageKey, json.writeValueAsString(payload))
                .update() == 1;
    }
}
