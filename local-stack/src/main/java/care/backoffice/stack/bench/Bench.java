package care.backoffice.stack.bench;

import care.backoffice.stack.StackSettings;
import care.backoffice.stack.api.Gateway;
import care.backoffice.stack.demo.DemoManifest;
import care.backoffice.stack.demo.DemoManifest.Manifest;
import care.backoffice.stack.monthend.MonthEnd;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;

/**
 * {@code ./backoffice bench}: issue 8's benchmarks on the organisation the generator loaded (its manifest in the data
 * folder), through the gateway with real Keycloak tokens, printed as one table (also saved as Markdown in
 * {@code <data>/bench/}).
 *
 * <ol>
 * <li>care hand-off: until billing holds every care visit the teams submitted for the month;
 * <li>month-end ({@link MonthEnd}, as {@code ./backoffice month-end} runs it): billing run, payroll run, the close,
 *     timed from its own progress lines; once per month and data folder (a finalised payroll cannot run again);
 * <li>statements: trial balance, profit and loss, balance sheet for the month (fiona);
 * <li>hours intake, one entry per request, from many teams at once (each team signs in as itself);
 * <li>hours intake, 10,000 entries per request (the back office, which may submit for every team);
 * <li>orders accepted per second from many teams at once, then a budget race (a few teams ordering far more than
 *     their budget at the same instant) and a check that no team of the organisation is over budget;
 * <li>each service's peak heap over all of the above.
 * </ol>
 *
 * <p>Bench hours are 10-minute ADMIN, TRAINING and TRAVEL entries on days before the month (so they neither touch
 * the month's pay nor reach billing), on days no earlier bench run used (the data folder's {@code bench/state}).
 * The load generator is closed-loop in Java (no retries, 429s counted as such), on the same machine as the stack.
 */
public final class Bench {

    public static final String USAGE = "bench [--month yyyy-MM] [--seconds N] [--clients N] [--bulk-requests N] "
            + "[--bulk-clients N] [--skip month-end,hours,orders]";

    private final StackSettings settings;
    private final Gateway gateway;
    private final Manifest org;
    private final YearMonth month;
    private final double seconds;
    private final int clients;
    private final int bulkRequests;
    private final int bulkClients;
    private final List<String> skip;
    private final Path folder;
    private final List<String[]> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private int run;
    private int firstDay;
    private int dayCursor;

    private Bench(StackSettings settings, Gateway gateway, Manifest org, String[] args) {
        this.settings = settings;
        this.gateway = gateway;
        this.org = org;
        this.month = org.month();
        this.seconds = Double.parseDouble(option(args, "--seconds", "30"));
        this.clients = Integer.parseInt(option(args, "--clients", "32"));
        this.bulkRequests = Integer.parseInt(option(args, "--bulk-requests", "30"));
        this.bulkClients = Integer.parseInt(option(args, "--bulk-clients", "2"));
        this.skip = Arrays.asList(option(args, "--skip", "").split(","));
        this.folder = settings.dataDir().resolve("bench");
    }

    public static int run(StackSettings settings, Gateway gateway, String defaultMonth, String[] args) {
        YearMonth month = YearMonth.parse(option(args, "--month", defaultMonth));
        Manifest org = DemoManifest.read(settings.dataDir(), month);
        if (org == null) {
            System.err.println("No organisation loaded for " + month + " in " + settings.dataDir()
                    + ". Load one first: ./backoffice demo buurtzorg [--teams N] (or demo small).");
            return 2;
        }
        try {
            new Bench(settings, gateway, org, args).all();
            return 0;
        } catch (RuntimeException e) {
            System.err.println("The benchmark stopped: " + e.getMessage());
            return 1;
        }
    }

