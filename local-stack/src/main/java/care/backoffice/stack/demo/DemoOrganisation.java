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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;

/**
 * A believable organisation, made the way its people would make it: the back office (dave) sets up funders,
 * contracts, clients, suppliers and a catalogue; each team, signed in as one of its own members, sets its
 * spending policy, onboards its colleagues, submits its month of hours and places its orders. Everything goes
 * through the gateway with real tokens. The same seed gives the same organisation, and every create carries an
 * Idempotency-Key derived from the seed, so running it twice replays instead of doubling the organisation.
 */
public final class DemoOrganisation {

    /** Who signs in for each team of the `small` organisation (the realm's demo users). */
    public static final Map<String, String> SMALL_TEAMS = Map.of(
            "team-arnhem-noord", "anna",
            "team-leeds-east", "chloe");

    public static final String BACK_OFFICE = "dave";

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
    private final long seed;
    private final YearMonth month;
    private final Consumer<String> progress;
    private final Random random;

    public DemoOrganisation(Gateway gateway, long seed, YearMonth month, Consumer<String> progress) {
        this.gateway = gateway;
        this.seed = seed;
        this.month = month;
        this.progress = progress;
        this.random = new Random(seed);
    }

    /** What was created, so month-end and the tests can reconcile what the services computed against it. */
    public record Demo(long seed, YearMonth month, List<Funder> funders, List<Team> teams, List<String> supplierIds) {

        public int colleagues() {
            return teams.stream().mapToInt(t -> t.members().size()).sum();
        }

        public List<HoursEntry> hours() {
            return teams.stream().flatMap(t -> t.hours().stream()).toList();
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

    public Demo small() {
        say("Demo organisation 'small', seed " + seed + ", month " + month);
        Gateway.As office = gateway.as(BACK_OFFICE);
        List<Funder> funders = funders(office);
        List<String> suppliers = suppliersAndCatalogue(office);
        List<Team> teams = new ArrayList<>();
        for (String team : SMALL_TEAMS.keySet().stream().sorted().toList()) {
            teams.add(team(office, team, SMALL_TEAMS.get(team), funders, suppliers));
        }
        Demo demo = new Demo(seed, month, funders, teams, suppliers);
        say("Done: " + funders.size() + " funders, " + teams.size() + " teams, " + demo.colleagues()
                + " colleagues, " + demo.hours().size() + " hours entries, "
                + teams.stream().mapToLong(t -> t.orders().stream().filter(o -> o.status() == 201).count()).sum()
                + " orders accepted, "
                + teams.stream().mapToLong(t -> t.orders().stream().filter(o -> o.status() != 201).count()).sum()
                + " refused");
        return demo;
    }

    private String key(String what) {
        return "demo-" + seed + "-" + month + "-" + what;
    }

    private List<Funder> funders(Gateway.As office) {
        List<Funder> funders = new ArrayList<>();
        funders.add(funder(office, "LOCAL_AUTHORITY", "Leeds City Council", Map.of("email", "care.invoices@leeds.example"),
                "COUNCIL_CSV", "20.40"));
        // A GLN with a valid GS1 check digit: billing validates PEPPOL invoices with phive and rejects anything else.
        funders.add(funder(office, "NHS_CHC", "NHS West Yorkshire ICB (Continuing Healthcare)",
                Map.of("peppolParticipantId", "0088:5000000000128"), "PEPPOL", "31.20"));
        funders.add(funder(office, "SELF_FUNDER", "Self-funding clients", Map.of("email", "accounts@demo.backoffice.care"),
                "PDF_EMAIL", "27.50"));
        return funders;
    }

    private Funder funder(Gateway.As office, String type, String name, Map<String, String> sendTo, String output,
            String baseRate) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("legalName", name);
        body.put("type", type);
        body.put("address", Map.of("line1", "1 Civic Way", "city", "Leeds", "postcode", "LS1 1UR", "countryCode", "GB"));
        body.putAll(sendTo);
        body.put("paymentTermsDays", 30);
        String id = office.post("/api/billing/funders", body, key("funder-" + type))
                .expect("create funder " + name, 200, 201).json().get("id").asString();
        // One hourly price per care type; nursing dearer, domestic support cheaper, as funders pay.
        BigDecimal base = new BigDecimal(baseRate);
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
        contract.put("reference", "CTR-" + type + "-2026");
        contract.put("billingUnit", "MINUTE");
        contract.put("rounding", "NEAREST");
        contract.put("chargedTime", "ACTUAL");
        contract.put("output", output);
        contract.put("vat", "EXEMPT");
        contract.put("chargeBeyondAuthorisedHours", true);
        contract.put("startsOn", month.minusMonths(6).atDay(1).toString());
        contract.put("rates", rateList);
        office.post("/api/billing/contracts", contract, key("contract-" + type)).expect("contract for " + name, 200, 201);
        say("funder " + name + " with its contract (" + rates.size() + " hourly prices)");
        return new Funder(id, type, name, rates);
    }

