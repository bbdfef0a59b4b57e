package care.backoffice.stack.demo;

import care.backoffice.stack.api.Gateway;
import care.backoffice.stack.api.Gateway.Answer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;

/**
 * A believable organisation of any size, made the way its people would make it: the back office (dave) sets up
 * funders, contracts, clients, suppliers and a catalogue; for a large organisation the Keycloak administrator
 * creates each team's group and the login of the colleague who starts it; each team, signed in as one of its own
 * members, sets its spending policy, onboards its colleagues (payroll creates their logins), submits its month of
 * hours and places its orders. Everything goes through the gateway with real tokens. The same seed gives the same
 * organisation, and every create carries an Idempotency-Key derived from the seed, so running it twice (or again
 * after an interruption) replays what exists instead of doubling it.
 *
 * <p>What each team does is decided first (a plan per team, from the seed), then the organisation is built phase by
 * phase over all teams with a few parallel clients. {@code small} plans its two teams one after the other from one
 * Random, as it always has, so an existing small organisation replays rather than conflicts; larger sizes give
 * each team its own Random from the seed and the team's number, so the result does not depend on which client
 * got which team first.
 */
public final class DemoOrganisation {

    /** Who signs in for each team of the `small` organisation (the realm's demo users). */
    public static final Map<String, String> SMALL_TEAMS = Map.of(
            "team-arnhem-noord", "anna",
            "team-leeds-east", "chloe");

    public static final String BACK_OFFICE = "dave";

    /** Hours travel in requests of at most this many entries (payroll's bulk limit). */
    static final int MAX_ENTRIES_PER_REQUEST = 10_000;

    private static final String[] GIVEN = {"Aisha", "Ben", "Carys", "Dev", "Ewa", "Femi", "Grace", "Hamza", "Isla",
            "Jon", "Kiran", "Lena", "Mo", "Niamh", "Owen", "Priya", "Rhys", "Siobhan", "Tomasz", "Uma", "Wiebke",
            "Yusuf", "Zofia", "Marit", "Joke", "Sanne", "Femke", "Bart"};
    private static final String[] FAMILY = {"Ahmed", "Baker", "Chowdhury", "Davies", "Evans", "Fraser", "Gill",
            "Hughes", "Iqbal", "Jones", "Khan", "Lewis", "Murphy", "Nowak", "O'Brien", "Patel", "Quinn", "Roberts",
            "Singh", "Taylor", "van Dijk", "Walsh", "de Boer", "Okafor", "Kowalski", "Bakker"};
    /** NI number prefixes HMRC allocates (none of BG, GB, KN, NK, NT, TN, ZZ; no D, F, I, Q, U, V). */
    private static final String[] NI_PREFIX = {"AB", "CE", "EH", "JK", "LM", "NP", "PR", "SW", "TY", "WX", "YZ", "HJ"};
    /** Tax codes as a real workforce has them: mostly the personal allowance, some second jobs, K and Scottish. */
    private static final String[] TAX_CODES = {"1257L", "1257L", "1257L", "1257L", "1257L", "BR", "S1257L",
            "1100L", "K475", "1257L M1", "D0", "C1257L"};
    /** HMRC starter checklist statements as new starters tick them. */
    private static final String[] STARTER = {"A", "A", "A", "A", "B", "C"};
    /** NI category letters: mostly A; C over state pension age, M under 21, H apprentices, Z under 21 deferred. */
    private static final String[] NI_LETTERS = {"A", "A", "A", "A", "A", "A", "A", "C", "M", "H", "A", "Z"};

    private final Gateway gateway;
    private final KeycloakAdmin keycloak;
    private final long seed;
    private final YearMonth month;
    private final Consumer<String> progress;
    private final Random random;

    /** For {@code small}: its teams and users are in the realm already, so no Keycloak administrator is needed. */
    public DemoOrganisation(Gateway gateway, long seed, YearMonth month, Consumer<String> progress) {
        this(gateway, null, seed, month, progress);
    }

    /** {@code keycloak}: the administrator who creates the teams' groups and first logins (any size but small). */
    public DemoOrganisation(Gateway gateway, KeycloakAdmin keycloak, long seed, YearMonth month, Consumer<String> progress) {
        this.gateway = gateway;
        this.keycloak = keycloak;
        this.seed = seed;
        this.month = month;
        this.progress = progress;
        this.random = new Random(seed);
    }

    /** What was created, so month-end, the benchmarks and the tests can check what the services computed against it. */
    public record Demo(long seed, YearMonth month, List<Funder> funders, List<Team> teams, List<String> supplierIds,
            Map<String, Double> phaseSeconds) {

        public Demo(long seed, YearMonth month, List<Funder> funders, List<Team> teams, List<String> supplierIds) {
            this(seed, month, funders, teams, supplierIds, Map.of());
        }

        public int colleagues() {
            return teams.stream().mapToInt(t -> t.members().size()).sum();
        }

        public List<HoursEntry> hours() {
            return teams.stream().flatMap(t -> t.hours().stream()).toList();
        }

        public long hoursCount() {
            return teams.stream().mapToLong(t -> t.hours().size()).sum();
        }
    }

