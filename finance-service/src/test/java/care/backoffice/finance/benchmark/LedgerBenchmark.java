package care.backoffice.finance.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import care.backoffice.finance.FinanceIntegrationTest;
import care.backoffice.finance.RandomLedger;
import care.backoffice.finance.accounts.Account;
import care.backoffice.finance.exports.HledgerJournal;
import care.backoffice.testing.TestDatabase;
import care.backoffice.testing.TestTokens;
import com.jayway.jsonpath.JsonPath;
import java.io.BufferedWriter;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * The speed benchmark of issue 3, run on demand (not part of the normal test run):
 * {@code ./mvnw -B -o -pl finance-service verify -Pbenchmark [-Dbenchmark.lines=10000000]}.
 * It prints its figures; the only assertions are about correctness (the trial balance balances).
 */
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = "finance.test.database=benchmark")
class LedgerBenchmark extends FinanceIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    final HttpClient http = HttpClient.newHttpClient();
    final List<String> report = new ArrayList<>() {
        @Override
        public boolean add(String line) {
            System.out.println("[benchmark] " + line); // printed at once too, in case a later phase fails
            return super.add(line);
        }
    };

    @Test
    void benchmark() throws Exception {
        long lines = Long.getLong("benchmark.lines", 10_000_000L);
        int postingLines = Integer.getInteger("benchmark.posting-lines", 50_000);
        int hledgerLines = Integer.getInteger("benchmark.hledger-lines", 100_000);
        // Test tokens live 5 minutes and a 10 M load takes longer: a fresh token for each phase.
        posting(postingLines, TestTokens.finance());
        load(lines);
        statements(TestTokens.finance(), lines);
        hledger(hledgerLines);
        heap();

        System.out.println("\n==== finance-service ledger benchmark (" + Runtime.getRuntime().availableProcessors()
                + " cores) ====");
        report.forEach(l -> System.out.println("  " + l));
        System.out.println("====\n");
    }

    /** Journals of 50 lines posted over real HTTP (JSON, JWT check, validation, dedup, balances) from 4 clients. */
    void posting(int totalLines, String token) throws Exception {
        List<String> accounts = RandomLedger.postable(RandomLedger.chart());
        int perJournal = 50;
        int journals = Math.max(1, totalLines / perJournal);
        Random random = new Random(1);
        List<String> bodies = new ArrayList<>();
        for (int j = 0; j < journals; j++) {
            StringBuilder s = new StringBuilder("{\"date\":\"2023-06-15\",\"description\":\"bench\",\"source\":\"manual\","
                    + "\"sourceDocumentId\":\"bench-post-" + j + "\",\"lines\":[");
            for (int i = 0; i < perJournal; i += 2) {
                String amount = (1 + random.nextInt(100_000)) / 100 + "." + String.format("%02d", random.nextInt(100));
                String team = "team-" + random.nextInt(50);
                if (i > 0) {
                    s.append(',');
                }
                s.append("{\"account\":\"").append(accounts.get(random.nextInt(accounts.size()))).append("\",\"debit\":\"")
                        .append(amount).append("\",\"team\":\"").append(team).append("\"},")
                        .append("{\"account\":\"").append(accounts.get(random.nextInt(accounts.size())))
                        .append("\",\"credit\":\"").append(amount).append("\",\"team\":\"").append(team).append("\"}");
            }
            bodies.add(s.append("]}").toString());
        }
        // Warm-up outside the timing: the first requests load classes and fill the connection pool.
        for (int i = 0; i < Math.min(20, bodies.size()); i++) {
            post(bodies.get(i), token);
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        long start = System.nanoTime();
        List<Future<Integer>> results = new ArrayList<>();
        for (String b : bodies) {
            results.add(pool.submit(() -> post(b, token)));
        }
        for (Future<Integer> f : results) {
            int status = f.get();
            assertThat(status).isIn(200, 201);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        report.add(String.format("posting API: %,d lines in %,d journals of %d lines, 4 clients: %.2f s = %,.0f lines/s "
                + "(target >= 5,000)", journals * perJournal, journals, perJournal, seconds, journals * perJournal / seconds));
    }

    int post(String body, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/finance/journals"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /**
     * Bulk-loads balanced journals of 10 lines straight into the tables (the API path is measured above).
     * Runs as the database superuser with session_replication_role = replica, which skips the per-row
     * foreign-key triggers: the generated rows are consistent by construction.
     */
    void load(long lines) throws Exception {
        List<String> accounts = RandomLedger.postable(RandomLedger.chart());
        String array = "array['" + String.join("','", accounts) + "']";
        long journals = lines / 10;
        String database = jdbc.queryForObject("select current_database()", String.class);
        String admin = TestDatabase.adminUrl().replaceFirst("/[^/?]+(\\?|$)", "/" + database + "$1");
        long start;
        long journalsDone;
        long linesDone;
        try (Connection c = DriverManager.getConnection(admin); Statement st = c.createStatement()) {
            st.execute("set session_replication_role = replica");
            st.execute("set work_mem = '256MB'");
            start = System.nanoTime();
            st.execute("""
                    insert into journal (id, number, date, description, source, source_document_id, request_fingerprint,
                                         posted_by)
                    select md5('bench' || j)::uuid, nextval('journal_number_seq'), date '2024-01-01' + (j %% 730)::int,
                           'benchmark journal ' || j, 'manual', 'bench-load-' || j, 'x', 'benchmark'
                    from generate_series(0::bigint, %d - 1) j""".formatted(journals));
            journalsDone = System.nanoTime();
            // Pairs of lines: the even line debits an amount, the odd one credits the same amount.
            st.execute("""
                    insert into journal_line (journal_id, line_no, date, account, debit, credit, team, funder, supplier)
                    select md5('bench' || (g / 10))::uuid, (g %% 10) + 1, date '2024-01-01' + ((g / 10) %% 730)::int,
                           (%1$s)[(1 + ((g / 2) * (case when g %% 2 = 0 then 31 else 17 end)) %% %2$d)::int],
                           case when g %% 2 = 0 then ((g / 2) * 7919 %% 100000 + 1) / 100.0 else 0 end,
                           case when g %% 2 = 1 then ((g / 2) * 7919 %% 100000 + 1) / 100.0 else 0 end,
                           'team-' || ((g / 10) %% 50), 'funder-' || (g %% 7), 'supplier-' || (g %% 11)
                    from generate_series(0::bigint, %3$d - 1) g""".formatted(array, accounts.size(), journals * 10));
            linesDone = System.nanoTime();
            st.execute("""
                    insert into balance (account, team, month, debit, credit)
                    select account, coalesce(team, ''), date_trunc('month', date)::date, sum(debit), sum(credit)
                    from journal_line where date >= date '2024-01-01' group by 1, 2, 3
                    on conflict (account, team, month)
                    do update set debit = balance.debit + excluded.debit, credit = balance.credit + excluded.credit""");
            st.execute("analyze");
        }
        long end = System.nanoTime();
        report.add(String.format("bulk load: %,d lines (%,d journals) in %.1f s (journals %.1f s, lines %.1f s, "
                        + "balances %.1f s); balance rows: %,d", journals * 10, journals, (end - start) / 1e9,
                (journalsDone - start) / 1e9, (linesDone - journalsDone) / 1e9, (end - linesDone) / 1e9,
                jdbc.queryForObject("select count(*) from balance", Long.class)));
    }

    /** Trial balance (2 years), P&L (a year, with previous period and YTD) and balance sheet, over HTTP. */
    void statements(String token, long lines) throws Exception {
        String[] urls = {"/api/finance/statements/trial-balance?from=2023-01&to=2025-12",
                "/api/finance/statements/profit-and-loss?from=2025-01&to=2025-12",
                "/api/finance/statements/balance-sheet?at=2025-12-31"};
        for (String round : new String[] {"first run", "second run"}) {
            long start = System.nanoTime();
            String tb = null;
            for (String u : urls) {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + u))
                        .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).isEqualTo(200);
                if (tb == null) {
                    tb = r.body();
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            assertThat((String) JsonPath.read(tb, "$.totalDebit")).isEqualTo(JsonPath.read(tb, "$.totalCredit"));
            report.add(String.format("statements over %,d + posted lines (trial balance + P&L + balance sheet), %s: "
                    + "%.3f s (target <= 2 s)", lines, round, seconds));
        }
    }

    /** The same three statements by hledger on a sample, exported by our hledger writer. */
    void hledger(int sampleLines) throws Exception {
        String binary = null;
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
            if (new File(d, "hledger").canExecute()) {
                binary = new File(d, "hledger").getAbsolutePath();
            }
        }
        if (binary == null) {
            report.add("hledger: not installed, comparison skipped (apt-get install hledger)");
            return;
        }
        Path file = Files.createTempFile("bench", ".journal");
        Map<String, Account> chart = RandomLedger.chart().stream().collect(Collectors.toMap(Account::code, Function.identity()));
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            HledgerJournal journal = new HledgerJournal(w);
            journal.header(RandomLedger.chart());
            jdbc.query("""
                    select j.number, j.date, j.description, j.source, j.source_document_id, j.id, l.account, l.team,
                           l.debit, l.credit
                    from journal j join journal_line l on l.journal_id = j.id
                    where j.number <= (select min(number) from journal where posted_by = 'benchmark') + ? / 10
                      and j.posted_by = 'benchmark'
                    order by j.number, l.line_no""", rs -> {
                try {
                    journal.line(rs.getLong(1), rs.getDate(2).toLocalDate(), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getObject(6, UUID.class), chart.get(rs.getString(7)), rs.getString(8),
                            rs.getBigDecimal(9), rs.getBigDecimal(10));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }, sampleLines);
        }
        long start = System.nanoTime();
        for (String cmd : new String[] {"bal", "is", "bs"}) {
            Process p = new ProcessBuilder(binary, "-f", file.toString(), cmd, "--depth", "2").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            assertThat(p.waitFor(10, TimeUnit.MINUTES)).isTrue();
            assertThat(p.exitValue()).isZero();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        report.add(String.format("hledger %s bal + is + bs over a %,d-line sample: %.2f s (%,.0f lines/s)",
                "1.x", sampleLines, seconds, sampleLines / seconds));
        Files.deleteIfExists(file);
    }

    void heap() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        report.add(String.format("heap: max %d MB (-Xmx), peak used %d MB (service and benchmark client share the JVM)",
                Runtime.getRuntime().maxMemory() / (1 << 20), peak / (1 << 20)));
    }
}
