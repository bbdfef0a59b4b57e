package care.backoffice.billing.care;

import care.backoffice.billing.benchmark.CpuMeter;

import care.backoffice.support.outbox.OutboxRelay;
import care.backoffice.testing.TestDatabase;
import care.backoffice.testing.TestTokens;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Care delivered at volume, over real HTTP (Tomcat, JWT check, JSON, the service's PostgreSQL): visits posted one per
 * request (the old way), in batches of 500 to {@code /batch}, and through the shared {@code OutboxRelay} draining a
 * backlog in its outbox (billing's own outbox standing in for payroll's, destination {@code billing} = this server).
 * Runs only on demand:
 * <pre>./mvnw -B -o -pl billing-service test -Dtest=CareDeliveredBatchBenchmark -Dbenchmark=true
 *     [-Dbenchmark.visits=200000 -Dbenchmark.batchSize=500 -Dbenchmark.singles=2000]</pre>
 * It prints visits per second and CPU seconds of this JVM (client and server both) and of PostgreSQL; it asserts only
 * that every visit arrived.
 */
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class CareDeliveredBatchBenchmark {

    static final String PATH = "/api/billing/care-delivered";
    static final int PORT = freePort();
    static final int CLIENTS = 1_000;
    /** Stands in for Keycloak's token endpoint, where the relay gets its client-credentials token. */
    static final WireMockServer KEYCLOAK = new WireMockServer(WireMockConfiguration.options().dynamicPort());

    static {
        KEYCLOAK.start();
    }

    /**
     * Not {@code BillingIntegrationTest}'s setup: that one turns the relay's client credentials off and runs its
     * schedule every 0.3 s; here the relay authenticates as payroll's would and runs only when the benchmark says.
     */
    @DynamicPropertySource
    static void thisServerAsTheRelaysBilling(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry, "billing");
        TestTokens.register(registry);
        registry.add("server.port", () -> PORT);
        registry.add("backoffice.services.billing.url", () -> "http://localhost:" + PORT);
        registry.add("backoffice.services.billing.batch-paths", () -> PATH);
        registry.add("backoffice.services.finance.url", KEYCLOAK::baseUrl);
        registry.add("backoffice.outbox.batch-size", () -> Integer.getInteger("benchmark.batchSize", 500));
        registry.add("backoffice.outbox.initial-delay", () -> "PT10H");
        registry.add("backoffice.oauth.client-id", () -> "payroll-service");
        registry.add("backoffice.oauth.client-secret", () -> "benchmark-only");
        registry.add("backoffice.oauth.token-uri", () -> KEYCLOAK.baseUrl() + "/token");
    }

    @AfterAll
    static void stop() {
        KEYCLOAK.stop();
    }

    @Autowired
    JdbcClient jdbc;
    @Autowired
    OutboxRelay relay;
    @Autowired
    Environment env;
    @Autowired
    TransactionTemplate tx;

    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    final String token = TestTokens.token("service-account-payroll-service", List.of("service-payroll"), null,
            Duration.ofHours(3));
    int day;

    @Test
    void careDeliveredOneByOneInBatchesAndThroughTheRelay() throws Exception {
        int visits = Integer.getInteger("benchmark.visits", 200_000);
        int batchSize = Integer.getInteger("benchmark.batchSize", 500);
        int singles = Integer.getInteger("benchmark.singles", 2_000);
        int amendments = Integer.getInteger("benchmark.amendments", 20_000);
        clientsWithFundingAndPrices();
        long postmaster = CpuMeter.parent(jdbc.sql("select pg_backend_pid()").query(Long.class).single());

        // Warm-up (JIT, connection pool, plan caches): 10,000 visits in batches and 200 single posts, not counted.
        post(10_000, batchSize, new ArrayList<>());
        postOneByOne(200);

        Measured one = measure(postmaster, () -> postOneByOne(singles));
        List<String> posted = new ArrayList<>();
        Measured batches = measure(postmaster, () -> post(visits, batchSize, posted));
        Measured amended = measure(postmaster, () -> amend(posted.subList(0, Math.min(amendments, posted.size())), batchSize));
        KEYCLOAK.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post("/token").willReturn(
                com.github.tomakehurst.wiremock.client.WireMock.aResponse().withHeader("Content-Type", "application/json")
                        .withBody("{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\",\"expires_in\":10000}")));
        long queued = queueInOutbox(visits);
        String plans = plans(batchSize);
        Measured relayed = measure(postmaster, () -> relay.relay());
        long delivered = jdbc.sql("select count(*) from outbox_message where destination = 'billing' and status = 'DELIVERED'")
                .query(Long.class).single();
        if (delivered != queued) {
            throw new AssertionError("the relay delivered " + delivered + " of " + queued + " visits; client "
                    + env.getProperty("backoffice.oauth.client-id") + ", billing at "
                    + env.getProperty("backoffice.services.billing.url") + " " + env.getProperty("backoffice.services.billing.batch-paths")
                    + "; first errors: " + jdbc.sql("select attempts || ' ' || coalesce(last_error, '-') from outbox_message "
                            + "where destination = 'billing' order by id limit 3").query(String.class).list());
        }

        System.out.printf("""

                ==== care delivered benchmark (real HTTP; JVM CPU = client + server) ====
                relay schedule         initial delay %s (driven by the benchmark), relay's client %s
                one by one             %s
                batches of %d          %s
                amendments (v2) in batches of %d: %s
                outbox relay -> batch  %s
                visits in care_delivered %,d; load %s
                relay's claims with the backlog queued (EXPLAIN ANALYZE):
                %s
                ==========================================================================
                %n""", env.getProperty("backoffice.outbox.initial-delay"), env.getProperty("backoffice.oauth.client-id"),
                one.describe(singles), batchSize, batches.describe(visits), batchSize,
                amended.describe(Math.min(amendments, posted.size())), relayed.describe(queued),
                jdbc.sql("select count(*) from care_delivered").query(Long.class).single(), CpuMeter.loadAverage(), plans);
    }

    /** One funder and contract pricing every care type; CLIENTS clients funded by it, so every visit is billable. */
    void clientsWithFundingAndPrices() {
        UUID funder = UUID.randomUUID();
        UUID contract = UUID.randomUUID();
        jdbc.sql("""
                insert into funder (id, legal_name, type, address_line1, city, postcode, email, payment_terms_days, created_by)
                values (?, 'Benchmark council', 'LOCAL_AUTHORITY', '1 Road', 'Town', 'AB1 2CD', 'a@b.example', 30, 'benchmark')""")
                .param(funder).update();
        jdbc.sql("""
                insert into contract (id, funder_id, reference, purchase_order_number, billing_unit, rounding, charged_time,
                    output, starts_on, created_by)
                values (?, ?, 'CON-B', 'PO-B', 'MINUTE', 'UP', 'ACTUAL', 'PDF_EMAIL', date '2026-01-01', 'benchmark')""")
                .params(contract, funder).update();
        jdbc.sql("""
                insert into contract_rate (contract_id, care_type, hourly_rate, effective_from, created_by)
                select ?, t, 24.50, date '2026-01-01', 'benchmark' from unnest(array['PERSONAL_CARE','NURSING_CARE',
                    'DOMESTIC_SUPPORT','SOCIAL_SUPPORT','RESPITE_CARE']) t""").param(contract).update();
        jdbc.sql("""
                insert into client (id, name, address_line1, city, postcode, email, created_by)
                select 'bench-c-' || g, 'Client ' || g, g || ' Lane', 'Town', 'AB1 2CD', null, 'benchmark'
                from generate_series(0, ? - 1) g""").param(CLIENTS).update();
        jdbc.sql("""
                insert into client_funding (id, client_id, funder_id, valid_from, package, funder_reference, created_by)
                select gen_random_uuid(), 'bench-c-' || g, ?, date '2026-01-01', 'COUNCIL_PACKAGE', 'REF-' || g, 'benchmark'
                from generate_series(0, ? - 1) g""").params(funder, CLIENTS).update();
    }

    String visit(String id, int version, int n) {
        return "{\"hoursEntryId\":\"" + id + "\",\"version\":" + version + ",\"status\":\"ACTIVE\",\"team\":\"team-"
                + (n % 1250) + "\",\"employeeId\":\"emp-" + (n % 15000) + "\",\"clientId\":\"bench-c-" + (n % CLIENTS)
                + "\",\"careType\":\"PERSONAL_CARE\",\"date\":\"2026-10-" + String.format("%02d", 1 + n % 28)
                + "\",\"start\":\"" + String.format("%02d:%02d", 7 + (n % 600) / 60, n % 60) + "\",\"minutes\":"
                + (15 + (n * 7) % 76 + version - 1) + ",\"plannedMinutes\":null}";
    }

    void post(int visits, int batchSize, List<String> ids) throws Exception {
        for (int from = 0; from < visits; from += batchSize) {
            StringBuilder body = new StringBuilder(batchSize * 300).append('[');
            for (int i = from; i < Math.min(visits, from + batchSize); i++) {
                String id = UUID.randomUUID().toString();
                ids.add(id);
                body.append(i == from ? "" : ",").append(visit(id, 1, day++));
            }
            send(PATH + "/batch", body.append(']').toString(), 200);
        }
    }

    void amend(List<String> ids, int batchSize) throws Exception {
        for (int from = 0; from < ids.size(); from += batchSize) {
            StringBuilder body = new StringBuilder(batchSize * 300).append('[');
            for (int i = from; i < Math.min(ids.size(), from + batchSize); i++) {
                body.append(i == from ? "" : ",").append(visit(ids.get(i), 2, i));
            }
            send(PATH + "/batch", body.append(']').toString(), 200);
        }
    }

    void postOneByOne(int visits) throws Exception {
        for (int i = 0; i < visits; i++) {
            send(PATH, visit(UUID.randomUUID().toString(), 1, day++), 201);
        }
    }

    void send(String path, String body, int expected) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + PORT + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != expected) {
            throw new AssertionError(path + " answered " + answer.statusCode() + ": " + answer.body());
        }
    }

    /** A backlog as payroll's hours intake leaves it: one message per visit, oldest first. */
    long queueInOutbox(int visits) {
        return jdbc.sql("""
                insert into outbox_message (destination, path, message_key, payload)
                select 'billing', ?, id || ':1', json_build_object('hoursEntryId', id, 'version', 1, 'status', 'ACTIVE',
                    'team', 'team-' || (g % 1250), 'employeeId', 'emp-' || (g % 15000), 'clientId', 'bench-c-' || (g % ?),
                    'careType', 'NURSING_CARE', 'date', '2026-11-' || lpad((1 + g % 28)::text, 2, '0'),
                    'start', to_char(time '07:00' + make_interval(mins => g % 600), 'HH24:MI'), 'minutes', 15 + g % 76,
                    'plannedMinutes', null)::text
                from (select gen_random_uuid() as id, g from generate_series(0, ? - 1) g) v order by g""")
                .params(PATH, CLIENTS, visits).update();
    }

    /**
     * What the relay asks PostgreSQL per batch, on the queued backlog, in a transaction rolled back: the lane's claim,
     * the search for other paths with pending messages (asked every 2 s), and marking a batch delivered.
     */
    String plans(int batchSize) {
        StringBuilder out = new StringBuilder();
        tx.executeWithoutResult(status -> {
            List<Long> oldest = jdbc.sql("select id from outbox_message where destination = 'billing' and path = ? "
                    + "and status = 'PENDING' order by id limit ?").params(PATH, batchSize).query(Long.class).list();
            // The relay's own statements with the values of one round.
            explain(out, OutboxRelay.CLAIM_LANE, "billing", PATH, batchSize);
            explain(out, OutboxRelay.PENDING_PATHS);
            explain(out, OutboxRelay.MARK_DELIVERED,
                    new org.springframework.jdbc.support.SqlArrayValue("int8", oldest.toArray()));
            status.setRollbackOnly();
        });
        return out.toString();
    }

    private void explain(StringBuilder out, String statement, Object... params) {
        List<String> plan = jdbc.sql("explain (analyze, buffers) " + statement).params(params).query(String.class).list();
        out.append("  ").append(String.join("\n  ", plan)).append('\n');
    }

    // ---- measuring -------------------------------------------------------------------------------------------

    interface Work {
        void run() throws Exception;
    }

    record Measured(double seconds, double jvmCpu, double pgCpu, String loadBefore, String loadAfter) {
        String describe(long visits) {
            return String.format("%,d visits in %.1f s = %,.0f visits/s; CPU s JVM %.1f, PostgreSQL %.1f "
                            + "(per visit %.0f + %.0f µs); load %s -> %s",
                    visits, seconds, visits / seconds, jvmCpu, pgCpu, jvmCpu * 1e6 / visits, pgCpu * 1e6 / visits,
                    loadBefore, loadAfter);
        }
    }

    Measured measure(long postmaster, Work work) throws Exception {
        String loadBefore = CpuMeter.loadAverage();
        CpuMeter.Sample before = CpuMeter.sample(postmaster);
        long t0 = System.nanoTime();
        work.run();
        double seconds = (System.nanoTime() - t0) / 1e9;
        double[] used = CpuMeter.sample(postmaster).minus(before);
        return new Measured(seconds, used[0], used[1], loadBefore, CpuMeter.loadAverage());
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
