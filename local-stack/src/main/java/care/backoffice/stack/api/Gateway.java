package care.backoffice.stack.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The public entry point as a person's app sees it: tokens from Keycloak by the password grant (the demo users'
 * password on the local stack) and every call through the gateway. The demo generator, month-end and the
 * end-to-end tests all go this way, so nothing they do is something a real user could not do.
 */
public final class Gateway {

    public static final JsonMapper JSON = JsonMapper.builder().build();

    private final String baseUrl;
    private final String tokenUrl;
    private final String password;
    // HTTP/1.1 as the gateway speaks it (no h2c upgrade attempt on every new connection).
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();

    private record Token(String value, Instant expires) {}

    public Gateway(String baseUrl, String tokenUrl, String password) {
        this.baseUrl = baseUrl;
        this.tokenUrl = tokenUrl;
        this.password = password;
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** Someone signed in: a demo user (password grant) or a service account ("service:billing"). */
    public As as(String user) {
        return new As(this, user);
    }

    /**
     * A fresh-enough token; renewed a minute before it expires so a long month-end never uses a dead one. One
     * sign-in per user at a time: Keycloak's brute-force protection refuses concurrent sign-ins of one user (the
     * realm has it on) and answered many threads renewing dave's token at once with "user temporarily disabled".
     */
    public String token(String user) {
        Token t = tokens.get(user);
        if (t == null || Instant.now().isAfter(t.expires().minusSeconds(60))) {
            // compute() holds the key while it signs in: the other threads wait for that token instead of signing in too.
            t = tokens.compute(user, (u, old) -> old != null && Instant.now().isBefore(old.expires().minusSeconds(60))
                    ? old : fetchToken(u));
        }
        return t.value();
    }

    /** A new token from a confidential client's service account (client credentials), never cached. */
    public String clientToken(String clientId, String secret) {
        return fetch(Map.of("grant_type", "client_credentials", "client_id", clientId, "client_secret", secret), clientId)
                .value();
    }

    private Token fetchToken(String user) {
        Map<String, String> form = user.startsWith("service:")
                ? Map.of("grant_type", "client_credentials", "client_id", user.substring(8) + "-service",
                        "client_secret", user.substring(8) + "-service-dev-only-secret")
                : Map.of("grant_type", "password", "client_id", "backoffice-app", "username", user,
                        "password", password);
        return fetch(form, user);
    }

    private Token fetch(Map<String, String> form, String user) {
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        Answer a = send(HttpRequest.newBuilder(URI.create(tokenUrl))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        if (a.status() != 200) {
            throw new IllegalStateException("Keycloak refused a token for " + user + ": " + a.status() + " " + a.body());
        }
        JsonNode j = a.json();
        return new Token(j.get("access_token").asString(), Instant.now().plusSeconds(j.get("expires_in").asLong()));
    }

    Answer send(HttpRequest.Builder request) {
        for (int attempt = 0; ; attempt++) {
            try {
                HttpResponse<byte[]> res = http.send(request.timeout(Duration.ofMinutes(2)).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                // The gateway limits each client's rate; a generator is a fast client, so it waits as asked.
                if (res.statusCode() == 429 && attempt < 50) {
                    long wait = res.headers().firstValue("Retry-After").map(Long::parseLong).orElse(1L);
                    Thread.sleep(Math.max(200, wait * 1000));
                    continue;
                }
                return new Answer(res.statusCode(), res.body(), res.headers().map());
            } catch (IOException e) {
                if (attempt >= 2) {
                    throw new UncheckedIOException("No answer from " + request.build().uri() + ": " + e, e);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path));
    }

    /** Calls made as one person (or service account). */
    public static final class As {
        private final Gateway gateway;
        private final String user;

        As(Gateway gateway, String user) {
            this.gateway = gateway;
            this.user = user;
        }

        public String user() {
            return user;
        }

        public Answer get(String path) {
            return gateway.send(gateway.request(path).header("Authorization", "Bearer " + gateway.token(user)).GET());
        }

        public Answer post(String path, Object body, String idempotencyKey) {
            return write("POST", path, body, idempotencyKey);
        }

        public Answer put(String path, Object body) {
            return write("PUT", path, body, null);
        }

        public Answer write(String method, String path, Object body, String idempotencyKey) {
            String json = body instanceof String s ? s : JSON.writeValueAsString(body);
            HttpRequest.Builder b = gateway.request(path)
                    .header("Authorization", "Bearer " + gateway.token(user))
                    .header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json));
            if (idempotencyKey != null) {
                b.header("Idempotency-Key", idempotencyKey);
            }
            return gateway.send(b);
        }
    }

    /** An answer: status, body and headers; {@link #expect} turns an unexpected one into a readable failure. */
    public record Answer(int status, byte[] bytes, Map<String, java.util.List<String>> headers) {

        public String body() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        public JsonNode json() {
            return JSON.readTree(bytes);
        }

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }

        public Answer expect(String what, int... statuses) {
            for (int s : statuses) {
                if (s == status) {
                    return this;
                }
            }
            String b = body();
            throw new IllegalStateException(what + ": expected " + java.util.Arrays.toString(statuses) + " but got "
                    + status + " " + (b.length() > 800 ? b.substring(0, 800) + "…" : b));
        }
    }
}