    private List<String> suppliersAndCatalogue(Gateway.As office) {
        List<String> ids = new ArrayList<>();
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
        say("2 suppliers and their catalogues");
        return ids;
    }

    private Team team(Gateway.As office, String team, String user, List<Funder> funders, List<String> suppliers) {
        Gateway.As member = gateway.as(user);
        List<Client> clients = clients(office, team, funders);
        List<Member> members = onboard(member, team);
        List<HoursEntry> hours = hours(members, clients);
        List<Map<String, Object>> entries = new ArrayList<>();
        for (HoursEntry h : hours) {
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
        member.post("/api/payroll/hours", Map.of("entries", entries), key("hours-" + team))
                .expect("hours of " + team, 200, 201);
        say(team + ": " + hours.size() + " hours entries for " + month + " submitted by " + user);
        List<Order> orders = policyAndOrders(member, team, suppliers);
        return new Team(team, user, members, clients, hours, orders);
    }

    private List<Client> clients(Gateway.As office, String team, List<Funder> funders) {
        int count = 6 + random.nextInt(4);
        List<Client> clients = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            // Mostly council packages, a few NHS continuing healthcare, some paying for themselves.
            int r = random.nextInt(10);
            Funder f = funders.get(r < 5 ? 0 : r < 7 ? 1 : 2);
            String care = switch (f.type()) {
                case "NHS_CHC" -> "NURSING_CARE";
                case "LOCAL_AUTHORITY" -> r % 2 == 0 ? "PERSONAL_CARE" : "DOMESTIC_SUPPORT";
                default -> r % 2 == 0 ? "SOCIAL_SUPPORT" : "PERSONAL_CARE";
            };
            String id = "c-" + team.replace("team-", "") + "-" + seed + "-" + (i + 1);
            Map<String, Object> funding = new LinkedHashMap<>();
            funding.put("funderId", f.id());
            funding.put("from", month.minusMonths(3).atDay(1).toString());
            funding.put("packageKind", switch (f.type()) {
                case "NHS_CHC" -> "CHC_PACKAGE";
                case "LOCAL_AUTHORITY" -> "COUNCIL_PACKAGE";
                default -> "SELF_FUNDING";
            });
            funding.put("funderReference", "REF-" + (1000 + i));
            funding.put("authorisedHoursPerWeek", String.valueOf(6 + random.nextInt(10)));
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("id", id);
            body.put("name", GIVEN[random.nextInt(GIVEN.length)] + " " + FAMILY[random.nextInt(FAMILY.length)]);
            body.put("address", Map.of("line1", (10 + i) + " Harehills Lane", "city", "Leeds", "postcode", "LS8 " + (1 + i) + "AB",
                    "countryCode", "GB"));
            if ("SELF_FUNDER".equals(f.type())) {
                body.put("email", id + "@clients.example");
            }
            body.put("funding", funding);
            office.post("/api/billing/clients", body, key("client-" + id)).expect("client " + id, 200, 201);
            clients.add(new Client(id, team, f, care));
        }
        say(team + ": " + clients.size() + " clients with their packages");
        return clients;
    }

