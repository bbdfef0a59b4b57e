package care.backoffice.stack;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/**
 * One stack for the whole end-to-end run (Keycloak takes most of a minute to start, so it is shared, never
 * started per test), on its own ports and data folder so a developer's ./backoffice up can run alongside.
 */
final class RunningStack {

    private static LocalStack stack;
    /**
     * HTTP/1.1, as the gateway speaks it: the JDK client's default (HTTP/2, trying an h2c upgrade on each new
     * connection) once left a POST through the gateway waiting for ever, which hung the whole suite.
     */
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(java.time.Duration.ofSeconds(10)).build();

    private RunningStack() {}

    /** Why the stack did not start: the other test classes fail at once with it instead of starting it again. */
    private static RuntimeException failedToStart;

    static synchronized LocalStack get() throws Exception {
        if (failedToStart != null) {
            throw new IllegalStateException("The e2e stack did not start (see the first failing test)", failedToStart);
        }
        if (stack == null) {
            Path root = StackSettings.findRoot();
            if (Boolean.getBoolean("e2e.attach")) {
                // Against a developer's ./backoffice up (ports and data folder from the BACKOFFICE_* variables).
                stack = LocalStack.attach(StackSettings.fromEnvironment(root));
                return stack;
            }
            Path data = root.resolve("local-stack/target/e2e-data");
            StackSettings settings = StackSettings.fromEnvironment(root).withDataDir(data)
                    .withPorts(Integer.parseInt(System.getProperty("e2e.base-port", "28080")));
            Files.createDirectories(data);
            // A fresh database every run: the month-end test reconciles what this run submitted against what the
            // services billed and paid, which leftovers of an earlier run would spoil. Keycloak's unpacked and
            // built distribution stays (that is the slow part of its first start); its data is in PostgreSQL.
            deleteTree(data.resolve("postgres"));
            deleteTree(data.resolve("month-end"));
            try {
                stack = LocalStack.start(settings, line -> System.out.println("[e2e stack] " + line));
            } catch (RuntimeException e) {
                failedToStart = e;
                throw e;
            }
            Runtime.getRuntime().addShutdownHook(new Thread(stack::close));
        }
        return stack;
    }

    static void deleteTree(Path dir) throws java.io.IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static care.backoffice.stack.api.Gateway gateway;

    /** The gateway as a person's app (or another service) sees it, with tokens from the real Keycloak. */
    static synchronized care.backoffice.stack.api.Gateway gateway() throws Exception {
        if (gateway == null) {
            gateway = new care.backoffice.stack.api.Gateway(get().settings().gatewayUrl(), get().settings().tokenUrl(),
                    "dev-only");
        }
        return gateway;
    }

    /** A real token from the real Keycloak, by the password grant a person's app would use. */
    static String passwordToken(String user) throws Exception {
        return gateway().token(user);
    }

    /** A service account's token (client credentials), as the services get for calls to each other. */
    static String serviceToken(String service) throws Exception {
        return gateway().token("service:" + service);
    }

    static String claims(String jwt) {
        return new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
    }

    static HttpResponse<String> call(String method, String path, String token, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(get().settings().gatewayUrl() + path))
                .timeout(java.time.Duration.ofMinutes(2))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