    public record Funder(String id, String type, String name, Map<String, BigDecimal> hourlyRates) {}

    public record Client(String id, String team, Funder funder, String careType) {}

    public record Member(String id, String team, String name, String pay, BigDecimal annualSalaryOrHourlyRate,
            String taxCode, String niLetter) {}

    public record HoursEntry(String employeeId, LocalDate date, LocalTime start, int minutes, String activity,
            String clientId, String careType) {}

    public record Order(String team, BigDecimal total, boolean withAdvice, int status, String answer) {}

    public record Team(String code, String signedInAs, List<Member> members, List<Client> clients,
            List<HoursEntry> hours, List<Order> orders) {}

    /** The `small` organisation: the realm's two teams. */
    public Demo small() {
        return generate(Size.SMALL);
    }

    // ---------------------------------------------------------------------------------------------------------
    // The plan: what each team will do, decided from the seed before anything is sent.

    /** A funder as the back office will create it (its id comes back from billing). */
    private record FunderPlan(String key, String type, String name, String city, String postcode,
            Map<String, String> sendTo, String output, String baseRate, String contractReference) {}

    private record ClientPlan(String id, String name, int funder, String careType, int authorisedHours, int index) {}

    private record MemberPlan(int index, String given, String family, boolean salaried, BigDecimal pay, String taxCode,
            String niLetter, LocalDate born, String ni, LocalDate start, int accountNumber, String starter,
            boolean studentLoan, boolean pension) {}

    /** An hours entry before the colleague has an id: {@code member} is the index in the team's plan. */
    private record PlannedHours(int member, LocalDate date, LocalTime start, int minutes, String activity, int client) {}

    private record OrderPlan(String name, String itemCode, int quantity, boolean advice) {}

    private record TeamPlan(int number, String code, String login, Towns.Town town, List<Integer> funders,
            List<ClientPlan> clients, List<MemberPlan> members, List<PlannedHours> hours, BigDecimal yearlyBudget,
            List<OrderPlan> orders) {}

    /** What has been created so far, team by team (filled by the phases, from any client thread). */
    private static final class Built {
        final List<Funder> funders = new ArrayList<>();
        final List<String> suppliers = new ArrayList<>();
        final Map<String, String> items = new ConcurrentHashMap<>();
        final Map<String, BigDecimal> prices = new ConcurrentHashMap<>();
        final Map<String, List<Client>> clients = new ConcurrentHashMap<>();
        final Map<String, List<Member>> members = new ConcurrentHashMap<>();
        final Map<String, List<HoursEntry>> hours = new ConcurrentHashMap<>();
        final Map<String, List<Order>> orders = new ConcurrentHashMap<>();
    }

    /** The organisation of the given size. Phases and their times are printed as they finish. */
    public Demo generate(Size size) {
        say("Demo organisation '" + size.name() + "', " + size.teams() + " teams, seed " + seed + ", month " + month);
        if (!size.isSmall() && keycloak == null) {
            throw new IllegalStateException("A " + size.name() + " organisation needs the Keycloak administrator (teams as groups)");
        }
        long t0 = System.nanoTime();
        List<FunderPlan> funderPlans = size.isSmall() ? smallFunders() : townFunders();
        List<TeamPlan> plans = plan(size, funderPlans);
        say(String.format("planned: %d teams, %d clients, %d colleagues, %d hours entries", plans.size(),
                plans.stream().mapToInt(p -> p.clients().size()).sum(), plans.stream().mapToInt(p -> p.members().size()).sum(),
                plans.stream().mapToLong(p -> p.hours().size()).sum()));

        Phases phases = new Phases(progress, size.parallel());
        Built built = new Built();
        Gateway.As office = gateway.as(BACK_OFFICE);
        phases.once("funders and contracts", () -> funderPlans.forEach(f -> built.funders.add(funder(office, f))));
        phases.once("suppliers and catalogue", () -> suppliersAndCatalogue(office, built));
        if (!size.isSmall()) {
            phases.run("team groups and logins", plans, p -> {
                String group = keycloak.ensureTeamGroup(p.code());
                String[] name = founderName(p.number());
                keycloak.ensureLogin(p.login(), name[0], name[1], p.login() + "@demo.backoffice.care",
                        "dev-only", p.code(), group);
            });
        }
        phases.run("clients (back office)", plans, p -> clients(office, p, built));
        phases.run("colleagues onboarded (teams)", plans, p -> onboard(p, built));
        phases.run("coding notices (back office)", plans, p -> codingNotices(office, p, built));
        phases.run("hours (teams, bulk)", plans, p -> hours(p, built));
        phases.run("policies and orders (teams)", plans, p -> policyAndOrders(p, built));

        List<Team> teams = new ArrayList<>();
        for (TeamPlan p : plans) {
            teams.add(new Team(p.code(), p.login(), built.members.get(p.code()), built.clients.get(p.code()),
                    built.hours.get(p.code()), built.orders.get(p.code())));
        }
        Map<String, Double> times = new LinkedHashMap<>(phases.seconds());
        times.put("total", (System.nanoTime() - t0) / 1e9);
        Demo demo = new Demo(seed, month, built.funders, teams, built.suppliers, times);
        long hoursCount = demo.hoursCount();
        Double hoursSeconds = times.get("hours (teams, bulk)");
        say("Done in " + String.format("%.1f s", times.get("total")) + ": " + built.funders.size() + " funders, "
                + teams.size() + " teams, " + demo.colleagues() + " colleagues, "
                + teams.stream().mapToInt(t -> t.clients().size()).sum() + " clients, " + hoursCount + " hours entries"
                + (hoursSeconds == null || hoursSeconds == 0 ? "" : String.format(" (%.0f entries/s)", hoursCount / hoursSeconds))
                + ", " + teams.stream().mapToLong(t -> t.orders().stream().filter(o -> o.status() == 201).count()).sum()
                + " orders accepted, "
                + teams.stream().mapToLong(t -> t.orders().stream().filter(o -> o.status() != 201).count()).sum()
                + " refused");
        return demo;
    }

