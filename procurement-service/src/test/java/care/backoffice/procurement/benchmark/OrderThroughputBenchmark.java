package care.backoffice.procurement.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import care.backoffice.procurement.Api;
import care.backoffice.procurement.ProcurementIntegrationTest;
import care.backoffice.testing.TestTokens;
import com.jayway.jsonpath.JsonPath;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * On demand only: {@code ./mvnw -B -o -pl procurement-service test -Dtest=OrderThroughputBenchmark -Dbenchmark=true}
 * [{@code -Dbenchmark.orders=10000 -Dbenchmark.teams=50 -Dbenchmark.threads=32 -Dbenchmark.jfr=/tmp/orders.jfr}].
 *
 * <p>The service on a random port, called over real HTTP (java.net.http, HTTP/1.1 keep-alive) with real RS256
 * tokens and an Idempotency-Key per order, as the gateway would: security filter chain, JSON, validation,
 * idempotent create, budget lock, PostgreSQL. Budgets are set so that 20 % of the orders must be refused; the
 * run then checks that no team spent more than its budget and exactly the affordable orders were accepted.
 * Prints requests/s and accepted orders/s, latency p50/p99, and CPU seconds per order of this JVM (service and
 * load generator together) and of the embedded PostgreSQL (its server process and backends).
 */
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"procurement.dispatch.scheduled=false", "backoffice.outbox.initial-delay=PT1H"})
class OrderThroughputBenchmark extends ProcurementIntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    HttpResponse<String> post(String token, String path, String json, String key) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofString(json));
        if (key != null) {
            b.header("Idempotency-Key", key);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    int get(String token, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    HttpResponse<String> put(String token, String path, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void ordersPerSecond() throws Exception {
        int teams = Integer.getInteger("benchmark.teams", 50);
        int orders = Integer.getInteger("benchmark.orders", 10_000);
        int threads = Integer.getInteger("benchmark.threads", 32);
        String run = UUID.randomUUID().toString().substring(0, 6);
        // The first token check fetches the JWK set; on a busy machine that can time out once.
        for (int attempt = 0; attempt < 10 && get(TestTokens.backOffice(), "/api/procurement/categories") != 200; attempt++) {
            Thread.sleep(1000);
        }
        String supplier = JsonPath.read(post(TestTokens.backOffice(), "/api/procurement/suppliers",
                Api.supplierJson("Bench Supplies", supplierUrl("/orders/bench")), null).body(), "$.id");
        String item = JsonPath.read(post(TestTokens.backOffice(), "/api/procurement/suppliers/" + supplier + "/catalogue",
                "[{\"supplierItemCode\":\"B-1\",\"description\":\"Gloves\",\"unit\":\"XBX\",\"unitPrice\":\"10.00\","
                        + "\"category\":\"care-consumables\"}]", null).body(), "$[0].id");
        List<String> tokens = new ArrayList<>();
        for (int t = 0; t < teams; t++) {
            String team = "team-bench-" + run + "-" + t;
            // Each team can afford 80% of the orders it will be sent.
            assertThat(put(TestTokens.teamMember(team), "/api/procurement/teams/" + team + "/policy",
                    Api.policyJson(String.valueOf(orders / teams * 8), false, "500.00", null)).statusCode()).isEqualTo(200);
            tokens.add(TestTokens.teamMember(team));
        }
        String json = Api.orderJson(UUID.fromString(supplier), UUID.fromString(item), "1");
        // Warm-up on a separate team, same threads: JIT, connection pools, caches.
        String warm = "team-bench-" + run + "-warm";
        put(TestTokens.teamMember(warm), "/api/procurement/teams/" + warm + "/policy",
                Api.policyJson("1000000.00", false, "500.00", null));
        String warmToken = TestTokens.teamMember(warm);
        load(threads, 2_000, i -> warmToken, json, "warm-" + run);

        long pgBackend = jdbc.sql("select pg_backend_pid()").query(Long.class).single();
        ProcessHandle postgres = ProcessHandle.of(pgBackend).flatMap(ProcessHandle::parent).orElseThrow();
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        // -Dbenchmark.jfr=/tmp/orders.jfr: a Java Flight Recording (profile settings) of the measured part only.
        String jfr = System.getProperty("benchmark.jfr");
        jdk.jfr.Recording recording = jfr == null ? null
                : new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration(System.getProperty("benchmark.jfr.settings", "profile")));
        if (recording != null) {
            recording.start();
        }
        long jvmCpu0 = os.getProcessCpuTime();
        long pgCpu0 = cpuNanos(postgres);
        long start = System.nanoTime();
        Result r = load(threads, orders, i -> tokens.get(i % teams), json, run);
        double seconds = (System.nanoTime() - start) / 1e9;
        double jvmCpu = (os.getProcessCpuTime() - jvmCpu0) / 1e9;
        double pgCpu = (cpuNanos(postgres) - pgCpu0) / 1e9;
        if (recording != null) {
            recording.stop();
            recording.dump(java.nio.file.Path.of(jfr));
            recording.close();
        }
        double[] load = os.getSystemLoadAverage() < 0 ? new double[] {-1} : new double[] {os.getSystemLoadAverage()};

        System.out.printf("BENCHMARK orders over HTTP: %,d requests for %d teams on %d threads in %.2f s = %,.0f requests/s, "
                        + "%,.0f accepted orders/s (%,d accepted, %,d refused for budget, %,d other); latency p50 %.1f ms, "
                        + "p99 %.1f ms; CPU per order: JVM (service + load generator) %.2f ms, PostgreSQL %.2f ms, "
                        + "total %.2f ms (%.1f CPU s over %.1f s wall); load average %.1f on %d cores%n",
                orders, teams, threads, seconds, orders / seconds, r.accepted.get() / seconds, r.accepted.get(),
                r.refused.get(), r.other.get(), r.percentile(50), r.percentile(99), jvmCpu * 1000 / orders,
                pgCpu * 1000 / orders, (jvmCpu + pgCpu) * 1000 / orders, jvmCpu + pgCpu, seconds, load[0],
                Runtime.getRuntime().availableProcessors());

        assertThat(r.other.get()).isZero();
        List<BigDecimal[]> overspent = jdbc.sql("""
                select u.committed + u.spent, p.yearly_budget from team_budget_usage u join team_policy p on p.team = u.team
                where u.team like ? and u.committed + u.spent > p.yearly_budget""")
                .param("team-bench-" + run + "%")
                .query((rs, n) -> new BigDecimal[] {rs.getBigDecimal(1), rs.getBigDecimal(2)}).list();
        assertThat(overspent).isEmpty();
        assertThat(r.accepted.get()).isEqualTo(orders / teams * 8 / 10 * teams);
        assertThat(jdbc.sql("select count(*) from purchase_order where team like ? and team not like '%-warm'")
                .param("team-bench-" + run + "-%").query(Long.class).single()).isEqualTo(r.accepted.get());
    }

    record Result(AtomicInteger accepted, AtomicInteger refused, AtomicInteger other, long[] latencies) {
        double percentile(int p) {
            long[] sorted = latencies.clone();
            Arrays.sort(sorted);
            return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1e6;
        }
    }

    Result load(int threads, int orders, java.util.function.IntFunction<String> token, String json, String keyPrefix)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        Result r = new Result(new AtomicInteger(), new AtomicInteger(), new AtomicInteger(), new long[orders]);
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < orders; i++) {
            int n = i;
            futures.add(pool.submit(() -> {
                long t0 = System.nanoTime();
                int status = post(token.apply(n), "/api/procurement/orders", json, keyPrefix + "-" + n).statusCode();
                r.latencies[n] = System.nanoTime() - t0;
                (status == 201 ? r.accepted : status == 422 ? r.refused : r.other).incrementAndGet();
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        return r;
    }

    /** CPU used so far by the PostgreSQL server process and its backends (which the connection pool keeps). */
    static long cpuNanos(ProcessHandle postgres) {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(postgres), postgres.descendants())
                .mapToLong(p -> p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L)).sum();
    }
}
