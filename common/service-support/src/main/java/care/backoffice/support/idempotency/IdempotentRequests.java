package care.backoffice.support.idempotency;

import care.backoffice.support.problem.ApiException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Supplier;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Makes a create idempotent under an {@code Idempotency-Key}: the business change and the stored first answer
 * commit together, so a replay (even one racing the first request) gets the same status and body, and the
 * same key with a different request is a 409. If the create fails, nothing is stored and the key stays free.
 *
 * <p>Concurrency: the key row is inserted first; a concurrent request with the same key blocks on PostgreSQL's
 * unique index until the first transaction ends, then reads the committed answer.
 */
public class IdempotentRequests {

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final JsonMapper json;

    public IdempotentRequests(JdbcClient jdbc, TransactionTemplate tx, JsonMapper json) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.json = json;
    }

    public ResponseEntity<?> once(String scope, String idempotencyKey, Object request,
            Supplier<ResponseEntity<?>> create) {
        if (idempotencyKey == null || idempotencyKey.isBlank()) {
            return tx.execute(status -> create.get());
        }
        if (idempotencyKey.length() > 200) {
            throw new care.backoffice.support.problem.InvalidRequestException(java.util.List.of(
                    new care.backoffice.support.problem.InvalidRequestException.FieldProblem(
                            "Idempotency-Key", "must be at most 200 characters")));
        }
        String hash = sha256(json.writeValueAsString(request));
        // Keys belong to the caller: the same key from someone else is a different request, and never
        // replays another caller's answer.
        String callerScope = scope + ":" + care.backoffice.support.security.CurrentUser.get().name();
        return tx.execute(status -> {
            int inserted = jdbc.sql("""
                    insert into idempotent_request (scope, idempotency_key, request_hash) values (?, ?, ?)
                    on conflict do nothing""").params(callerScope, idempotencyKey, hash).update();
            if (inserted == 0) {
                return replay(callerScope, idempotencyKey, hash);
            }
            ResponseEntity<?> answer = create.get();
            jdbc.sql("update idempotent_request set response_status = ?, response_body = ? "
                            + "where scope = ? and idempotency_key = ?")
                    .params(answer.getStatusCode().value(),
                            answer.getBody() == null ? null : json.writeValueAsString(answer.getBody()),
                            callerScope, idempotencyKey)
                    .update();
            return answer;
        });
    }

    private ResponseEntity<?> replay(String scope, String key, String hash) {
        Stored stored = jdbc.sql("select request_hash, response_status, response_body from idempotent_request "
                        + "where scope = ? and idempotency_key = ?")
                .params(scope, key).query(Stored.class).single();
        if (!stored.requestHash().equals(hash)) {
            throw new ApiException(409, "Idempotency key reused",
                    "Idempotency-Key " + key + " was already used with a different request");
        }
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(stored.responseStatus())
                .header("Idempotent-Replayed", "true");
        return stored.responseBody() == null ? answer.build()
                : answer.contentType(MediaType.APPLICATION_JSON).body(stored.responseBody());
    }

    record Stored(String requestHash, int responseStatus, String responseBody) {}

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