    private void all() {
        Map<String, String> services = new LinkedHashMap<>();
        for (String s : StackSettings.SERVICES) {
            services.put(s, settings.serviceUrl(s));
        }
        services.put("gateway", settings.gatewayUrl());
        String loadAtStart = loadAverage();
        say(String.format("Benchmarks on '%s' for %s: %d teams, %d colleagues, %d clients, %,d hours entries "
                        + "(%,d care visits); load average %s", org.size(), month, org.teams().size(), org.colleagues(),
                org.clients(), org.hoursEntries(), org.careEntries(), loadAtStart));
        nextRun();
        try (HeapSampler heap = new HeapSampler(services)) {
            handOff();
            if (!skip.contains("month-end")) {
                monthEnd();
                statements();
            }
            if (!skip.contains("hours")) {
                hoursSingle();
                hoursBulk();
            }
            if (!skip.contains("orders")) {
                orders();
            }
            heap.sampleOnce();
            Map<String, Long> peak = heap.peakBytes();
            Map<String, Long> max = heap.maxBytes();
            StringBuilder h = new StringBuilder();
            peak.forEach((s, b) -> h.append(h.length() == 0 ? "" : ", ").append(s).append(' ')
                    .append(b / (1 << 20)).append(" MB"));
            row("peak heap in use (of " + max.values().stream().mapToLong(Long::longValue).max().orElse(0) / (1 << 20)
                    + " MB max each)", h.toString(), "", "", "");
        }
        String table = table(loadAtStart, loadAverage());
        System.out.println();
        System.out.println(table);
        try {
            Files.createDirectories(folder);
            Path out = folder.resolve("bench-" + month + "-run" + run + ".md");
            Files.writeString(out, table, StandardCharsets.UTF_8);
            System.out.println("Saved as " + out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    /** Care reaches billing through payroll's outbox, one visit per call; the month's figures need all of it. */
    private void handOff() {
        long t0 = System.nanoTime();
        long expected = org.careEntries();
        long atBilling = 0;
        long deadline = t0 + 120L * 60 * 1_000_000_000L;
        String last = "";
        long first = -1;
        while (true) {
            atBilling = sumOverTeams(t -> gateway.as(t.login()).get("/api/billing/teams/" + t.code() + "/statistics?month="
                    + month).expect("billing statistics of " + t.code(), 200).json().path("careRecords").asLong());
            first = first < 0 ? atBilling : first;
            String line = String.format("hand-off: billing holds %,d of %,d care visits (%.0f s)", atBilling, expected,
                    (System.nanoTime() - t0) / 1e9);
            if (!line.equals(last)) {
                say(line);
                last = line;
            }
            if (atBilling >= expected || System.nanoTime() > deadline) {
                break;
            }
            sleep(10_000);
        }
        double s = (System.nanoTime() - t0) / 1e9;
        row("care hand-off payroll → billing (waited for)", String.format("%,d of %,d care visits at billing after "
                + "waiting %.0f s%s", atBilling, expected, s, s < 20 ? "" : String.format(" (%,.0f visits/s arrived meanwhile)",
                (atBilling - first) / s)), "", "", "");
    }

    private void monthEnd() {
        Path meFolder = settings.dataDir().resolve("month-end").resolve(month.toString());
        if (Files.exists(meFolder.resolve("payroll-run-id"))) {
            row("month-end", "not measured: " + month + " was closed before in this data folder (a finalised payroll "
                    + "cannot run again); load an organisation into a fresh data folder to measure it", "", "", "");
            return;
        }
        List<long[]> at = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        long t0 = System.nanoTime();
        MonthEnd.Result r = new MonthEnd(gateway, month, meFolder, line -> {
            synchronized (lines) {
                at.add(new long[] {System.nanoTime()});
                lines.add(line);
            }
            System.out.println("  " + line);
        }, java.time.Duration.ofMinutes(120), org.teamCodes()).run();
        double total = (System.nanoTime() - t0) / 1e9;
        double handOff = since(t0, at, lines, l -> l.startsWith("hand-off") && l.contains("COMPLETE"));
        double billingStart = since(t0, at, lines, l -> l.startsWith("billing"));
        double billingDone = since(t0, at, lines, l -> l.startsWith("billing") && (l.contains("COMPLETED") || l.contains("FAILED")));
        double payrollStart = since(t0, at, lines, l -> l.startsWith("payroll"));
        double payrollDone = since(t0, at, lines, l -> l.startsWith("payroll") && (l.contains("COMPLETED") || l.contains("FAILED")));
        double finalised = since(t0, at, lines, l -> l.startsWith("payroll") && l.contains("FINALISED"));
        double closeStart = since(t0, at, lines, l -> l.startsWith("close"));
        double closeDone = since(t0, at, lines, l -> l.startsWith("close") && l.contains("COMPLETED"));
        JsonNode billing = readJson(meFolder.resolve("billing-run.json"));
        JsonNode payroll = readJson(meFolder.resolve("payroll-run.json"));
        int records = billing.path("progress").path("careRecordsTotal").asInt();
        int documents = billing.path("progress").path("documentsTotal").asInt();
        int people = payroll.path("progress").path("employeesTotal").asInt();
        row("billing run (month-end, dave)", String.format("%,d care records, %d documents in %.0f s (%,.0f records/s)",
                records, documents, billingDone - billingStart, records / Math.max(0.001, billingDone - billingStart)),
                "", "", "1M records ≤ 20 s (issue 6)");
        row("billing documents downloaded", String.format("%.0f s", payrollStart - billingDone), "", "", "");
        row("payroll run (month-end, dave)", String.format("%,d colleagues in %.0f s", people, payrollDone - payrollStart),
                "", "", "15,000 employees ≤ 30 s (issue 5)");
        row("payroll finalise + payslips PDF, Bacs, pain.001, pension CSV, FPS downloaded",
                String.format("%.0f s", closeStart - payrollDone), "", "", "");
        row("finance close (fiona)", String.format("%.0f s", closeDone - closeStart), "", "", "");
        row("month-end total (./backoffice month-end)", String.format("%.0f s (hand-off check %.0f s); %s", total,
                handOff, r.reconciled() ? "RECONCILED" : "NOT RECONCILED: " + String.join("; ", r.problems())
                        + r.checks().stream().filter(c -> !c.holds()).map(Object::toString).toList()), "", "", "");
    }

    private void statements() {
        Gateway.As fiona = gateway.as("fiona");
        Map<String, String> paths = new LinkedHashMap<>();
        paths.put("trial balance", "/api/finance/statements/trial-balance?from=" + month + "&to=" + month);
        paths.put("profit and loss", "/api/finance/statements/profit-and-loss?from=" + month + "&to=" + month);
        paths.put("balance sheet", "/api/finance/statements/balance-sheet?at=" + month.atEndOfMonth());
        paths.forEach((name, path) -> {
            long[] t = new long[5];
            for (int i = 0; i < t.length; i++) {
                long t0 = System.nanoTime();
                fiona.get(path).expect(name, 200);
                t[i] = System.nanoTime() - t0;
            }
            long first = t[0];
            Arrays.sort(t);
            row("statement: " + name + " (fiona, 5 times)", String.format("first %.0f ms", first / 1e6),
                    String.format("%.0f ms", t[2] / 1e6), String.format("%.0f ms (max)", t[4] / 1e6), "");
        });
    }

    private void hoursSingle() {
        List<DemoManifest.Team> teams = window(Math.max(clients * 2, 16), 0);
        List<int[]> employees = new ArrayList<>(); // {team index in window, global employee index}
        Map<String, Integer> global = employeeIndex();
        for (int i = 0; i < teams.size(); i++) {
            for (String m : teams.get(i).members()) {
                employees.add(new int[] {i, global.get(m)});
            }
        }
        Map<String, String> tokens = tokens(teams);
        Slots slots = new Slots(global.size());
        AtomicLong cursor = new AtomicLong();
        String[] ids = global.keySet().toArray(new String[0]);
        Load.Result r = new Load(settings.gatewayUrl()).run("hours-single", clients, 5, seconds, 0, w -> {
            int[] e = employees.get((int) (cursor.getAndIncrement() % employees.size()));
            String body = "{\"entries\":[" + slots.entry(e[1], ids[e[1]]) + "]}";
            return new Load.Call(tokens.get(teams.get(e[0]).login()), "/api/payroll/hours",
                    body.getBytes(StandardCharsets.UTF_8), null, 1);
        }, 201);
        report(r, String.format("hours intake, 1 entry per request (%d clients, %d teams as themselves, %.0f s)",
                clients, teams.size(), r.seconds()), "entries", "");
        // The same straight to payroll-service's port: what the gateway (token check, rate limit, proxy) adds.
        Load.Result d = new Load(settings.serviceUrl("payroll")).run("hours-single-direct", clients, 2, seconds / 2, 0,
                w -> {
                    int[] e = employees.get((int) (cursor.getAndIncrement() % employees.size()));
                    String body = "{\"entries\":[" + slots.entry(e[1], ids[e[1]]) + "]}";
                    return new Load.Call(tokens.get(teams.get(e[0]).login()), "/api/payroll/hours",
                            body.getBytes(StandardCharsets.UTF_8), null, 1);
                }, 201);
        report(d, "… the same straight to payroll-service (no gateway), for comparison", "entries", "");
        dayCursor = firstDay + slots.daysUsed();
        saveState();
    }

    private void hoursBulk() {
        Map<String, Integer> global = employeeIndex();
        String[] ids = global.keySet().toArray(new String[0]);
        int perDay = Slots.PER_DAY;
        long wanted = (long) bulkRequests * 10_000;
        int days = (int) Math.ceil((double) wanted / ((long) ids.length * perDay));
        if (dayCursor + days > Slots.DAYS) {
            row("hours intake, 10,000 entries per request", "not measured: no free bench days left before " + month
                    + " (each run uses fresh days so entries never overlap); load a fresh organisation", "", "", "");
            return;
        }
        Slots slots = new Slots(ids.length);
        int base = dayCursor;
        // The bodies are written before the clock starts, so the client's JSON work is not in the figures.
        List<byte[]> bodies = new ArrayList<>();
        int e = 0;
        for (int q = 0; q <= bulkRequests; q++) { // one extra: the warm-up request
            StringBuilder b = new StringBuilder(1_400_000).append("{\"entries\":[");
            for (int i = 0; i < 10_000; i++, e = (e + 1) % ids.length) {
                b.append(i == 0 ? "" : ",").append(slots.entry(base, e, ids[e]));
            }
            bodies.add(b.append("]}").toString().getBytes(StandardCharsets.UTF_8));
        }
        String dave = gateway.token("dave");
        AtomicInteger next = new AtomicInteger();
        Load load = new Load(settings.gatewayUrl());
        Load.Result warm = load.run("hours-bulk-warmup", 1, 0, 600, 1,
                w -> new Load.Call(dave, "/api/payroll/hours", bodies.get(next.getAndIncrement()), null, 10_000), 201);
        if (warm.status(201) != 1) {
            throw new IllegalStateException("the warm-up bulk request was refused: " + warm.statuses() + " " + warm.sampleErrors());
        }
        Load.Result r = load.run("hours-bulk", bulkClients, 0, 1800, bulkRequests, w -> {
            int i = next.getAndIncrement();
            return i < bodies.size() ? new Load.Call(dave, "/api/payroll/hours", bodies.get(i), null, 10_000) : null;
        }, 201);
        dayCursor = base + slots.daysUsed();
        report(r, String.format("hours intake, 10,000 entries per request (%d clients, back office, %d requests)",
                bulkClients, r.requests()), "entries", "≥ 50,000 entries/s (issue 5)");
        saveState();
    }

    private void orders() {
        Gateway.As dave = gateway.as("dave");
        String medisupply = org.suppliers().get(0);
        String carelearn = org.suppliers().get(1);
        Map<String, String> items = new LinkedHashMap<>();
        for (String s : org.suppliers()) {
            for (JsonNode i : dave.get("/api/procurement/catalogue?supplierId=" + s).expect("catalogue", 200).json()) {
                items.put(i.get("supplierItemCode").asString(), i.get("id").asString());
            }
        }
        // A different window of teams each run, so the budgets released so far last for many runs.
        int size = Math.min(org.teams().size(), 200);
        List<DemoManifest.Team> teams = window(size, run * size);
        Map<String, String> tokens = tokens(teams);
        String delivery = "{\"line1\":\"Wijkcentrum, 2 High Street\",\"town\":\"Leeds\",\"postcode\":\"LS8 5HS\"}";
        AtomicLong n = new AtomicLong();
        Load.Result r = new Load(settings.gatewayUrl()).run("orders", clients, 5, seconds, 0, w -> {
            long i = n.getAndIncrement();
            DemoManifest.Team t = teams.get((int) (i % teams.size()));
            String body = "{\"supplierId\":\"" + medisupply + "\",\"deliveryAddress\":" + delivery
                    + ",\"lines\":[{\"catalogueItemId\":\"" + items.get("GLV-NIT-M") + "\",\"quantity\":\"1\"}]}";
            return new Load.Call(tokens.get(t.login()), "/api/procurement/orders", body.getBytes(StandardCharsets.UTF_8),
                    "bench-" + run + "-order-" + i, 1);
        }, 201);
        report(r, String.format("orders through the gateway (%d clients, %d teams as themselves, £6.40 each, %.0f s)",
                clients, teams.size(), r.seconds()), "orders", "≥ 500 orders/s accepted (issue 7)");
        Load.Result d = new Load(settings.serviceUrl("procurement")).run("orders-direct", clients, 2, seconds / 2, 0, w -> {
            long i = n.getAndIncrement();
            DemoManifest.Team t = teams.get((int) (i % teams.size()));
            String body = "{\"supplierId\":\"" + medisupply + "\",\"deliveryAddress\":" + delivery
                    + ",\"lines\":[{\"catalogueItemId\":\"" + items.get("GLV-NIT-M") + "\",\"quantity\":\"1\"}]}";
            return new Load.Call(tokens.get(t.login()), "/api/procurement/orders", body.getBytes(StandardCharsets.UTF_8),
                    "bench-" + run + "-order-" + i, 1);
        }, 201);
        report(d, "… the same straight to procurement-service (no gateway), for comparison", "orders", "");
        budgetRace(items.get("MH-1D"), carelearn, delivery);
    }

    /** Five teams each place 40 orders of £145 at the same instant, more than any has left: none may overspend. */
    private void budgetRace(String course, String supplier, String delivery) {
        List<DemoManifest.Team> teams = window(Math.min(5, org.teams().size()), run * 200 + 200);
        Map<String, String> tokens = tokens(teams);
        ExecutorService pool = Executors.newFixedThreadPool(50);
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        Map<Integer, AtomicInteger> answers = new java.util.concurrent.ConcurrentHashMap<>();
        Load load = new Load(settings.gatewayUrl());
        List<Future<?>> fs = new ArrayList<>();
        for (DemoManifest.Team t : teams) {
            for (int i = 0; i < 40; i++) {
                String key = "bench-" + run + "-race-" + t.code() + "-" + i;
                String body = "{\"supplierId\":\"" + supplier + "\",\"deliveryAddress\":" + delivery
                        + ",\"lines\":[{\"catalogueItemId\":\"" + course + "\",\"quantity\":\"1\"}]}";
                fs.add(pool.submit(() -> {
                    go.await();
                    Load.Result one = load.run("race", 1, 0, 120, 1, w -> new Load.Call(tokens.get(t.login()),
                            "/api/procurement/orders", body.getBytes(StandardCharsets.UTF_8), key, 1), 201);
                    one.statuses().forEach((s, c) -> answers.computeIfAbsent(s, x -> new AtomicInteger()).addAndGet(c.intValue()));
                    return null;
                }));
            }
        }
        go.countDown();
        for (Future<?> f : fs) {
            try {
                f.get();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        pool.shutdown();
        long t0 = System.nanoTime();
        JsonNode spending = gateway.as("dave").get("/api/procurement/spending").expect("spending", 200).json();
        double spendingSeconds = (System.nanoTime() - t0) / 1e9;
        int over = 0;
        List<String> overTeams = new ArrayList<>();
        for (JsonNode s : spending) {
            BigDecimal released = new BigDecimal(s.path("releasedToDate").asString());
            BigDecimal used = new BigDecimal(s.path("committed").asString()).add(new BigDecimal(s.path("spent").asString()));
            if (used.compareTo(released) > 0) {
                over++;
                overTeams.add(s.path("team").asString());
            }
        }
        row("budget race: 5 teams × 40 simultaneous £145 orders", String.format("%s; teams over budget: %d of %d%s "
                        + "(GET /spending for all teams: %.1f s)", answers, over, spending.size(),
                overTeams.isEmpty() ? "" : " " + overTeams, spendingSeconds), "", "", "no overspend (issue 7)");
    }

    // ---------------------------------------------------------------------------------------------------------

    /**
     * Where bench hours go: day {@code k} is the k-th day before the month (the colleagues all started at least
     * 60 days before it), 140 ten-minute slots a day per colleague, each used once.
     */
    private final class Slots {
        static final int PER_DAY = 140;
        static final int DAYS = 58;
        private final AtomicIntegerArray used;
        private final String[] activities = {"ADMIN", "TRAINING", "TRAVEL"};

        Slots(int employees) {
            used = new AtomicIntegerArray(employees);
        }

        String entry(int employee, String id) {
            return entry(dayCursor, employee, id);
        }

        String entry(int firstDayIndex, int employee, String id) {
            int c = used.getAndIncrement(employee);
            int day = firstDayIndex + c / PER_DAY;
            if (day >= DAYS) {
                throw new IllegalStateException("no free bench days left before " + month + "; load a fresh organisation");
            }
            LocalDate date = month.atDay(1).minusDays(1 + day);
            LocalTime start = LocalTime.MIDNIGHT.plusMinutes(10L * (c % PER_DAY));
            return "{\"employeeId\":\"" + id + "\",\"date\":\"" + date + "\",\"start\":\"" + start
                    + "\",\"minutes\":10,\"activity\":\"" + activities[c % 3] + "\"}";
        }

        int daysUsed() {
            int max = 0;
            for (int i = 0; i < used.length(); i++) {
                max = Math.max(max, used.get(i));
            }
            return max == 0 ? 0 : (max - 1) / PER_DAY + 1;
        }
    }

    private Map<String, Integer> employeeIndex() {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (DemoManifest.Team t : org.teams()) {
            for (String m : t.members()) {
                out.put(m, out.size());
            }
        }
        return out;
    }

    private List<DemoManifest.Team> window(int size, int from) {
        List<DemoManifest.Team> all = org.teams();
        List<DemoManifest.Team> out = new ArrayList<>();
        for (int i = 0; i < Math.min(size, all.size()); i++) {
            out.add(all.get(Math.floorMod(from + i, all.size())));
        }
        return out;
    }

    /** Each team's own token (password grant, as the team's app would), fetched before the clock starts. */
    private Map<String, String> tokens(List<DemoManifest.Team> teams) {
        Map<String, String> out = new java.util.concurrent.ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (DemoManifest.Team t : teams) {
                fs.add(pool.submit(() -> out.put(t.login(), gateway.token(t.login()))));
            }
            for (Future<?> f : fs) {
                f.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not sign the teams in: " + e.getMessage(), e);
        } finally {
            pool.shutdown();
        }
        return out;
    }

    private long sumOverTeams(java.util.function.ToLongFunction<DemoManifest.Team> f) {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Long>> fs = new ArrayList<>();
            for (DemoManifest.Team t : org.teams()) {
                fs.add(pool.submit(() -> f.applyAsLong(t)));
            }
            long sum = 0;
            for (Future<Long> x : fs) {
                sum += x.get();
            }
            return sum;
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        } finally {
            pool.shutdown();
        }
    }

    private void report(Load.Result r, String what, String unit, String target) {
        String statuses = r.statuses().toString();
        String figure = String.format("%,.1f req/s = %,.0f %s/s sent, %,.0f/s accepted (answers %s)",
                r.requestsPerSecond(), r.itemsPerSecond(), unit, r.acceptedPerSecond(), statuses);
        row(what, figure, String.format("%,.0f ms", r.percentileMillis(50)), String.format("%,.0f ms", r.percentileMillis(99)),
                target);
        if (!r.sampleErrors().isEmpty()) {
            notes.add(what + ": " + r.sampleErrors());
        }
    }

    private void row(String what, String figure, String p50, String p99, String target) {
        rows.add(new String[] {what, figure, p50, p99, target, loadAverage().split(" ")[0]});
        say(what + ": " + figure + (p50.isEmpty() ? "" : " (p50 " + p50 + ", p99 " + p99 + ")"));
    }

    private String table(String loadAtStart, String loadAtEnd) {
        StringBuilder s = new StringBuilder();
        s.append(String.format("Benchmarks, organisation '%s' (seed %d): %,d teams, %,d colleagues, %,d clients, "
                        + "%,d hours entries (%,d care visits) for %s; bench run %d%n", org.size(), org.seed(),
                org.teams().size(), org.colleagues(), org.clients(), org.hoursEntries(), org.careEntries(), month, run));
        s.append(String.format("Machine: %d cores, %s, JDK %s; services %s; load average (1/5/15 min) %s at start, %s at end%n%n",
                Runtime.getRuntime().availableProcessors(), memory(), System.getProperty("java.version"),
                System.getenv().getOrDefault("BACKOFFICE_JAVA_OPTS", "-Xmx256m -XX:TieredStopAtLevel=1"), loadAtStart, loadAtEnd));
        s.append("| benchmark | result | p50 | p99 | target | load (1 min) |\n|---|---|---|---|---|---|\n");
        for (String[] r : rows) {
            s.append("| ").append(String.join(" | ", r)).append(" |\n");
        }
        if (!org.phaseSeconds().isEmpty()) {
            s.append("\nLoading the organisation (./backoffice demo ").append(org.size()).append("), seconds per phase: ");
            List<String> p = new ArrayList<>();
            org.phaseSeconds().forEach((k, v) -> p.add(k + " " + Math.round(v)));
            s.append(String.join(", ", p)).append("\n");
        }
        notes.forEach(n -> s.append("\nNote: ").append(n).append("\n"));
        return s.toString();
    }

    private void nextRun() {
        Properties p = new Properties();
        Path f = folder.resolve("state-" + month + ".properties");
        try {
            if (Files.exists(f)) {
                try (var in = Files.newInputStream(f)) {
                    p.load(in);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        run = Integer.parseInt(p.getProperty("runs", "0")) + 1;
        firstDay = Integer.parseInt(p.getProperty("nextDay", "0"));
        dayCursor = firstDay;
        saveState();
    }

    /** Written as soon as days are used, so an interrupted run never makes the next one reuse them. */
    private void saveState() {
        Properties p = new Properties();
        p.setProperty("runs", Integer.toString(run));
        p.setProperty("nextDay", Integer.toString(dayCursor));
        try {
            Files.createDirectories(folder);
            try (var out = Files.newOutputStream(folder.resolve("state-" + month + ".properties"))) {
                p.store(out, "bench runs and the first bench day (days before the month) not used yet");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double since(long t0, List<long[]> at, List<String> lines, java.util.function.Predicate<String> p) {
        for (int i = 0; i < lines.size(); i++) {
            if (p.test(lines.get(i))) {
                return (at.get(i)[0] - t0) / 1e9;
            }
        }
        return Double.NaN;
    }

    private static JsonNode readJson(Path f) {
        try {
            return Files.exists(f) ? Gateway.JSON.readTree(Files.readAllBytes(f)) : Gateway.JSON.createObjectNode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String loadAverage() {
        try {
            String[] p = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return p[0] + " " + p[1] + " " + p[2];
        } catch (IOException e) {
            return "?";
        }
    }

    private static String memory() {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (l.startsWith("MemTotal:")) {
                    long kb = Long.parseLong(l.replaceAll("[^0-9]", ""));
                    return Math.round(kb / 1024.0 / 1024.0) + " GiB";
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux
        }
        return "? GiB";
    }

    private static void say(String line) {
        System.out.println(line);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    static String option(String[] args, String name, String fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}
