package care.backoffice.stack;

import static org.assertj.core.api.Assertions.assertThat;

import care.backoffice.stack.api.Gateway;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import tools.jackson.databind.JsonNode;

/**
 * The organisation the fault tests break things in, made through the public API by the back office (dave) in the
 * realm's two teams, once per test JVM.
 *
 * <p>It is big on purpose, so that a run takes long enough to be killed in the middle without slowing any service
 * down: hundreds of self-funding clients (billing issues one invoice per self-funder, so the issue step has
 * hundreds of documents) and over a thousand colleagues (payroll pays them in chunks of 500, so a run shows
 * progress before it finishes).
 *
 * <p>It keeps out of the other tests' way: it works in months April 2025 – July 2026 only (before the August and
 * October 2026 care the other tests bill, and within the tax years payroll knows), a billing run for one of those
 * months bills nothing of theirs, and its colleagues leave at the end of July 2026, so October's payroll does not
 * pay them. Each fault scenario takes a month of its own ({@link #nextMonth}).
 */
final class FaultOrganisation {

    static final List<String> TEAMS = List.of("team-arnhem-noord", "team-leeds-east");
    static final YearMonth FIRST = YearMonth.of(2025, 4);
    static final YearMonth LAST = YearMonth.of(2026, 7);
    static final String BACK_OFFICE = "dave";

    static final int CLIENTS = Integer.getInteger("e2e.faults.clients", 400);
    static final int COUNCIL_CLIENTS = 30;
    static final int COLLEAGUES = Integer.getInteger("e2e.faults.colleagues", 1100);
    static final int HOURLY = 80;
    static final String[] CARE = {"PERSONAL_CARE", "SOCIAL_SUPPORT", "DOMESTIC_SUPPORT"};
    private static final String[] GIVEN = {"Aisha", "Ben", "Carys", "Dev", "Ewa", "Femi", "Grace", "Hamza", "Isla",
            "Jon", "Kiran", "Lena", "Mo", "Niamh", "Owen", "Priya", "Rhys", "Tomasz", "Uma", "Yusuf", "Zofia"};
    private static final String[] FAMILY = {"Ahmed", "Baker", "Davies", "Evans", "Fraser", "Gill", "Hughes", "Iqbal",
            "Jones", "Khan", "Lewis", "Murphy", "Nowak", "Patel", "Quinn", "Singh", "Taylor", "Walsh", "Okafor"};

    record Funder(String id, String name, Map<String, BigDecimal> rates) {}

    record Client(String id, String team, Funder funder, String careType) {
        BigDecimal rate() {
            return funder.rates().get(careType);
        }
    }

    record Colleague(String id, String team, boolean hourly) {}

    /** One care visit as submitted. */
    record Visit(String employeeId, String team, Client client, LocalDate date, LocalTime start, int minutes) {}

    /** A month of this organisation's care, submitted by the teams. */
    record Month(YearMonth month, List<Visit> visits) {

        /** Per client: [visits, minutes]; each client is on one invoice line (one team, one care type, one price). */
        Map<String, int[]> perClient() {
            Map<String, int[]> out = new LinkedHashMap<>();
            for (Visit v : visits) {
                int[] c = out.computeIfAbsent(v.client().id(), k -> new int[2]);
                c[0]++;
                c[1] += v.minutes();
            }
            return out;
        }

        /** What billing must charge: per line rate × minutes ÷ 60, half-up to the penny (billing's README). */
        BigDecimal expectedInvoiced(Map<String, Client> clients) {
            BigDecimal sum = BigDecimal.ZERO.setScale(2);
            for (var e : perClient().entrySet()) {
                sum = sum.add(clients.get(e.getKey()).rate().multiply(BigDecimal.valueOf(e.getValue()[1]))
                        .divide(BigDecimal.valueOf(60), 2, RoundingMode.HALF_UP));
            }
            return sum;
        }

        long visitsOf(String team) {
            return visits.stream().filter(v -> v.team().equals(team)).count();
        }
    }

    private static FaultOrganisation shared;

