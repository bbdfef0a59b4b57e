package care.backoffice.payroll.idempotency;

import care.backoffice.support.problem.ApiException;
import care.backoffice.support.problem.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs a create once per {@code Idempotency-Key}: the first answer (status and body) is stored in the same
 * transaction as the business change and replayed for the same key and the same request; the same key with a
 * different request is a 409. Without a key the create simply runs.
 *
 * <p>Concurrency: the key row is claimed first ({@code insert … on conflict do nothing}); a second request with
 * the same key waits on the unique index until the first commits, then reads its answer. A create that fails
 * (bad input, conflict) rolls back together with its key, so a corrected retry may reuse the key.
 */
@Component
public class IdempotentCreates {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,200}");

    /** What a create answers: the HTTP status, the JSON body, and optionally where the new thing lives. */
    public record Answer(int status, String json, String location) {}

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;

    public IdempotentCreates(JdbcClient jdbc, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    /**
     * @param scope         caller and endpoint, e.g. {@code alice POST /api/payroll/teams/t/members}
     * @param key           the client's key, or null
     * @param canonicalBody the request in a canonical form (same request → same text); only worked out with a key
     * @param create        does the work and returns the answer; runs inside the transaction
     */
    public ResponseEntity<String> run(String scope, String key, Supplier<String> canonicalBody, Supplier<Answer> create) {
        if (key != null && !KEY.matcher(key).matches()) {
            throw InvalidRequestException.of(HEADER, "must be 1 to 200 visible ASCII characters");
        }
        String hash = key == null ? null : sha256(canonicalBody.get());
        return tx.execute(status -> {
            if (key == null) {
                return toResponse(create.get(), false);
            }
            int claimed = jdbc.sql("""
                    insert into idempotency_key (scope, idem_key, request_hash) values (?, ?, ?)
                    on conflict do nothing""").params(scope, key, hash).update();
            if (claimed == 0) {
                var stored = jdbc.sql("""
                        select request_hash, response_status, response_body from idempotency_key
                        where scope = ? and idem_key = ?""").params(scope, key)
                        .query((rs, n) -> new Object[] {rs.getString(1), rs.getInt(2), rs.getString(3)}).single();
                if (!hash.equals(stored[0])) {
                    throw new ApiException(409, "Conflict",
                            "This Idempotency-Key was already used with a different request");
                }
                return toResponse(new Answer((Integer) stored[1], (String) stored[2], null), true);
            }
            Answer answer = create.get();
            jdbc.sql("update idempotency_key set response_status = ?, response_body = ? where scope = ? and idem_key = ?")
                    .params(answer.status(), answer.json(), scope, key).update();
            return toResponse(answer, false);
        });
    }

    private static ResponseEntity<String> toResponse(Answer a, boolean replayed) {
        ResponseEntity.BodyBuilder b = ResponseEntity.status(a.status()).contentType(MediaType.APPLICATION_JSON);
        if (a.location() != null) {
            b.header(HttpHeaders.LOCATION, a.location());
        }
        if (replayed) {
            b.header(REPLAYED_HEADER, "true");
        }
        return b.body(a.json());
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