    private List<Member> onboard(Gateway.As member, String team) {
        int count = 8 + random.nextInt(5);
        List<Member> members = new ArrayList<>();
        Map<String, Integer> logins = new java.util.TreeMap<>();
        for (int i = 0; i < count; i++) {
            String given = GIVEN[random.nextInt(GIVEN.length)];
            String family = FAMILY[random.nextInt(FAMILY.length)];
            boolean salaried = random.nextInt(10) < 6;
            BigDecimal pay = salaried
                    ? BigDecimal.valueOf(26_000 + random.nextInt(14) * 1_000L).setScale(2)
                    : new BigDecimal("12.60").add(BigDecimal.valueOf(random.nextInt(300), 2));
            String taxCode = TAX_CODES[random.nextInt(TAX_CODES.length)];
            String niLetter = NI_LETTERS[random.nextInt(NI_LETTERS.length)];
            int age = switch (niLetter) {
                case "C" -> 67 + random.nextInt(3);
                case "M", "Z" -> 19;
                case "H" -> 22;
                default -> 24 + random.nextInt(36);
            };
            LocalDate born = month.atDay(1).minusYears(age).minusDays(random.nextInt(300));
            String ni = NI_PREFIX[random.nextInt(NI_PREFIX.length)] + String.format("%06d", random.nextInt(1_000_000))
                    + "ABCD".charAt(random.nextInt(4));
            LocalDate start = month.atDay(1).minusDays(60 + random.nextInt(1500));
            if (start.isBefore(born.plusYears(17))) {
                start = born.plusYears(17); // young colleagues joined recently, never before they were 16
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("givenName", given);
            body.put("familyName", family);
            body.put("dateOfBirth", born.toString());
            body.put("startDate", start.toString());
            body.put("niNumber", ni);
            // Onboarding as issue 5 has it (a service without these fields ignores them).
            body.put("address", Map.of("line1", (20 + i) + " Roundhay Road", "line2", "Leeds", "postcode", "LS7 " + (1 + i % 9) + "CD"));
            String accountName = (given + " " + family).toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9 ]", "");
            body.put("bankAccount", Map.of("sortCode", "20" + (3000 + i * 17), "accountNumber",
                    String.valueOf(40_000_000 + random.nextInt(9_999_999)),
                    "accountName", accountName.length() > 18 ? accountName.substring(0, 18) : accountName));
            // Starter checklist: most had a job before (A), some have another job (C → BR), a few a pension (B).
            String starter = STARTER[random.nextInt(STARTER.length)];
            body.put("starterDeclaration", starter);
            body.put("studentLoanPlans", random.nextInt(5) == 0 ? List.of("PLAN_2") : List.of());
            body.put("payAgreement", salaried
                    ? Map.of("annualSalary", pay.toPlainString(), "contractedWeeklyHours", "30")
                    : Map.of("hourlyRate", pay.toPlainString()));
            body.put("pension", random.nextInt(10) < 8 ? "ENROLLED" : "OPTED_OUT");
            JsonNode created = member.post("/api/payroll/teams/" + team + "/members", body, key("member-" + team + "-" + i))
                    .expect("onboard " + given + " " + family, 200, 201).json();
            logins.merge(created.path("login").path("status").asString("none"), 1, Integer::sum);
            members.add(new Member(created.get("id").asString(), team, given + " " + family,
                    salaried ? "SALARIED" : "HOURLY", pay, taxCode, niLetter));
        }
        say(team + ": " + members.size() + " colleagues onboarded ("
                + members.stream().filter(m -> m.pay().equals("SALARIED")).count() + " salaried; Keycloak logins "
                + logins + ")");
        codingNotices(team, members);
        return members;
    }

    /**
     * HMRC's coding notices and NI categories, as the back office enters them (dave): a workforce is not all 1257L/A.
     * A build whose payroll has no tax settings yet is told so, and the demo goes on.
     */
    private void codingNotices(String team, List<Member> members) {
        Gateway.As office = gateway.as(BACK_OFFICE);
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
            Answer a = office.post("/api/payroll/members/" + m.id() + "/tax-settings", change, key("tax-" + team + "-" + i));
            if (a.status() == 404 || a.status() == 405) {
                say(team + ": no tax settings in this payroll build; everyone stays on the starter checklist's code");
                return;
            }
            a.expect("coding notice for " + m.name() + " (" + m.taxCode() + ", " + m.niLetter() + ")", 200, 201);
            applied++;
        }
        say(team + ": " + applied + " coding notices and NI categories entered by the back office");
    }