    private List<TeamPlan> plan(Size size, List<FunderPlan> funders) {
        List<TeamPlan> plans = new ArrayList<>();
        if (size.isSmall()) {
            int n = 0;
            for (String team : SMALL_TEAMS.keySet().stream().sorted().toList()) {
                plans.add(teamPlan(size, n++, team, SMALL_TEAMS.get(team), null, List.of(0, 1, 2), random));
            }
            return plans;
        }
        int councils = Towns.ALL.size();
        List<String> icbs = Towns.icbs();
        for (int n = 0; n < size.teams(); n++) {
            Towns.Town town = Towns.ALL.get(n % Towns.ALL.size());
            String suffix = town.code() + "-" + String.format("%02d", n / Towns.ALL.size() + 1);
            // funders: [the town's council, its ICB, the self-funders' account] (the order of townFunders())
            List<Integer> mine = List.of(n % councils, councils + icbs.indexOf(town.icb()), councils + icbs.size());
            Random teamRandom = new Random(seed ^ (0x9E3779B97F4A7C15L * (n + 1)));
            plans.add(teamPlan(size, n, "team-" + suffix, "founder-" + suffix, town, mine, teamRandom));
        }
        return uniqueNiNumbers(plans);
    }

    /**
     * HMRC gives everyone their own NI number and payroll refuses a second current employee with the same one; drawn
     * at random, 12,500 colleagues share a number now and then. A later colleague (in team order) whose number is
     * taken gets the next free one, so everything already created keeps the number it was created with.
     */
    private static List<TeamPlan> uniqueNiNumbers(List<TeamPlan> plans) {
        java.util.Set<String> taken = new java.util.HashSet<>();
        List<TeamPlan> out = new ArrayList<>(plans.size());
        for (TeamPlan p : plans) {
            List<MemberPlan> members = new ArrayList<>(p.members().size());
            for (MemberPlan m : p.members()) {
                String ni = m.ni();
                int digits = Integer.parseInt(ni.substring(2, 8));
                while (!taken.add(ni)) { // payroll compares the whole number, suffix letter included
                    digits = (digits + 1) % 1_000_000;
                    ni = ni.substring(0, 2) + String.format("%06d", digits) + ni.substring(8);
                }
                members.add(ni.equals(m.ni()) ? m : new MemberPlan(m.index(), m.given(), m.family(), m.salaried(), m.pay(),
                        m.taxCode(), m.niLetter(), m.born(), ni, m.start(), m.accountNumber(), m.starter(), m.studentLoan(),
                        m.pension()));
            }
            out.add(new TeamPlan(p.number(), p.code(), p.login(), p.town(), p.funders(), p.clients(), members, p.hours(),
                    p.yearlyBudget(), p.orders()));
        }
        return out;
    }