    final Gateway gateway;
    final String tag;
    final Funder selfFunders;
    final Funder council;
    final Map<String, Client> clients = new LinkedHashMap<>();
    final List<Colleague> colleagues = new ArrayList<>();
    private final Set<YearMonth> handedOut = new HashSet<>();

    /** The organisation of this test JVM, made on first use (a minute or two: over a thousand onboardings). */
    static synchronized FaultOrganisation get() throws Exception {
        if (shared == null) {
            shared = new FaultOrganisation(RunningStack.gateway(), Long.getLong("e2e.faults.seed", 20250401L));
        }
        return shared;
    }

    private FaultOrganisation(Gateway gateway, long seed) throws Exception {
        this.gateway = gateway;
        // A tag per JVM: against a stack that already holds an earlier organisation (-De2e.attach) ids stay unique.
        this.tag = Long.toString(Math.abs(UUID.randomUUID().getMostSignificantBits()) % 1_000_000, 36);
        Random random = new Random(seed);
        Instant t0 = Instant.now();
        Gateway.As dave = gateway.as(BACK_OFFICE);
        selfFunders = funder(dave, "SELF_FUNDER", "Self-funding clients (fault tests " + tag + ")", "PDF_EMAIL",
                Map.of("email", "accounts-" + tag + "@faults.example"), "27.50");
        council = funder(dave, "LOCAL_AUTHORITY", "Wakefield Council (fault tests " + tag + ")", "COUNCIL_CSV",
                Map.of("email", "care-" + tag + "@wakefield.example"), "21.30");
        List<Callable<Object>> work = new ArrayList<>();
        for (int i = 0; i < CLIENTS + COUNCIL_CLIENTS; i++) {
            boolean self = i < CLIENTS;
            Client c = new Client("cf-" + tag + "-" + i, TEAMS.get(i % 2), self ? selfFunders : council,
                    CARE[random.nextInt(CARE.length)]);
            clients.put(c.id(), c);
            work.add(() -> client(dave, c));
        }
        parallel(work);
        System.out.printf("[faults] %d clients of two funders in %d s%n", clients.size(), secondsSince(t0));

        work.clear();
        // NI and bank account numbers from the tag, not the seed: an attached stack may hold an earlier
        // organisation made from the same seed, and nobody may share a bank account with someone else.
        int niBase = Math.floorMod(tag.hashCode(), 1_000_000);
        for (int i = 0; i < COLLEAGUES; i++) {
            int n = i;
            boolean hourly = i < HOURLY;
            String team = TEAMS.get(i % 2);
            String given = GIVEN[random.nextInt(GIVEN.length)];
            String family = FAMILY[random.nextInt(FAMILY.length)];
            int salary = 24_000 + random.nextInt(16) * 1_000;
            String rate = new BigDecimal("12.60").add(BigDecimal.valueOf(random.nextInt(300), 2)).toPlainString();
            work.add(() -> {
                colleague(dave, n, team, given, family, hourly, salary, rate, niBase);
                return null;
            });
        }
        parallel(work);
        System.out.printf("[faults] %d colleagues (%d hourly) onboarded, leaving after %s, in %d s%n",
                colleagues.size(), HOURLY, LAST, secondsSince(t0));
    }

