package care.backoffice.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A real PostgreSQL for integration tests: zonky's embedded binaries (from a Maven artifact, started
 * under {@code unshare -U} when run as root), one server per test JVM. Set {@code TEST_PG_URL}
 * (e.g. {@code jdbc:postgresql://localhost:5432/postgres?user=postgres}) to use an existing server instead,
 * for a machine without unprivileged user namespaces.
 *
 * <p>Each call of {@link #register} creates a fresh database with its own owner role, as each service
 * has in production, so Spring contexts with different configurations do not see each other's rows.
 */
public final class TestDatabase {

    private static EmbeddedPostgres server;
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private TestDatabase() {}

    /** Points the Spring datasource at a fresh database owned by a role named {@code prefix}_n. */
    public static synchronized void register(DynamicPropertyRegistry registry, String prefix) {
        String name = prefix + "_" + COUNTER.incrementAndGet();
        String password = "test-only-" + name;
        String adminUrl = adminUrl();
        try (Connection c = java.sql.DriverManager.getConnection(adminUrl); Statement s = c.createStatement()) {
            s.execute("create role " + name + " login password '" + password + "'");
            s.execute("create database " + name + " owner " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create test database " + name, e);
        }
        String url = adminUrl.replaceFirst("/[^/?]+(\\?|$)", "/" + name + "$1").replaceFirst("\\?.*$", "");
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> name);
        registry.add("spring.datasource.password", () -> password);
    }

    /** A JDBC URL with superuser rights on the test server (user and password in the query string). */
    public static synchronized String adminUrl() {
        String external = System.getenv("TEST_PG_URL");
        if (external != null && !external.isBlank()) {
            return external;
        }
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder()
                        .setServerConfig("fsync", "off")
                        .setServerConfig("synchronous_commit", "off")
                        .setServerConfig("max_connections", "300")
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("Embedded PostgreSQL did not start; set TEST_PG_URL to use another", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.close();
                } catch (IOException ignored) {
                    // the JVM is going away; the temp directory is removed with it
                }
            }));
        }
        return server.getJdbcUrl("postgres", "postgres");
    }
}
