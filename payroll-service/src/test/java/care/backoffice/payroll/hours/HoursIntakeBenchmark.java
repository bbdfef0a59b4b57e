package care.backoffice.payroll.hours;

import static org.assertj.core.api.Assertions.assertThat;

import care.backoffice.testing.TestDatabase;
import care.backoffice.testing.TestTokens;
import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
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
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Bulk hours intake as a team's system meets it: real HTTP to the service on a random port, real RS256 tokens,
 * several clients at once, 10,000 entries a request with an Idempotency-Key, every rule, stored on the real
 * PostgreSQL with the care-delivered outbox rows. Run on demand:
 * <pre>
 *   ./mvnw -B -o -pl payroll-service test -Dbenchmark=true -Dtest=HoursIntakeBenchmark -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 * Options: {@code -Dbenchmark.clients=4} (concurrent clients), {@code -Dbenchmark.requests=6} (measured requests
 * per client and round), {@code -Dbenchmark.rounds=3} (measured rounds; the median is quoted),
 * {@code -Dbenchmark.warmup=8} (requests per client before measuring), {@code -Dbenchmark.care=80} (percentage of
 * CARE entries, each one an outbox message), {@code -Dbenchmark.jfr=/tmp/hours.jfr} (a Flight Recording of the
 * first measured round).
 *
 * <p>A request is 20 colleagues of a fresh team × 100 days × 5 entries. Prints entries per wall-clock second,
 * the per-request latency (p50, p99), and the CPU that 10,000 entries cost: this JVM (server and the test's
 * clients; all threads, JIT and GC included) and PostgreSQL (every backend process of the embedded server). On a
 * shared machine the wall-clock figures move with the load average (printed); the CPU figures move much less.
 */
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "backoffice.keycloak.url=http://127.0.0.1:9", "backoffice.keycloak.timeout=PT1S",
        "backoffice.keycloak.retry-initial-delay=PT1H", "backoffice.outbox.initial-delay=PT1H"})
class HoursIntakeBenchmark {

    static final LocalDate TODAY = LocalDate.now(ZoneId.of("Europe/London"));
    static final int PER_REQUEST = 10_000;
    static final AtomicInteger NI_SERIAL = new AtomicInteger();

    @DynamicPropertySource
    static void realDatabaseAndTokens(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry, "payroll");
        TestTokens.register(registry);
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** One prepared request: its team's token and body, built before the clock starts. */
    record Prepared(String team, String token, byte[] body) {}

    @Test
    void bulkIntakeOverHttp() throws Exception {
        int clients = Integer.getInteger("benchmark.clients", 4);
        int requests = Integer.getInteger("benchmark.requests", 6);
        int carePercent = Integer.getInteger("benchmark.care", 80);
        int warmUp = Integer.getInteger("benchmark.warmup", 8);

        // Warm-up: the JIT compiles the request path, the pools fill. Not measured. (With 3 requests per client
        // the JIT was still compiling during the measured part: a third of the JVM's CPU.)
        run(clients, warmUp, carePercent, null);
        // Several measured rounds: on a shared machine one round can meet another session's burst; the median is
        // the figure to quote.
        int rounds = Integer.getInteger("benchmark.rounds", 3);
        List<Result> results = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            Result r = run(clients, requests, carePercent, i == 0 ? System.getProperty("benchmark.jfr") : null);
            results.add(r);
            System.out.printf("BENCHMARK hours intake over HTTP, round %d (%d clients × %d requests of %,d entries, "
                            + "%d%% CARE): %,.0f entries/s; per request p50 %.0f ms, p99 %.0f ms; CPU per 10,000 "
                            + "entries: JVM %.3f s (request threads %.3f s, JIT %.3f s), PostgreSQL %.3f s; "
                            + "load average %s%n",
                    i + 1, clients, requests, PER_REQUEST, carePercent, r.entriesPerSecond(), r.p50(), r.p99(),
                    r.jvmCpuPer10k(), r.jvmCpuPer10kByThread().getOrDefault(KINDS[0], 0.0),
                    r.jvmCpuPer10kByThread().getOrDefault(KINDS[2], 0.0), r.pgCpuPer10k(), loadAverage());
        }
        Result r = results.stream().sorted(java.util.Comparator.comparingDouble(Result::entriesPerSecond))
                .toList().get(rounds / 2);
        System.out.printf("BENCHMARK hours intake over HTTP, median of %d rounds: %,.0f entries/s (p50 %.0f ms, "
                + "p99 %.0f ms)%n", rounds, r.entriesPerSecond(), r.p50(), r.p99());