    /** Consumes {@code r} in the order the small generator always has: clients, colleagues, hours, orders. */
    private TeamPlan teamPlan(Size size, int number, String team, String login, Towns.Town town, List<Integer> funders,
            Random r) {
        List<ClientPlan> clients = new ArrayList<>();
        int clientCount = size.clientsMin() + r.nextInt(size.clientsMax() - size.clientsMin() + 1);
        for (int i = 0; i < clientCount; i++) {
            // Mostly council packages, a few NHS continuing healthcare, some paying for themselves.
            int x = r.nextInt(10);
            int f = x < 5 ? 0 : x < 7 ? 1 : 2;
            String care = switch (f) {
                case 1 -> "NURSING_CARE";
                case 0 -> x % 2 == 0 ? "PERSONAL_CARE" : "DOMESTIC_SUPPORT";
                default -> x % 2 == 0 ? "SOCIAL_SUPPORT" : "PERSONAL_CARE";
            };
            int authorised = 6 + r.nextInt(10);
            String name = GIVEN[r.nextInt(GIVEN.length)] + " " + FAMILY[r.nextInt(FAMILY.length)];
            clients.add(new ClientPlan("c-" + team.replace("team-", "") + "-" + seed + "-" + (i + 1), name, funders.get(f),
                    care, authorised, i));
        }
        List<MemberPlan> members = new ArrayList<>();
        int count = 8 + r.nextInt(5);
        for (int i = 0; i < count; i++) {
            String given = GIVEN[r.nextInt(GIVEN.length)];
            String family = FAMILY[r.nextInt(FAMILY.length)];
            boolean salaried = r.nextInt(10) < 6;
            BigDecimal pay = salaried
                    ? BigDecimal.valueOf(26_000 + r.nextInt(14) * 1_000L).setScale(2)
                    : new BigDecimal("12.60").add(BigDecimal.valueOf(r.nextInt(300), 2));
            String taxCode = TAX_CODES[r.nextInt(TAX_CODES.length)];
            String niLetter = NI_LETTERS[r.nextInt(NI_LETTERS.length)];
            int age = switch (niLetter) {
                case "C" -> 67 + r.nextInt(3);
                case "M", "Z" -> 19;
                case "H" -> 22;
                default -> 24 + r.nextInt(36);
            };
            LocalDate born = month.atDay(1).minusYears(age).minusDays(r.nextInt(300));
            String ni = NI_PREFIX[r.nextInt(NI_PREFIX.length)] + String.format("%06d", r.nextInt(1_000_000))
                    + "ABCD".charAt(r.nextInt(4));
            LocalDate start = month.atDay(1).minusDays(60 + r.nextInt(1500));
            if (start.isBefore(born.plusYears(17))) {
                start = born.plusYears(17); // young colleagues joined recently, never before they were 16
            }
            int account = 40_000_000 + r.nextInt(9_999_999);
            String starter = STARTER[r.nextInt(STARTER.length)];
            boolean loan = r.nextInt(5) == 0;
            boolean pension = r.nextInt(10) < 8;
            members.add(new MemberPlan(i, given, family, salaried, pay, taxCode, niLetter, born, ni, start, account,
                    starter, loan, pension));
        }
        List<PlannedHours> hours = hoursPlan(size, members.size(), clients.size(), r);
        BigDecimal yearly = BigDecimal.valueOf(4_800 + r.nextInt(5) * 600L).setScale(2);
        List<OrderPlan> orders = new ArrayList<>();
        // Everyday consumables: small orders, accepted at once. (The bound is drawn again each round, as the small
        // generator always did; changing it would change every existing small organisation.)
        for (int i = 0; i < 3 + r.nextInt(3); i++) {
            String item = r.nextBoolean() ? "GLV-NIT-M" : r.nextBoolean() ? "APR-PE" : "NB-A5";
            orders.add(new OrderPlan("small-" + i, item, 2 + r.nextInt(6), false));
        }
        // A course above the advice threshold: the team asked a colleague and its coach first.
        orders.add(new OrderPlan("course", "TV-2D", 2, true));
        // More than the budget released so far: refused, with the numbers.
        orders.add(new OrderPlan("too-much", "TV-2D", 40, true));
        return new TeamPlan(number, team, login, town, funders, clients, members, hours, yearly, orders);
    }

    /**
     * A month of a community nurse's days: a number of visits of 15–90 minutes with travel before each, a weekly
     * team meeting, now and then training or admin, some annual leave and a few sick days.
     */
    private List<PlannedHours> hoursPlan(Size size, int members, int clients, Random r) {
        List<PlannedHours> out = new ArrayList<>();
        for (int m = 0; m < members; m++) {
            int leaveFrom = 5 + r.nextInt(15);
            int leaveDays = r.nextInt(4) == 0 ? 2 + r.nextInt(3) : 0;
            int sickDay = r.nextInt(5) == 0 ? 2 + r.nextInt(20) : -1;
            for (int d = 1; d <= month.lengthOfMonth(); d++) {
                LocalDate date = month.atDay(d);
                if (date.getDayOfWeek() == DayOfWeek.SATURDAY || date.getDayOfWeek() == DayOfWeek.SUNDAY) {
                    continue;
                }
                if (r.nextInt(5) == 0) {
                    continue; // part-time and rota days off
                }
                LocalTime t = LocalTime.of(7, 30).plusMinutes(15L * r.nextInt(4));
                if (d >= leaveFrom && d < leaveFrom + leaveDays) {
                    out.add(new PlannedHours(m, date, LocalTime.of(9, 0), 450, "LEAVE_ANNUAL", -1));
                    continue;
                }
                if (d == sickDay || d == sickDay + 1) {
                    out.add(new PlannedHours(m, date, LocalTime.of(9, 0), 450, "LEAVE_SICK", -1));
                    continue;
                }
                if (date.getDayOfWeek() == DayOfWeek.TUESDAY) {
                    out.add(new PlannedHours(m, date, t, 60, "TEAM_MEETING", -1));
                    t = t.plusMinutes(60);
                }
                int visits = size.visitsMin() + r.nextInt(size.visitsMax() - size.visitsMin() + 1);
                for (int v = 0; v < visits; v++) {
                    int travel = 10 + r.nextInt(16);
                    out.add(new PlannedHours(m, date, t, travel, "TRAVEL", -1));
                    t = t.plusMinutes(travel);
                    int c = r.nextInt(clients);
                    int minutes = 15 + 5 * r.nextInt(16); // 15..90
                    out.add(new PlannedHours(m, date, t, minutes, "CARE", c));
                    t = t.plusMinutes(minutes);
                }
                if (r.nextInt(6) == 0) {
                    out.add(new PlannedHours(m, date, t, 30 + 15 * r.nextInt(3),
                            r.nextBoolean() ? "ADMIN" : "TRAINING", -1));
                }
            }
        }
        return out;
    }