    /**
     * A month of a community nurse's days: 4–7 visits of 15–90 minutes with travel between, a weekly team
     * meeting, now and then training or admin, some annual leave and a few sick days.
     */
    private List<HoursEntry> hours(List<Member> members, List<Client> clients) {
        List<HoursEntry> out = new ArrayList<>();
        for (Member m : members) {
            int leaveFrom = 5 + random.nextInt(15);
            int leaveDays = random.nextInt(4) == 0 ? 2 + random.nextInt(3) : 0;
            int sickDay = random.nextInt(5) == 0 ? 2 + random.nextInt(20) : -1;
            for (int d = 1; d <= month.lengthOfMonth(); d++) {
                LocalDate date = month.atDay(d);
                if (date.getDayOfWeek() == DayOfWeek.SATURDAY || date.getDayOfWeek() == DayOfWeek.SUNDAY) {
                    continue;
                }
                if (random.nextInt(5) == 0) {
                    continue; // part-time and rota days off
                }
                LocalTime t = LocalTime.of(7, 30).plusMinutes(15L * random.nextInt(4));
                if (d >= leaveFrom && d < leaveFrom + leaveDays) {
                    out.add(new HoursEntry(m.id(), date, LocalTime.of(9, 0), 450, "LEAVE_ANNUAL", null, null));
                    continue;
                }
                if (d == sickDay || d == sickDay + 1) {
                    out.add(new HoursEntry(m.id(), date, LocalTime.of(9, 0), 450, "LEAVE_SICK", null, null));
                    continue;
                }
                if (date.getDayOfWeek() == DayOfWeek.TUESDAY) {
                    out.add(new HoursEntry(m.id(), date, t, 60, "TEAM_MEETING", null, null));
                    t = t.plusMinutes(60);
                }
                int visits = 4 + random.nextInt(4);
                for (int v = 0; v < visits; v++) {
                    int travel = 10 + random.nextInt(16);
                    out.add(new HoursEntry(m.id(), date, t, travel, "TRAVEL", null, null));
                    t = t.plusMinutes(travel);
                    Client c = clients.get(random.nextInt(clients.size()));
                    int minutes = 15 + 5 * random.nextInt(16); // 15..90
                    out.add(new HoursEntry(m.id(), date, t, minutes, "CARE", c.id(), c.careType()));
                    t = t.plusMinutes(minutes);
                }
                if (random.nextInt(6) == 0) {
                    out.add(new HoursEntry(m.id(), date, t, 30 + 15 * random.nextInt(3),
                            random.nextBoolean() ? "ADMIN" : "TRAINING", null, null));
                }
            }
        }
        return out;
    }

    private List<Order> policyAndOrders(Gateway.As member, String team, List<String> suppliers) {
        BigDecimal yearly = BigDecimal.valueOf(4_800 + random.nextInt(5) * 600L).setScale(2);
        member.put("/api/procurement/teams/" + team + "/policy", Map.of("yearlyBudget", yearly.toPlainString(),
                "splitByMonth", true, "adviceThreshold", "250.00")).expect("policy of " + team, 200, 201);
        Map<String, String> items = new LinkedHashMap<>();
        Map<String, BigDecimal> prices = new LinkedHashMap<>();
        for (String supplier : suppliers) {
            for (JsonNode i : member.get("/api/procurement/catalogue?supplierId=" + supplier).expect("catalogue", 200).json()) {
                items.put(i.get("supplierItemCode").asString(), i.get("id").asString());
                prices.put(i.get("supplierItemCode").asString(), new BigDecimal(i.get("unitPrice").asString()));
            }
        }
        Map<String, Object> delivery = Map.of("line1", "Wijkcentrum, 2 Harehills Road", "town", "Leeds",
                "postcode", "LS8 5HS");
        List<Order> orders = new ArrayList<>();
        // Everyday consumables: small orders, accepted at once.
        for (int i = 0; i < 3 + random.nextInt(3); i++) {
            String item = random.nextBoolean() ? "GLV-NIT-M" : random.nextBoolean() ? "APR-PE" : "NB-A5";
            int qty = 2 + random.nextInt(6);
            orders.add(order(member, team, "small-" + i, suppliers.get(0), delivery, items.get(item), qty,
                    prices.get(item), null));
        }
        // A course above the advice threshold: the team asked a colleague and its coach first.
        Map<String, Object> advice = Map.of("advisers", List.of(
                        Map.of("name", "Marit", "role", "colleague", "advised", "Two of us need it before winter"),
                        Map.of("name", "Regional coach", "role", "coach", "advised", "CareLearn's course is well rated")),
                "decisionNote", "Book two places for the tissue viability course");
        orders.add(order(member, team, "course", suppliers.get(1), delivery, items.get("TV-2D"), 2,
                prices.get("TV-2D"), advice));
        // More than the budget released so far: refused, with the numbers.
        orders.add(order(member, team, "too-much", suppliers.get(1), delivery, items.get("TV-2D"), 40,
                prices.get("TV-2D"), advice));
        long accepted = orders.stream().filter(o -> o.status() == 201).count();
        say(team + ": policy (budget " + yearly + " a year, advice above 250.00), " + accepted + " orders accepted, "
                + (orders.size() - accepted) + " refused");
        return orders;
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