        Split split = split(carePercent);
        System.out.printf("BENCHMARK hours intake, median round's JVM CPU per 10,000 entries by thread: %s%n",
                String.join(", ", r.jvmCpuPer10kByThread().entrySet().stream()
                        .map(e -> "%s %.3f s".formatted(e.getKey(), e.getValue())).toList()));
        System.out.printf("BENCHMARK hours intake, CPU per 10,000 entries by step (one thread, %d rounds): "
                        + "JSON read and field rules %.3f s, rules against stored data (in memory) %.3f s, "
                        + "ids and body digest %.3f s, COPY rows (hours CSV + care-delivered JSON) %.3f s; "
                        + "PostgreSQL: employees, paid periods and stored entries %.3f s, COPY hours %.3f s, "
                        + "COPY outbox %.3f s%n", SPLIT_ROUNDS, split.read(), split.rules(), split.idsAndDigest(),
                split.rows(), split.pgChecks(), split.pgHours(), split.pgOutbox());
    }

    static final int SPLIT_ROUNDS = 20;

    record Split(double read, double rules, double idsAndDigest, double rows, double pgChecks, double pgHours,
            double pgOutbox) {}

    @Autowired
    HoursReader reader;
    @Autowired
    HoursRepository hours;
    @Autowired
    CareDeliveredHandOff handOff;
    @Autowired
    org.springframework.transaction.support.TransactionTemplate tx;

    /**
     * Each step of one 10,000-entry request on its own: the service's own code called on this thread, timed with
     * the thread's CPU clock, and the SQL statements in a transaction that is rolled back, timed with the CPU clock
     * of the PostgreSQL backend that runs them (/proc, 10 ms ticks, hence the many rounds). What is left of the
     * JVM's figure above is HTTP, security, Spring, JDBC, the idempotency record, GC and the test's clients.
     */
    private Split split(int carePercent) throws Exception {
        Prepared p = prepare(carePercent);
        java.lang.management.ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        java.util.function.Supplier<List<HoursEntry>> read = () -> {
            List<HoursEntry> entries = reader.read(p.body(), TODAY, new care.backoffice.support.problem.Problems());
            assertThat(entries).doesNotContainNull();
            return entries;
        };
        List<HoursEntry> entries = read.get();
        java.util.Map<UUID, HoursRepository.Employee> employees = hours.lockEmployees(
                entries.stream().map(HoursEntry::employeeId).distinct().toList());
        IntakeRules.Facts facts = new IntakeRules.Facts() {
            public java.util.Map<UUID, HoursRepository.Employee> lockEmployees(java.util.Collection<UUID> ids) {
                return employees;
            }

            public List<LocalDate[]> paidPeriods(LocalDate from, LocalDate to, String payFrequency) {
                return List.of();
            }

            public List<HoursRepository.Stored> activeEntries(java.util.Collection<UUID> ids, LocalDate from,
                    LocalDate to) {
                return List.of();
            }
        };
        java.util.Map<UUID, String> teams = IntakeRules.check(entries, java.util.Optional.of(p.team()), facts,
                new care.backoffice.support.problem.Problems());
        UUID[] ids = EntryIds.next(entries.size());
        java.time.Instant now = java.time.Instant.now();

        long t0 = cpu.getCurrentThreadCpuTime();
        for (int i = 0; i < SPLIT_ROUNDS; i++) {
            read.get();
        }
        long t1 = cpu.getCurrentThreadCpuTime();
        for (int i = 0; i < SPLIT_ROUNDS; i++) {
            care.backoffice.support.problem.Problems problems = new care.backoffice.support.problem.Problems();
            IntakeRules.check(entries, java.util.Optional.of(p.team()), facts, problems);
            assertThat(problems.isEmpty()).isTrue();
        }
        long t2 = cpu.getCurrentThreadCpuTime();
        for (int i = 0; i < SPLIT_ROUNDS; i++) {
            EntryIds.next(entries.size());
            java.security.MessageDigest.getInstance("SHA-256").digest(p.body());
        }
        long t3 = cpu.getCurrentThreadCpuTime();
        for (int i = 0; i < SPLIT_ROUNDS; i++) {
            try (java.io.Writer out = new java.io.BufferedWriter(new java.io.OutputStreamWriter(
                    java.io.OutputStream.nullOutputStream(), StandardCharsets.UTF_8), 1 << 16)) {
                HoursRepository.writeRows(out, entries, ids, teams, "nurse-" + p.team(), now);
                handOff.writeRows(out, entries, ids, teams);
            }
        }
        long t4 = cpu.getCurrentThreadCpuTime();

        long[] pg = new long[3];
        for (int i = 0; i < SPLIT_ROUNDS; i++) {
            tx.executeWithoutResult(status -> {
                int backend = jdbc.sql("select pg_backend_pid()").query(Integer.class).single();
                long b0 = backendCpuNanos(backend);
                hours.lockEmployees(employees.keySet());
                hours.paidPeriods(TODAY.minusDays(100), TODAY, "MONTHLY");
                hours.activeEntries(employees.keySet(), TODAY.minusDays(100), TODAY);
                long b1 = backendCpuNanos(backend);
                UUID[] fresh = EntryIds.next(entries.size());
                hours.insert(entries, fresh, teams, "nurse-" + p.team(), now);
                long b2 = backendCpuNanos(backend);
                handOff.submitted(entries, fresh, teams);
                long b3 = backendCpuNanos(backend);
                pg[0] += b1 - b0;
                pg[1] += b2 - b1;
                pg[2] += b3 - b2;
                status.setRollbackOnly();
            });
        }
        double per = SPLIT_ROUNDS * (entries.size() / 10_000.0) * 1e9;
        return new Split((t1 - t0) / per, (t2 - t1) / per, (t3 - t2) / per, (t4 - t3) / per, pg[0] / per,
                pg[1] / per, pg[2] / per);
    }

    /** CPU time of one PostgreSQL backend process so far (utime + stime from /proc, in clock ticks of 10 ms). */
    private static long backendCpuNanos(int pid) {
        try {
            String[] f = Files.readString(Path.of("/proc/" + pid + "/stat")).split("\\) ")[1].split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10_000_000L;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    record Result(double entriesPerSecond, double p50, double p99, double jvmCpuPer10k, double pgCpuPer10k,
            java.util.Map<String, Double> jvmCpuPer10kByThread) {}

    static final String[] KINDS = {"request threads", "GC", "JIT", "test clients", "other"};

    /** CPU ticks (10 ms) of each of this JVM's threads so far, by thread id: {kind, ticks}. */
    private static java.util.Map<String, long[]> threadCpu() {
        java.util.Map<String, long[]> out = new java.util.HashMap<>();
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path t : tasks.toList()) {
                try {
                    String stat = Files.readString(t.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    // Requests run on virtual threads (spring.threads.virtual.enabled), carried by ForkJoinPool-1.
                    int kind = name.startsWith("http-nio") || name.startsWith("ForkJoinPool-") ? 0
                            : name.startsWith("GC") || name.startsWith("G1") ? 1
                            : name.startsWith("C1") || name.startsWith("C2") ? 2
                            : name.startsWith("pool-") || name.startsWith("HttpClient") ? 3 : 4;
                    out.put(t.getFileName().toString(), new long[] {kind, Long.parseLong(f[11]) + Long.parseLong(f[12])});
                } catch (java.io.IOException | RuntimeException gone) {
                    // the thread ended meanwhile
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out;
    }

    /** @param jfr where to write a Flight Recording of the timed part (then: jfr print --events jdk.ExecutionSample) */
    private Result run(int clients, int requestsEach, int carePercent, String jfr) throws Exception {
        List<List<Prepared>> work = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            List<Prepared> mine = new ArrayList<>();
            for (int i = 0; i < requestsEach; i++) {
                mine.add(prepare(carePercent));
            }
            work.add(mine);
        }
        OperatingSystemMXBean os = ManagementFactory.getPlatformMXBean(OperatingSystemMXBean.class);
        double[] latencies = new double[clients * requestsEach];
        AtomicInteger done = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        jdk.jfr.Recording recording = null;
        if (jfr != null) {
            recording = new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile"));
            recording.setDestination(Path.of(jfr));
            recording.start();
        }
        java.util.Map<String, long[]> threads0 = threadCpu();
        long jvmCpu0 = os.getProcessCpuTime();
        long pgCpu0 = postgresCpuNanos();
        long t0 = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (List<Prepared> mine : work) {
            futures.add(pool.submit(() -> {
                for (Prepared p : mine) {
                    long s = System.nanoTime();
                    HttpResponse<String> answer = post(p);
                    latencies[done.getAndIncrement()] = (System.nanoTime() - s) / 1e6;
                    if (answer.statusCode() != 201) {
                        throw new AssertionError(answer.statusCode() + " " + answer.body());
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        long jvmCpu = os.getProcessCpuTime() - jvmCpu0;
        long pgCpu = postgresCpuNanos() - pgCpu0;
        java.util.Map<String, long[]> threads1 = threadCpu();
        if (recording != null) {
            recording.stop();
            recording.close();
        }
        pool.shutdown();
        for (List<Prepared> mine : work) {
            for (Prepared p : mine) {
                assertThat(jdbc.sql("select count(*) from hours_entry where team_code = ?").param(p.team())
                        .query(Long.class).single()).isEqualTo(PER_REQUEST);
            }
        }
        Arrays.sort(latencies);
        double total = (double) clients * requestsEach * PER_REQUEST;
        // The JVM's CPU by kind of thread (/proc/self/task: request threads, GC, JIT, the test's HTTP clients).
        java.util.Map<String, Double> byKind = new java.util.TreeMap<>();
        threads1.forEach((tid, now) -> {
            long[] then = threads0.get(tid);
            long ticks = now[1] - (then == null ? 0 : then[1]);
            byKind.merge(KINDS[(int) now[0]], ticks * 0.01 / (total / 10_000), Double::sum);
        });
        return new Result(total / seconds, percentile(latencies, 50), percentile(latencies, 99),
                jvmCpu / 1e9 / (total / 10_000), pgCpu / 1e9 / (total / 10_000), byKind);
    }

    private HttpResponse<String> post(Prepared p) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/payroll/hours"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + p.token())
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .timeout(Duration.ofMinutes(2))
                .POST(HttpRequest.BodyPublishers.ofByteArray(p.body())).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A fresh team of 20 colleagues and their 10,000 entries: 100 days back from yesterday, 5 a day each. */
    private Prepared prepare(int carePercent) {
        String team = HoursFixture.newTeam();
        StringBuilder body = new StringBuilder(PER_REQUEST * 180).append("{\"entries\":[");
        int n = 0;
        for (int p = 0; p < 20; p++) {
            UUID colleague = UUID.randomUUID();
            jdbc.sql("""
                    insert into employee (id, team_code, given_name, family_name, date_of_birth, ni_number, start_date,
                                          created_by)
                    values (?, ?, 'Bench', 'Mark', date '1985-03-03', ?, ?, 'benchmark')""")
                    .params(colleague, team, "BM%06dA".formatted(NI_SERIAL.incrementAndGet()), TODAY.minusYears(1))
                    .update();
            for (int d = 1; d <= 100; d++) {
                for (int s = 0; s < 5; s++, n++) {
                    String start = "%02d:00".formatted(7 + 2 * s);
                    boolean care = n % 100 < carePercent;
                    body.append(n == 0 ? "" : ",").append(care
                            ? HoursFixture.care(colleague, TODAY.minusDays(d), start, 90, "client-" + s)
                            : HoursFixture.other(colleague, TODAY.minusDays(d), start, 90, "TRAVEL"));
                }
            }
        }
        body.append("]}");
        return new Prepared(team, TestTokens.teamMember(team), body.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * CPU used so far by the test PostgreSQL: its postmaster (found by its port; pg_ctl detaches it from this JVM)
     * and every process under it (backends, WAL writer, checkpointer, autovacuum).
     */
    private static long postgresCpuNanos() {
        int port = URI.create(TestDatabase.adminUrl().substring("jdbc:".length())).getPort();
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains("-p " + port)).orElse(false))
                .flatMap(p -> java.util.stream.Stream.concat(java.util.stream.Stream.of(p), p.descendants()))
                .mapToLong(p -> p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L)).sum();
    }

    private static double percentile(double[] sorted, int p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}