    /** The small organisation's three funders, all in Leeds. */
    private static List<FunderPlan> smallFunders() {
        return List.of(
                new FunderPlan("funder-LOCAL_AUTHORITY", "LOCAL_AUTHORITY", "Leeds City Council", "Leeds", "LS1 1UR",
                        Map.of("email", "care.invoices@leeds.example"), "COUNCIL_CSV", "20.40", "CTR-LOCAL_AUTHORITY-2026"),
                // A GLN with a valid GS1 check digit: billing validates PEPPOL invoices with phive and rejects anything else.
                new FunderPlan("funder-NHS_CHC", "NHS_CHC", "NHS West Yorkshire ICB (Continuing Healthcare)", "Leeds",
                        "LS1 1UR", Map.of("peppolParticipantId", "0088:5000000000128"), "PEPPOL", "31.20",
                        "CTR-NHS_CHC-2026"),
                new FunderPlan("funder-SELF_FUNDER", "SELF_FUNDER", "Self-funding clients", "Leeds", "LS1 1UR",
                        Map.of("email", "accounts@demo.backoffice.care"), "PDF_EMAIL", "27.50", "CTR-SELF_FUNDER-2026"));
    }

    /** Every town's council, every ICB of those towns, and one account for self-funders (the order plan() expects). */
    private static List<FunderPlan> townFunders() {
        List<FunderPlan> out = new ArrayList<>();
        for (int i = 0; i < Towns.ALL.size(); i++) {
            Towns.Town t = Towns.ALL.get(i);
            // Councils pay £19–22 an hour for personal care, depending on the council.
            String rate = new BigDecimal("19.00").add(new BigDecimal("0.35").multiply(BigDecimal.valueOf(i % 9))).toPlainString();
            out.add(new FunderPlan("funder-council-" + t.code(), "LOCAL_AUTHORITY", t.council(), t.name(), t.postcode(),
                    Map.of("email", "care.invoices@" + t.code() + ".council.example"), "COUNCIL_CSV", rate,
                    "CTR-LA-" + t.code().toUpperCase(java.util.Locale.ROOT) + "-2026"));
        }
        List<String> icbs = Towns.icbs();
        for (int i = 0; i < icbs.size(); i++) {
            String icb = icbs.get(i);
            Towns.Town seat = Towns.ALL.stream().filter(t -> t.icb().equals(icb)).findFirst().orElseThrow();
            String rate = new BigDecimal("29.00").add(new BigDecimal("0.55").multiply(BigDecimal.valueOf(i % 7))).toPlainString();
            out.add(new FunderPlan("funder-icb-" + i, "NHS_CHC", icb + " (Continuing Healthcare)", seat.name(),
                    seat.postcode(), Map.of("peppolParticipantId", "0088:" + Towns.gln(i)), "PEPPOL", rate,
                    "CTR-CHC-" + (i + 1) + "-2026"));
        }
        out.add(new FunderPlan("funder-self-funders", "SELF_FUNDER", "Self-funding clients", "Leeds", "LS1 1UR",
                Map.of("email", "accounts@demo.backoffice.care"), "PDF_EMAIL", "27.50", "CTR-SELF-2026"));
        return out;
    }

    private static String[] founderName(int team) {
        return new String[] {GIVEN[(team * 7) % GIVEN.length], FAMILY[(team * 11 + team / GIVEN.length) % FAMILY.length]};
    }

    // ---------------------------------------------------------------------------------------------------------
    // The phases: each sends what the plan says, as the person who would do it.

    private String key(String what) {
        return "demo-" + seed + "-" + month + "-" + what;
    }