    private Funder funder(Gateway.As dave, String type, String name, String output, Map<String, String> sendTo,
            String base) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("legalName", name);
        body.put("type", type);
        body.put("address", Map.of("line1", "1 Wood Street", "city", "Wakefield", "postcode", "WF1 2EW", "countryCode", "GB"));
        body.putAll(sendTo);
        body.put("paymentTermsDays", 30);
        String id = dave.post("/api/billing/funders", body, "faults-" + tag + "-funder-" + type)
                .expect("funder " + name, 200, 201).json().get("id").asString();
        Map<String, BigDecimal> rates = new LinkedHashMap<>();
        BigDecimal b = new BigDecimal(base);
        rates.put("PERSONAL_CARE", b);
        rates.put("SOCIAL_SUPPORT", b.multiply(new BigDecimal("0.90")).setScale(2, RoundingMode.HALF_UP));
        rates.put("DOMESTIC_SUPPORT", b.multiply(new BigDecimal("0.85")).setScale(2, RoundingMode.HALF_UP));
        Map<String, Object> contract = new LinkedHashMap<>();
        contract.put("funderId", id);
        contract.put("reference", "CTR-FAULTS-" + tag.toUpperCase() + "-" + type);
        contract.put("billingUnit", "MINUTE");
        contract.put("rounding", "NEAREST");
        contract.put("chargedTime", "ACTUAL");
        contract.put("output", output);
        contract.put("vat", "EXEMPT");
        contract.put("chargeBeyondAuthorisedHours", true);
        contract.put("startsOn", FIRST.minusMonths(1).atDay(1).toString());
        contract.put("rates", rates.entrySet().stream()
                .map(e -> Map.of("careType", e.getKey(), "hourlyRate", e.getValue().toPlainString())).toList());
        dave.post("/api/billing/contracts", contract, "faults-" + tag + "-contract-" + type).expect("contract of " + name, 200, 201);
        return new Funder(id, name, rates);
    }

    private Object client(Gateway.As dave, Client c) {
        boolean self = c.funder() == selfFunders;
        Map<String, Object> funding = new LinkedHashMap<>();
        funding.put("funderId", c.funder().id());
        funding.put("from", FIRST.minusMonths(1).atDay(1).toString());
        funding.put("packageKind", self ? "SELF_FUNDING" : "COUNCIL_PACKAGE");
        funding.put("funderReference", "WF-" + c.id());
        funding.put("authorisedHoursPerWeek", "20");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", c.id());
        body.put("name", "Client " + c.id().substring(c.id().lastIndexOf('-') + 1) + " Fault");
        body.put("address", Map.of("line1", "7 Westgate", "city", "Wakefield", "postcode", "WF1 1JY", "countryCode", "GB"));
        if (self) {
            body.put("email", c.id() + "@clients.example");
        }
        body.put("funding", funding);
        return dave.post("/api/billing/clients", body, "faults-" + tag + "-client-" + c.id()).expect("client " + c.id(), 200, 201);
    }

    private void colleague(Gateway.As dave, int i, String team, String given, String family, boolean hourly, int salary,
            String rate, int niBase) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("givenName", given);
        body.put("familyName", family);
        body.put("dateOfBirth", LocalDate.of(1970 + i % 30, 1 + i % 12, 1 + i % 28).toString());
        body.put("startDate", FIRST.minusMonths(1).atDay(1).toString());
        // R? prefixes: the demo organisation never uses them, so no current colleague holds the same NI number.
        body.put("niNumber", "R" + "ACEGHJ".charAt(i % 6) + String.format("%06d", (niBase + i) % 1_000_000) + "ABCD".charAt(i % 4));
        body.put("address", Map.of("line1", (i + 1) + " Kirkgate", "postcode", "WF1 1HS"));
        String name = (given + " " + family).toUpperCase(java.util.Locale.ROOT);
        body.put("bankAccount", Map.of("sortCode", "309634", "accountNumber", String.format("%08d", 10_000_000L * (1 + i % 9)
                        + (niBase * 10L + i / 9) % 10_000_000),
                "accountName", name.length() > 18 ? name.substring(0, 18) : name));
        body.put("starterDeclaration", "A");
        body.put("payAgreement", hourly ? Map.of("hourlyRate", rate)
                : Map.of("annualSalary", salary + ".00", "contractedWeeklyHours", "30"));
        body.put("pension", i % 5 == 0 ? "OPTED_OUT" : "ENROLLED");
        String id = dave.post("/api/payroll/teams/" + team + "/members", body, "faults-" + tag + "-member-" + i)
                .expect("onboard colleague " + i, 200, 201).json().get("id").asString();
        // They leave after the last month the fault tests use: October's payroll (MonthEndIT) must not pay them.
        dave.post("/api/payroll/teams/" + team + "/members/" + id + "/leaving",
                Map.of("leavingDate", LAST.atEndOfMonth().toString()), null).expect("leaving date of colleague " + i, 200, 201);
        synchronized (colleagues) {
            colleagues.add(new Colleague(id, team, hourly));
        }
    }

    /**
     * A month of its own for one fault scenario: the first of April 2025 – July 2026 not handed out in this JVM in
     * which neither team has hours yet (an attached stack may hold an earlier run's months).
     */
    synchronized YearMonth nextMonth() {
        Gateway.As dave = gateway.as(BACK_OFFICE);
        for (YearMonth m = FIRST; !m.isAfter(LAST); m = m.plusMonths(1)) {
            if (handedOut.contains(m)) {
                continue;
            }
            boolean used = false;
            for (String team : TEAMS) {
                used |= !dave.get("/api/payroll/teams/" + team + "/hours?from=" + m.atDay(1) + "&to=" + m.atEndOfMonth())
                        .expect("hours of " + team, 200).json().isEmpty();
            }
            if (!used) {
                handedOut.add(m);
                return m;
            }
        }
        throw new IllegalStateException("No month left for another fault scenario: they use " + FIRST + " – " + LAST
                + " (16 months) of one stack; run fewer soak iterations per stack");
    }

    /**
     * The teams' care for the month: each client 1–3 visits of 20–60 minutes by one of its team's hourly
     * colleagues on a weekday, submitted by the back office in one bulk request per team; then waits until payroll
     * has handed every visit to billing.
     */
    Month submit(YearMonth month, long seed) {
        Random random = new Random(seed);
        List<Visit> visits = new ArrayList<>();
        Map<String, LocalTime> nextFree = new java.util.HashMap<>();
        List<LocalDate> weekdays = new ArrayList<>();
        for (int d = 1; d <= month.lengthOfMonth(); d++) {
            LocalDate date = month.atDay(d);
            if (date.getDayOfWeek() != DayOfWeek.SATURDAY && date.getDayOfWeek() != DayOfWeek.SUNDAY) {
                weekdays.add(date);
            }
        }
        for (Client c : clients.values()) {
            List<Colleague> carers = colleagues.stream().filter(x -> x.hourly() && x.team().equals(c.team())).toList();
            int n = 1 + random.nextInt(3);
            for (int v = 0; v < n; v++) {
                Colleague who = carers.get(random.nextInt(carers.size()));
                LocalDate date = weekdays.get(random.nextInt(weekdays.size()));
                String slot = who.id() + date;
                LocalTime start = nextFree.getOrDefault(slot, LocalTime.of(8, 0));
                int minutes = 20 + 5 * random.nextInt(9);
                if (start.plusMinutes(minutes + 15).isAfter(LocalTime.of(20, 0))) {
                    continue; // a full day; the client gets one visit fewer
                }
                nextFree.put(slot, start.plusMinutes(minutes + 15));
                visits.add(new Visit(who.id(), c.team(), c, date, start, minutes));
            }
        }
        Gateway.As dave = gateway.as(BACK_OFFICE);
        for (String team : TEAMS) {
            List<Map<String, Object>> entries = visits.stream().filter(v -> v.team().equals(team)).map(v -> {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("employeeId", v.employeeId());
                e.put("date", v.date().toString());
                e.put("start", v.start().toString());
                e.put("minutes", v.minutes());
                e.put("activity", "CARE");
                e.put("clientId", v.client().id());
                e.put("careType", v.client().careType());
                return e;
            }).toList();
            dave.post("/api/payroll/hours", Map.of("entries", entries), "faults-" + tag + "-hours-" + month + "-" + team)
                    .expect("hours of " + team + " for " + month, 200, 201);
        }
        Month m = new Month(month, visits);
        awaitHandOff(m);
        return m;
    }

    /** Payroll hands each care visit to billing through its outbox; a billing run before that would miss some. */
    void awaitHandOff(Month m) {
        Gateway.As dave = gateway.as(BACK_OFFICE);
        Instant deadline = Instant.now().plus(Duration.ofMinutes(10));
        Instant t0 = Instant.now();
        while (true) {
            long atBilling = 0;
            for (String team : TEAMS) {
                atBilling += dave.get("/api/billing/teams/" + team + "/statistics?month=" + m.month())
                        .expect("billing statistics", 200).json().path("careRecords").asLong();
            }
            if (atBilling >= m.visits().size()) {
                assertThat(atBilling).as("care records at billing for " + m.month()).isEqualTo(m.visits().size());
                System.out.printf("[faults] %s: %d care visits handed to billing in %d s%n", m.month(), atBilling,
                        secondsSince(t0));
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("payroll handed only " + atBilling + " of " + m.visits().size()
                        + " care visits of " + m.month() + " to billing within 10 minutes");
            }
            sleep(1000);
        }
    }

    /**
     * Who payroll must pay for the month and their gross pay, from what the API shows the back office: every
     * colleague of the two teams employed on a day of the month with a pay agreement (this organisation's and any
     * other test's) on the monthly schedule, salaried by calendar days, hourly from the month's active hours except
     * sick leave (payroll's README; this organisation has no sick leave, enhancements or adjustments). Independent
     * of the run itself.
     */
    Expected expectedPayroll(YearMonth month) {
        Gateway.As dave = gateway.as(BACK_OFFICE);
        int people = 0;
        BigDecimal gross = BigDecimal.ZERO.setScale(2);
        Map<String, Long> minutes = new java.util.HashMap<>();
        Map<String, Integer> accounts = new java.util.HashMap<>();
        for (String team : TEAMS) {
            for (JsonNode h : dave.get("/api/payroll/teams/" + team + "/hours?from=" + month.atDay(1) + "&to="
                    + month.atEndOfMonth()).expect("hours", 200).json()) {
                if (!"VOID".equals(h.path("status").asString()) && !"LEAVE_SICK".equals(h.path("activity").asString())) {
                    minutes.merge(h.path("employeeId").asString(), h.path("minutes").asLong(), Long::sum);
                }
            }
        }
        for (String team : TEAMS) {
            for (JsonNode m : dave.get("/api/payroll/teams/" + team + "/members").expect("members", 200).json()) {
                LocalDate start = LocalDate.parse(m.path("startDate").asString());
                LocalDate leaving = m.path("leavingDate").isNull() || m.path("leavingDate").isMissingNode() ? null
                        : LocalDate.parse(m.path("leavingDate").asString());
                JsonNode pay = m.path("details").path("payAgreement");
                if (start.isAfter(month.atEndOfMonth()) || (leaving != null && leaving.isBefore(month.atDay(1)))
                        || pay.isMissingNode() || pay.isNull()
                        || LocalDate.parse(pay.path("effectiveFrom").asString()).isAfter(month.atEndOfMonth())
                        || !"MONTHLY".equals(pay.path("payFrequency").asString("MONTHLY"))) {
                    continue; // not employed that month, or paid by another schedule's run
                }
                people++;
                JsonNode bank = m.path("details").path("bankAccount");
                accounts.merge(bank.path("sortCode").asString() + bank.path("accountNumber").asString(), 1, Integer::sum);
                if (!pay.path("hourlyRate").isNull() && !pay.path("hourlyRate").isMissingNode()) {
                    gross = gross.add(new BigDecimal(pay.path("hourlyRate").asString())
                            .multiply(BigDecimal.valueOf(minutes.getOrDefault(m.path("id").asString(), 0L)))
                            .divide(BigDecimal.valueOf(60), 2, RoundingMode.HALF_UP));
                } else {
                    LocalDate from = start.isAfter(month.atDay(1)) ? start : month.atDay(1);
                    LocalDate to = leaving != null && leaving.isBefore(month.atEndOfMonth()) ? leaving : month.atEndOfMonth();
                    long days = to.toEpochDay() - from.toEpochDay() + 1;
                    gross = gross.add(new BigDecimal(pay.path("annualSalary").asString()).multiply(BigDecimal.valueOf(days))
                            .divide(BigDecimal.valueOf(12L * month.lengthOfMonth()), 2, RoundingMode.HALF_UP));
                }
            }
        }
        return new Expected(people, gross, accounts);
    }

    /** People to pay, their gross pay, and how many of them hold each bank account (sort code + account number). */
    record Expected(int people, BigDecimal gross, Map<String, Integer> accounts) {}

    private static void parallel(List<Callable<Object>> work) throws Exception {
        // A few at a time, as a back office's import would: the shared machine has two cores.
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Object>> done = pool.invokeAll(work);
            for (Future<Object> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    static long secondsSince(Instant t0) {
        return Duration.between(t0, Instant.now()).toSeconds();
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