    private Funder funder(Gateway.As office, FunderPlan f) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("legalName", f.name());
        body.put("type", f.type());
        body.put("address", Map.of("line1", "1 Civic Way", "city", f.city(), "postcode", f.postcode(), "countryCode", "GB"));
        body.putAll(f.sendTo());
        body.put("paymentTermsDays", 30);
        String id = office.post("/api/billing/funders", body, key(f.key()))
                .expect("create funder " + f.name(), 200, 201).json().get("id").asString();
        // One hourly price per care type; nursing dearer, domestic support cheaper, as funders pay.
        BigDecimal base = new BigDecimal(f.baseRate());
        Map<String, BigDecimal> rates = new LinkedHashMap<>();
        rates.put("PERSONAL_CARE", base);
        rates.put("NURSING_CARE", base.multiply(new BigDecimal("1.45")).setScale(2, RoundingMode.HALF_UP));
        rates.put("DOMESTIC_SUPPORT", base.multiply(new BigDecimal("0.85")).setScale(2, RoundingMode.HALF_UP));
        rates.put("SOCIAL_SUPPORT", base.multiply(new BigDecimal("0.90")).setScale(2, RoundingMode.HALF_UP));
        rates.put("RESPITE_CARE", base.multiply(new BigDecimal("1.10")).setScale(2, RoundingMode.HALF_UP));
        List<Map<String, String>> rateList = new ArrayList<>();
        rates.forEach((care, rate) -> rateList.add(Map.of("careType", care, "hourlyRate", rate.toPlainString())));
        Map<String, Object> contract = new LinkedHashMap<>();
        contract.put("funderId", id);
        contract.put("reference", f.contractReference());
        contract.put("billingUnit", "MINUTE");
        contract.put("rounding", "NEAREST");
        contract.put("chargedTime", "ACTUAL");
        contract.put("output", f.output());
        contract.put("vat", "EXEMPT");
        contract.put("chargeBeyondAuthorisedHours", true);
        contract.put("startsOn", month.minusMonths(6).atDay(1).toString());
        contract.put("rates", rateList);
        office.post("/api/billing/contracts", contract, key(f.key().replace("funder-", "contract-")))
                .expect("contract for " + f.name(), 200, 201);
        say("funder " + f.name() + " with its contract (" + rates.size() + " hourly prices)");
        return new Funder(id, f.type(), f.name(), rates);
    }

    private void suppliersAndCatalogue(Gateway.As office, Built built) {
        List<String> ids = built.suppliers;
        String[][] suppliers = {
                {"Medisupply Ltd", "Leeds", "LS9 8AB", "https://orders.medisupply.example/peppol"},
                {"CareLearn Training CIC", "Bradford", "BD1 2CD", "https://orders.carelearn.example/peppol"}};
        for (int i = 0; i < suppliers.length; i++) {
            String[] s = suppliers[i];
            Map<String, Object> body = Map.of("name", s[0],
                    "address", Map.of("line1", (i + 3) + " Dock Road", "town", s[1], "postcode", s[2], "countryCode", "GB"),
                    "orderEndpointUrl", s[3],
                    "bankDetails", Map.of("accountName", s[0].length() > 18 ? s[0].substring(0, 18) : s[0], "sortCode", "40" + (1000 + i * 1111), "accountNumber",
                            String.valueOf(31926810 + i * 7)),
                    "paymentTermsDays", 30);
            ids.add(office.post("/api/procurement/suppliers", body, key("supplier-" + i))
                    .expect("supplier " + s[0], 200, 201).json().get("id").asString());
        }
        office.post("/api/procurement/suppliers/" + ids.get(0) + "/catalogue", List.of(
                Map.of("supplierItemCode", "GLV-NIT-M", "description", "Nitrile gloves, medium, box of 100", "unit", "XBX",
                        "unitPrice", "6.40", "category", "clinical-supplies"),
                Map.of("supplierItemCode", "APR-PE", "description", "Disposable aprons, roll of 200", "unit", "XRO",
                        "unitPrice", "9.95", "category", "clinical-supplies"),
                Map.of("supplierItemCode", "DRS-FOAM-10", "description", "Foam wound dressing 10x10, pack of 10", "unit",
                        "XPK", "unitPrice", "18.70", "category", "clinical-supplies"),
                Map.of("supplierItemCode", "NB-A5", "description", "Visit notebooks A5, pack of 5", "unit", "XPK",
                        "unitPrice", "7.25", "category", "stationery")),
                key("catalogue-0")).expect("catalogue of Medisupply", 200, 201);
        office.post("/api/procurement/suppliers/" + ids.get(1) + "/catalogue", List.of(
                Map.of("supplierItemCode", "MH-1D", "description", "Moving and handling refresher, one day", "unit",
                        "EA", "unitPrice", "145.00", "category", "training"),
                Map.of("supplierItemCode", "TV-2D", "description", "Tissue viability course, two days", "unit", "EA",
                        "unitPrice", "390.00", "category", "training")),
                key("catalogue-1")).expect("catalogue of CareLearn", 200, 201);
        // Every colleague can read the catalogue; the ids are what orders name.
        for (String supplier : ids) {
            for (JsonNode i : office.get("/api/procurement/catalogue?supplierId=" + supplier).expect("catalogue", 200).json()) {
                built.items.put(i.get("supplierItemCode").asString(), i.get("id").asString());
                built.prices.put(i.get("supplierItemCode").asString(), new BigDecimal(i.get("unitPrice").asString()));
            }
        }
        say("2 suppliers and their catalogues");
    }

    private void clients(Gateway.As office, TeamPlan p, Built built) {
        List<Client> clients = new ArrayList<>();
        String city = p.town() == null ? "Leeds" : p.town().name();
        String street = p.town() == null ? "Harehills Lane" : "Station Road";
        String outward = p.town() == null ? "LS8" : p.town().postcode().split(" ")[0];
        for (ClientPlan c : p.clients()) {
            Funder f = built.funders.get(c.funder());
            Map<String, Object> funding = new LinkedHashMap<>();
            funding.put("funderId", f.id());
            funding.put("from", month.minusMonths(3).atDay(1).toString());
            funding.put("packageKind", switch (f.type()) {
                case "NHS_CHC" -> "CHC_PACKAGE";
                case "LOCAL_AUTHORITY" -> "COUNCIL_PACKAGE";
                default -> "SELF_FUNDING";
            });
            funding.put("funderReference", "REF-" + (1000 + c.index()));
            funding.put("authorisedHoursPerWeek", String.valueOf(c.authorisedHours()));
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("id", c.id());
            body.put("name", c.name());
            body.put("address", Map.of("line1", (10 + c.index()) + " " + street, "city", city,
                    "postcode", outward + " " + (1 + c.index()) + "AB", "countryCode", "GB"));
            if ("SELF_FUNDER".equals(f.type())) {
                body.put("email", c.id() + "@clients.example");
            }
            body.put("funding", funding);
            office.post("/api/billing/clients", body, key("client-" + c.id())).expect("client " + c.id(), 200, 201);
            clients.add(new Client(c.id(), p.code(), f, c.careType()));
        }
        built.clients.put(p.code(), clients);
        small(p, p.code() + ": " + clients.size() + " clients with their packages");
    }

    private void onboard(TeamPlan p, Built built) {
        Gateway.As member = gateway.as(p.login());
        String city = p.town() == null ? "Leeds" : p.town().name();
        String street = p.town() == null ? "Roundhay Road" : "Church Lane";
        String outward = p.town() == null ? "LS7" : p.town().postcode().split(" ")[0];
        List<Member> members = new ArrayList<>();
        Map<String, Integer> logins = new java.util.TreeMap<>();
        for (MemberPlan m : p.members()) {
            int i = m.index();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("givenName", m.given());
            body.put("familyName", m.family());
            body.put("dateOfBirth", m.born().toString());
            body.put("startDate", m.start().toString());
            body.put("niNumber", m.ni());
            body.put("address", Map.of("line1", (20 + i) + " " + street, "line2", city, "postcode",
                    outward + " " + (1 + i % 9) + "CD"));
            String accountName = (m.given() + " " + m.family()).toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9 ]", "");
            body.put("bankAccount", Map.of("sortCode", "20" + (3000 + i * 17), "accountNumber",
                    String.valueOf(m.accountNumber()),
                    "accountName", accountName.length() > 18 ? accountName.substring(0, 18) : accountName));
            // Starter checklist: most had a job before (A), some have another job (C → BR), a few a pension (B).
            body.put("starterDeclaration", m.starter());
            body.put("studentLoanPlans", m.studentLoan() ? List.of("PLAN_2") : List.of());
            body.put("payAgreement", m.salaried()
                    ? Map.of("annualSalary", m.pay().toPlainString(), "contractedWeeklyHours", "30")
                    : Map.of("hourlyRate", m.pay().toPlainString()));
            body.put("pension", m.pension() ? "ENROLLED" : "OPTED_OUT");
            JsonNode created = member.post("/api/payroll/teams/" + p.code() + "/members", body,
                            key("member-" + p.code() + "-" + i))
                    .expect("onboard " + m.given() + " " + m.family() + " in " + p.code(), 200, 201).json();
            logins.merge(created.path("login").path("status").asString("none"), 1, Integer::sum);
            members.add(new Member(created.get("id").asString(), p.code(), m.given() + " " + m.family(),
                    m.salaried() ? "SALARIED" : "HOURLY", m.pay(), m.taxCode(), m.niLetter()));
        }
        built.members.put(p.code(), members);
        small(p, p.code() + ": " + members.size() + " colleagues onboarded ("
                + members.stream().filter(m -> m.pay().equals("SALARIED")).count() + " salaried; Keycloak logins "
                + logins + ")");
    }

    /**
     * HMRC's coding notices and NI categories, as the back office enters them (dave): a workforce is not all 1257L/A.
     * A build whose payroll has no tax settings yet is told so, and the demo goes on.
     */
    private void codingNotices(Gateway.As office, TeamPlan p, Built built) {
        List<Member> members = built.members.get(p.code());
        int applied = 0;
        for (int i = 0; i < members.size(); i++) {
            Member m = members.get(i);
            if (m.taxCode().equals("1257L") && m.niLetter().equals("A")) {
                continue;
            }
            Map<String, Object> change = new LinkedHashMap<>();
            change.put("effectiveFrom", month.atDay(1).toString());
            String code = m.taxCode().replace(" M1", "");
            change.put("taxCode", code);
            if (m.taxCode().endsWith(" M1")) {
                change.put("nonCumulative", true);
            }
            if (!m.niLetter().equals("M")) {
                change.put("niCategory", m.niLetter()); // M follows from the age; the others are told by HMRC
            }
            change.put("source", "HMRC_CODING_NOTICE");
            change.put("reason", "P6 coding notice");
            Answer a = office.post("/api/payroll/members/" + m.id() + "/tax-settings", change, key("tax-" + p.code() + "-" + i));
            if (a.status() == 404 || a.status() == 405) {
                small(p, p.code() + ": no tax settings in this payroll build; everyone stays on the starter checklist's code");
                return;
            }
            a.expect("coding notice for " + m.name() + " (" + m.taxCode() + ", " + m.niLetter() + ")", 200, 201);
            applied++;
        }
        small(p, p.code() + ": " + applied + " coding notices and NI categories entered by the back office");
    }

    /** The team's month of hours, submitted by the team itself in as few bulk requests as payroll allows. */
    private void hours(TeamPlan p, Built built) {
        List<Member> members = built.members.get(p.code());
        List<Client> clients = built.clients.get(p.code());
        List<HoursEntry> hours = new ArrayList<>(p.hours().size());
        for (PlannedHours h : p.hours()) {
            Client c = h.client() < 0 ? null : clients.get(h.client());
            hours.add(new HoursEntry(members.get(h.member()).id(), h.date(), h.start(), h.minutes(), h.activity(),
                    c == null ? null : c.id(), c == null ? null : c.careType()));
        }
        Gateway.As member = gateway.as(p.login());
        for (int from = 0, part = 0; from < hours.size(); from += MAX_ENTRIES_PER_REQUEST, part++) {
            List<Map<String, Object>> entries = new ArrayList<>();
            for (HoursEntry h : hours.subList(from, Math.min(hours.size(), from + MAX_ENTRIES_PER_REQUEST))) {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("employeeId", h.employeeId());
                e.put("date", h.date().toString());
                e.put("start", h.start().toString());
                e.put("minutes", h.minutes());
                e.put("activity", h.activity());
                if (h.clientId() != null) {
                    e.put("clientId", h.clientId());
                    e.put("careType", h.careType());
                }
                entries.add(e);
            }
            member.post("/api/payroll/hours", Map.of("entries", entries), key("hours-" + p.code() + (part == 0 ? "" : "-" + part)))
                    .expect("hours of " + p.code(), 200, 201);
        }
        built.hours.put(p.code(), Collections.unmodifiableList(hours));
        small(p, p.code() + ": " + hours.size() + " hours entries for " + month + " submitted by " + p.login());
    }

    private void policyAndOrders(TeamPlan p, Built built) {
        Gateway.As member = gateway.as(p.login());
        String team = p.code();
        BigDecimal yearly = p.yearlyBudget();
        // A policy change is recorded with who and when, so a rerun sets it only if it is not already so.
        Answer current = member.get("/api/procurement/teams/" + team + "/policy");
        boolean same = current.status() == 200
                && new BigDecimal(current.json().path("yearlyBudget").asString("0")).compareTo(yearly) == 0
                && new BigDecimal(current.json().path("adviceThreshold").asString("0")).compareTo(new BigDecimal("250")) == 0;
        if (!same) {
            member.put("/api/procurement/teams/" + team + "/policy", Map.of("yearlyBudget", yearly.toPlainString(),
                    "splitByMonth", true, "adviceThreshold", "250.00")).expect("policy of " + team, 200, 201);
        }
        String town = p.town() == null ? "Leeds" : p.town().name();
        String postcode = p.town() == null ? "LS8 5HS" : p.town().postcode().split(" ")[0] + " 5HS";
        Map<String, Object> delivery = Map.of("line1", p.town() == null ? "Wijkcentrum, 2 Harehills Road" : "Wijkcentrum, 2 High Street",
                "town", town, "postcode", postcode);
        Map<String, Object> advice = Map.of("advisers", List.of(
                        Map.of("name", "Marit", "role", "colleague", "advised", "Two of us need it before winter"),
                        Map.of("name", "Regional coach", "role", "coach", "advised", "CareLearn's course is well rated")),
                "decisionNote", "Book two places for the tissue viability course");
        List<Order> orders = new ArrayList<>();
        for (OrderPlan o : p.orders()) {
            String supplier = built.suppliers.get(o.itemCode().equals("TV-2D") || o.itemCode().equals("MH-1D") ? 1 : 0);
            orders.add(order(member, team, o.name(), supplier, delivery, built.items.get(o.itemCode()), o.quantity(),
                    built.prices.get(o.itemCode()), o.advice() ? advice : null));
        }
        built.orders.put(team, orders);
        long accepted = orders.stream().filter(o -> o.status() == 201).count();
        small(p, team + ": policy (budget " + yearly + " a year, advice above 250.00), " + accepted + " orders accepted, "
                + (orders.size() - accepted) + " refused");
    }

    private Order order(Gateway.As member, String team, String name, String supplier, Map<String, Object> delivery,
            String itemId, int quantity, BigDecimal price, Map<String, Object> advice) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("supplierId", supplier);
        body.put("deliveryAddress", delivery);
        body.put("lines", List.of(Map.of("catalogueItemId", itemId, "quantity", String.valueOf(quantity))));
        if (advice != null) {
            body.put("advice", advice);
        }
        Answer a = member.post("/api/procurement/orders", body, key("order-" + team + "-" + name))
                .expect("order " + name + " of " + team, 200, 201, 422);
        BigDecimal total = price.multiply(BigDecimal.valueOf(quantity)).setScale(2, RoundingMode.HALF_UP);
        return new Order(team, total, advice != null, a.status() == 200 ? 201 : a.status(), a.body());
    }

    /** Per-team lines only for the first few teams: 1,250 teams × 5 phases of lines would drown the phase times. */
    private void small(TeamPlan p, String line) {
        if (p.number() < 3) {
            say(line);
        }
    }

    private void say(String line) {
        progress.accept(line);
    }

    /** Minutes of care per client, as submitted: what billing must charge for. */
    public static Map<String, Integer> careMinutesByClient(Demo demo) {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (HoursEntry h : demo.hours()) {
            if ("CARE".equals(h.activity())) {
                out.merge(h.clientId(), h.minutes(), Integer::sum);
            }
        }
        return out;
    }
}
