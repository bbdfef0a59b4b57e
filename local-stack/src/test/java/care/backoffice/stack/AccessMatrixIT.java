package care.backoffice.stack;

import static org.assertj.core.api.Assertions.assertThat;

import care.backoffice.stack.api.Gateway;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Every endpoint each service publishes in its OpenAPI document, called as every kind of caller: nobody, a
 * member of the team in the path, a member of another team, the back office, finance and each service account;
 * and with tokens that must never be accepted. Writes carry an empty object, so an allowed caller gets a 400
 * for the missing fields rather than creating anything; path months are long past so no close of a live month
 * is started.
 */
class AccessMatrixIT {

    record Endpoint(String service, String method, String template, String path) {
        boolean teamScoped() {
            return template.contains("{team}");
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    static final List<Endpoint> ENDPOINTS = new ArrayList<>();
    static final Map<String, String> CALLERS = new LinkedHashMap<>();

    @BeforeAll
    static void endpointsFromTheOpenApiDocuments() throws Exception {
        RunningStack.get();
        for (String service : StackSettings.SERVICES) {
            var docs = RunningStack.call("GET", "/api/" + service + "/api-docs", null, null);
            assertThat(docs.statusCode()).as(service + " api-docs").isEqualTo(200);
            JsonNode paths = Gateway.JSON.readTree(docs.body()).path("paths");
            for (var p : paths.properties()) {
                for (var m : p.getValue().properties()) {
                    String method = m.getKey().toUpperCase();
                    if (List.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(method)) {
                        ENDPOINTS.add(new Endpoint(service, method, p.getKey(), fill(p.getKey()) + query(m.getValue())));
                    }
                }
            }
        }
        System.out.println("[access] " + ENDPOINTS.size() + " endpoints from the four OpenAPI documents");
        assertThat(ENDPOINTS).hasSizeGreaterThan(40);
        CALLERS.put("own-team member (anna)", RunningStack.passwordToken("anna"));
        CALLERS.put("other-team member (chloe)", RunningStack.passwordToken("chloe"));
        CALLERS.put("back-office (dave)", RunningStack.passwordToken("dave"));
        CALLERS.put("finance (fiona)", RunningStack.passwordToken("fiona"));
        for (String s : StackSettings.SERVICES) {
            CALLERS.put("service-" + s, RunningStack.serviceToken(s));
        }
        CALLERS.put(SUPPLIER, RunningStack.gateway().clientToken("supplier-medisupply", "supplier-medisupply-dev-only-secret"));
    }

    /** A supplier's own invoicing system (realm role supplier, claim supplier=medisupply). */
    static final String SUPPLIER = "supplier account (medisupply)";

    /** Path variables filled with values that exist or are harmless: anna's team, a month long past, unknown ids and codes. */
    static String fill(String template) {
        Matcher m = Pattern.compile("\\{([^}]+)}").matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1).toLowerCase();
            String value = name.equals("team") ? "team-arnhem-noord"
                    : name.contains("month") ? "2019-01"
                    : name.equals("code") ? "X999"
                    : name.equals("kind") || name.equals("format") ? "pdf"
                    : "00000000-0000-4000-8000-000000000000";
            m.appendReplacement(out, value);
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Required query parameters filled the same way, so a caller is judged on who they are, not on a missing month. */
    static String query(JsonNode operation) {
        List<String> q = new ArrayList<>();
        for (JsonNode p : operation.path("parameters")) {
            if (!"query".equals(p.path("in").asString()) || !p.path("required").asBoolean()) {
                continue;
            }
            String name = p.path("name").asString();
            String format = p.path("schema").path("format").asString("");
            String value = format.equals("date") || name.equals("at") ? "2019-01-31"
                    : List.of("from", "to", "month").contains(name) ? "2019-01"
                    : name.equals("team") ? "team-arnhem-noord"
                    : format.equals("uuid") ? "00000000-0000-4000-8000-000000000000"
                    : "2019";
            q.add(name + "=" + value);
        }
        return q.isEmpty() ? "" : "?" + String.join("&", q);
    }

    /**
     * Writes carry a body of the right shape but without content (an empty object, an empty list for the
     * catalogue and the batch of care delivered, a CSV header for budgets): the services read the body before they check the role, so a body of
     * the wrong shape would get a 400/415 for everyone and hide the answer for the role.
     */
    static HttpResponse<String> call(Endpoint e, String token) throws Exception {
        if (!List.of("POST", "PUT", "PATCH").contains(e.method())) {
            return RunningStack.call(e.method(), e.path(), token, null);
        }
        if (e.template().endsWith("/budgets")) {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(RunningStack.get().settings().gatewayUrl() + e.path()))
                    .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofString("team,account,month,amount\n"));
            if (token != null) {
                b.header("Authorization", "Bearer " + token);
            }
            return RunningStack.HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        }
        return RunningStack.call(e.method(), e.path(), token, e.template().endsWith("/catalogue") || e.template().endsWith("/batch") ? "[]" : "{}");
    }

    @Test
    void withoutATokenEveryEndpointAnswers401AndNoCallerEverGetsA5xx() throws Exception {
        List<String> wrong = new ArrayList<>();
        int calls = 0;
        for (Endpoint e : ENDPOINTS) {
            HttpResponse<String> anonymous = call(e, null);
            calls++;
            if (anonymous.statusCode() != 401) {
                wrong.add(e + " without a token answered " + anonymous.statusCode());
            }
            for (var caller : CALLERS.entrySet()) {
                HttpResponse<String> a = call(e, caller.getValue());
                calls++;
                if (a.statusCode() >= 500) {
                    wrong.add(e + " as " + caller.getKey() + " answered " + a.statusCode() + " " + abbreviate(a.body()));
                }
                if (a.statusCode() == 401) {
                    wrong.add(e + " as " + caller.getKey() + " refused a valid token (401)");
                }
            }
        }
        System.out.println("[access] " + calls + " calls, " + wrong.size() + " wrong");
        assertThat(wrong).as("endpoint × caller answers that break the rules").isEmpty();
    }

    @Test
    void aMemberOfAnotherTeamIsRefusedOnEveryTeamsEndpointExceptThePublicSpending() throws Exception {
        String chloe = CALLERS.get("other-team member (chloe)");
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (Endpoint e : ENDPOINTS) {
            // Procurement policies are readable by every colleague (spend is public inside the organisation).
            boolean publicRead = e.service().equals("procurement") && e.method().equals("GET");
            if (!e.teamScoped() || publicRead) {
                continue;
            }
            checked++;
            HttpResponse<String> a = call(e, chloe);
            if (a.statusCode() != 403) {
                wrong.add(e + " as a member of team-leeds-east answered " + a.statusCode());
            }
        }
        assertThat(checked).isGreaterThan(3);
        assertThat(wrong).isEmpty();
    }

    /**
     * Who may call what, as the services' READMEs say it. T: a team member (in a {team} path: of that team only),
     * T*: any team member even for another team's path, B: back-office, F: finance, S-x: service account x,
     * S?: the README does not say for service accounts (not asserted for them); only-T: the README speaks of
     * team members only (their own payslips), the other callers are not asserted. Sup?: a supplier's own account
     * may, for its own documents, once the back office has linked it to a supplier (not asserted: whether
     * medisupply is linked depends on what else ran); everywhere else a supplier's account is refused (403).
     */
    static final String EXPECTED = """
            GET /api/billing/funders                      B F S-finance S-payroll
            POST /api/billing/funders                     B
            GET /api/billing/funders/{id}                 B F S-finance S-payroll
            PUT /api/billing/funders/{id}                 B
            GET /api/billing/funders/{id}/history         B F
            GET /api/billing/contracts                    B
            POST /api/billing/contracts                   B
            GET /api/billing/contracts/{id}               B
            POST /api/billing/contracts/{id}/rates        B
            POST /api/billing/contracts/{id}/end          B
            POST /api/billing/contracts/{id}/corrections  B
            POST /api/billing/contracts/{id}/rate-corrections B
            GET /api/billing/contracts/{id}/history       B F
            GET /api/billing/clients                      B
            POST /api/billing/clients                     B
            GET /api/billing/clients/{id}                 B
            PUT /api/billing/clients/{id}                 B
            GET /api/billing/clients/{id}/history         B F
            POST /api/billing/clients/{id}/fundings       B
            POST /api/billing/care-delivered              S-payroll
            POST /api/billing/care-delivered/batch        S-payroll
            GET /api/billing/care-delivered/unbillable    B F
            GET /api/billing/runs                         B F
            POST /api/billing/runs                        B
            GET /api/billing/runs/{id}                    B F
            POST /api/billing/runs/{id}/restart           B
            GET /api/billing/invoices/{id}                B F
            GET /api/billing/invoices/{id}/documents/{kind} B F
            GET /api/billing/deliveries                   B F
            GET /api/billing/deliveries/{id}              B F
            POST /api/billing/deliveries/{id}/retry       B
            POST /api/billing/deliveries/{id}/uploaded    B
            GET /api/billing/teams/{team}/statistics      T B F
            GET /api/payroll/teams/{team}/members         T B
            POST /api/payroll/teams/{team}/members        T B
            POST /api/payroll/hours                       T B
            POST /api/payroll/teams/{team}/members/{id}/leaving T B
            GET /api/payroll/members/{id}/tax-settings    B
            POST /api/payroll/members/{id}/tax-settings   B
            GET /api/payroll/hours/{id}                   T B
            PATCH /api/payroll/hours/{id}                 T B
            DELETE /api/payroll/hours/{id}                T B
            GET /api/payroll/teams/{team}/hours           T B
            GET /api/payroll/teams/{team}/hours/summary   T B
            POST /api/payroll/runs                        B
            GET /api/payroll/runs/{id}                    B
            POST /api/payroll/runs/{id}/restart           B
            POST /api/payroll/runs/{id}/rollback          B
            POST /api/payroll/runs/{id}/finalise          B
            GET /api/payroll/runs/{id}/payslips.pdf       B
            GET /api/payroll/runs/{id}/payslips/{employeeId}.pdf B
            GET /api/payroll/runs/{id}/bacs               B
            GET /api/payroll/runs/{id}/pension.csv        B
            GET /api/payroll/runs/{id}/pain001.xml        B
            GET /api/payroll/members/{id}/p45             B
            GET /api/payroll/members/{id}/pay-agreements  B
            POST /api/payroll/members/{id}/pay-agreements B
            GET /api/payroll/members/{id}/maternity-leave B
            POST /api/payroll/members/{id}/maternity-leave B
            GET /api/payroll/members/{id}/adjustments     B
            POST /api/payroll/members/{id}/adjustments    B
            GET /api/payroll/adjustments/{id}             B
            DELETE /api/payroll/adjustments/{id}          B
            GET /api/payroll/runs/{id}/fps.xml            B
            GET /api/payroll/me/payslips                  T* only-T
            GET /api/payroll/me/payslips/{runId}.pdf      T* only-T
            POST /api/payroll/calculator/income-tax       B S-billing S-payroll S-finance S-procurement
            POST /api/payroll/calculator/national-insurance B S-billing S-payroll S-finance S-procurement
            POST /api/payroll/calculator/payslip          B S-billing S-payroll S-finance S-procurement
            POST /api/finance/journals                    F S-billing S-payroll S-procurement
            GET /api/finance/journals/{id}                F S-billing S-payroll S-procurement
            POST /api/finance/journals/{id}/reversal      F
            GET /api/finance/periods                      F
            GET /api/finance/periods/{month}              F
            POST /api/finance/periods/{month}/close       F
            POST /api/finance/periods/{month}/reopen      F
            POST /api/finance/periods/{month}/lock        F
            GET /api/finance/accounts                     T B F S-billing S-payroll S-finance S-procurement
            GET /api/finance/accounts/{code}              T B F S-billing S-payroll S-finance S-procurement
            POST /api/finance/accounts                    F
            POST /api/finance/accounts/{code}/closure     F
            DELETE /api/finance/accounts/{code}/closure   F
            DELETE /api/finance/accounts/{code}           F
            GET /api/finance/statements/trial-balance     F
            GET /api/finance/statements/profit-and-loss   F
            GET /api/finance/statements/balance-sheet     F
            GET /api/finance/statements/cash-flow         F
            GET /api/finance/statements/budget-vs-actual  F
            GET /api/finance/statements/aged-debtors      F
            GET /api/finance/statements/aged-creditors    F
            POST /api/finance/budgets                     F
            GET /api/finance/teams/{team}/statistics      T F
            GET /api/finance/exports/hledger              F
            POST /api/finance/close/{month}               F
            GET /api/finance/close/{month}                F
            GET /api/finance/close/{month}/pack           F
            POST /api/procurement/suppliers               B
            GET /api/procurement/suppliers                T B F S?
            GET /api/procurement/suppliers/{id}           T B F S?
            GET /api/procurement/categories               T B F S?
            POST /api/procurement/categories              B
            GET /api/procurement/catalogue                T B F S?
            POST /api/procurement/suppliers/{supplierId}/catalogue B
            GET /api/procurement/teams/{team}/policy      T* B F S?
            GET /api/procurement/teams/{team}/policy/history T* B F S?
            PUT /api/procurement/teams/{team}/policy      T
            POST /api/procurement/orders                  T
            GET /api/procurement/orders                   T B F S?
            GET /api/procurement/orders/{id}              T B F S?
            GET /api/procurement/orders/{id}/document     T B F S?
            POST /api/procurement/orders/{id}/cancel      T
            POST /api/procurement/orders/{orderId}/receipts T
            GET /api/procurement/spending                 T B F S?
            POST /api/procurement/invoices                B Sup?
            GET /api/procurement/invoices                 B F Sup?
            GET /api/procurement/invoices/{id}            B F Sup?
            PUT /api/procurement/suppliers/{id}/account-code B
            POST /api/procurement/catalogue/{itemId}/changes B
            GET /api/procurement/catalogue/{itemId}/history T B F S?
            POST /api/procurement/credit-notes            B Sup?
            GET /api/procurement/credit-notes             B F Sup?
            GET /api/procurement/credit-notes/{id}        B F Sup?
            POST /api/procurement/credit-notes/{id}/refund B
            POST /api/procurement/invoices/{id}/resolution B
            GET /api/procurement/payables                 B F
            POST /api/procurement/payment-runs            B
            GET /api/procurement/payment-runs/{id}/bacs   B F
            POST /api/procurement/payment-runs/{id}/paid  B
            """;

    /** Whether the README lets this caller in: true, false, or null when it does not say. */
    static Boolean allowed(Set<String> who, String caller, boolean teamPath) {
        if (who.contains("only-T") && !caller.contains("team member")) {
            return null;
        }
        return switch (caller) {
            case "own-team member (anna)" -> who.contains("T") || who.contains("T*");
            case "other-team member (chloe)" -> who.contains("T*") || (who.contains("T") && !teamPath);
            case "back-office (dave)" -> who.contains("B");
            case "finance (fiona)" -> who.contains("F");
            case SUPPLIER -> who.contains("Sup?") ? null : false;
            default -> who.contains("S?") ? null : who.contains("S-" + caller.substring("service-".length()));
        };
    }

    @Test
    void everyCallerGetsWhatTheReadmesSayForEveryEndpoint() throws Exception {
        Map<String, Set<String>> table = new LinkedHashMap<>();
        EXPECTED.lines().map(String::trim).filter(l -> !l.isEmpty()).forEach(l -> {
            String[] parts = l.split("\\s+");
            table.put(parts[0] + " " + parts[1], Set.of(java.util.Arrays.copyOfRange(parts, 2, parts.length)));
        });
        List<String> undocumented = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        int asserted = 0;
        for (Endpoint e : ENDPOINTS) {
            Set<String> who = table.get(e.method() + " " + e.template());
            if (who == null) {
                if (!e.template().contains("api-docs")) {
                    undocumented.add(e.method() + " " + e.template());
                }
                continue;
            }
            for (var caller : CALLERS.entrySet()) {
                Boolean may = allowed(who, caller.getKey(), e.teamScoped());
                if (may == null) {
                    continue;
                }
                int status = call(e, caller.getValue()).statusCode();
                asserted++;
                if (may && (status == 401 || status == 403)) {
                    wrong.add(e + " as " + caller.getKey() + ": " + status + ", the README lets them in");
                } else if (!may && status != 403) {
                    wrong.add(e + " as " + caller.getKey() + ": " + status + ", the README says 403");
                }
            }
        }
        System.out.println("[access] README matrix: " + asserted + " endpoint × caller answers asserted; "
                + "endpoints in no README table: " + undocumented);
        wrong.forEach(w -> System.out.println("[access] " + w));
        assertThat(undocumented).as("endpoints without an entry in the expected matrix (add them)").isEmpty();
        assertThat(wrong).isEmpty();
    }

    @Test
    void theBackOfficeRunsBillingAndFinanceClosesButNotTheOtherWayRound() throws Exception {
        String dave = CALLERS.get("back-office (dave)");
        String fiona = CALLERS.get("finance (fiona)");
        String anna = CALLERS.get("own-team member (anna)");
        assertThat(RunningStack.call("POST", "/api/billing/runs", fiona, "{}").statusCode()).isEqualTo(403);
        assertThat(RunningStack.call("POST", "/api/billing/runs", anna, "{}").statusCode()).isEqualTo(403);
        assertThat(RunningStack.call("POST", "/api/billing/runs", dave, "{}").statusCode()).isEqualTo(400);
        assertThat(RunningStack.call("POST", "/api/finance/journals", dave, "{}").statusCode()).isEqualTo(403);
        assertThat(RunningStack.call("POST", "/api/finance/journals", anna, "{}").statusCode()).isEqualTo(403);
        assertThat(RunningStack.call("GET", "/api/finance/statements/trial-balance?from=2019-01&to=2019-01", anna, null)
                .statusCode()).isEqualTo(403);
        assertThat(RunningStack.call("GET", "/api/finance/statements/trial-balance?from=2019-01&to=2019-01", fiona, null)
                .statusCode()).isEqualTo(200);
        assertThat(RunningStack.call("POST", "/api/procurement/suppliers", fiona, "{}").statusCode()).isEqualTo(403);
        assertThat(RunningStack.call("POST", "/api/billing/care-delivered", dave, "{}").statusCode())
                .as("only payroll's service account hands care to billing").isEqualTo(403);
    }

    @Test
    void tokensThatAreForgedUnsignedTamperedOrExpiredAreRefusedEverywhere() throws Exception {
        String real = RunningStack.passwordToken("dave");
        Map<String, Object> claims = Gateway.JSON.readValue(RunningStack.claims(real), Map.class);
        RSAKey foreignKey = new RSAKeyGenerator(2048).keyID(header(real).path("kid").asString()).generate();

        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("signed by another key (same kid, same claims)", sign(foreignKey, claims, 0));
        bad.put("alg none", new PlainJWT(JWTClaimsSet.parse(claims)).serialize());
        bad.put("alg none with a signature part", new PlainJWT(JWTClaimsSet.parse(claims)).serialize() + "c2ln");
        bad.put("real signature, payload changed to finance", tamper(real, "back-office", "finance"));
        bad.put("expired an hour ago (foreign key)", sign(foreignKey, claims, -3600));
        bad.put("expired, real header and signature", tamperExp(real));
        bad.put("another issuer", sign(foreignKey, withIssuer(claims), 0));
        bad.put("garbage", "not.a.jwt");

        List<String> wrong = new ArrayList<>();
        int calls = 0;
        for (Endpoint e : ENDPOINTS) {
            for (var b : bad.entrySet()) {
                HttpResponse<String> a = call(e, b.getValue());
                calls++;
                if (a.statusCode() != 401) {
                    wrong.add(e + " accepted a token " + b.getKey() + ": " + a.statusCode());
                }
            }
        }
        System.out.println("[access] bad tokens: " + calls + " calls, " + wrong.size() + " not refused");
        assertThat(wrong).isEmpty();
        // Past the gateway too: each service checks tokens itself.
        for (String s : StackSettings.SERVICES) {
            for (var b : bad.entrySet()) {
                HttpResponse<String> direct = RunningStack.HTTP.send(HttpRequest.newBuilder(URI.create(
                        RunningStack.get().settings().serviceUrl(s) + "/api/" + s + "/" + firstGet(s)))
                        .header("Authorization", "Bearer " + b.getValue()).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(direct.statusCode()).as(s + " directly, token " + b.getKey()).isEqualTo(401);
            }
        }
    }

    /**
     * Genuine tokens of our own Keycloak that must still be refused everywhere: one of another application
     * (reporting-tool: signed by the realm, back-office role, but not issued for the back-office API) and one of
     * e2e-short-lived (finance role, 2 s lifespan) once it has expired; the same token was accepted before.
     */
    @Test
    void realKeycloakTokensForAnotherAudienceOrExpiredAreRefusedEverywhere() throws Exception {
        Gateway gateway = RunningStack.gateway();
        String reporting = gateway.clientToken("reporting-tool", "reporting-tool-dev-only-secret");
        assertThat(RunningStack.claims(reporting)).as("the reporting tool's token is for another audience")
                .doesNotContain("backoffice-api");
        String shortLived = gateway.clientToken("e2e-short-lived", "e2e-short-lived-dev-only-secret");
        JsonNode c = Gateway.JSON.readTree(RunningStack.claims(shortLived));
        assertThat(c.path("exp").asLong() - c.path("iat").asLong()).as("lifespan of an e2e-short-lived token (s)").isEqualTo(2);
        // Valid while it lives: finance may read the accounts and may not run billing.
        assertThat(RunningStack.call("GET", "/api/finance/accounts", shortLived, null).statusCode()).as("before expiry").isEqualTo(200);
        assertThat(RunningStack.call("POST", "/api/billing/runs", shortLived, "{}").statusCode()).as("before expiry").isEqualTo(403);

        // The resource servers allow 60 s of clock skew past exp: poll until the gateway and each service refuse it.
        java.time.Instant deadline = java.time.Instant.now().plusSeconds(180);
        List<String> probes = new ArrayList<>(List.of(RunningStack.get().settings().gatewayUrl() + "/api/finance/accounts"));
        for (String s : StackSettings.SERVICES) {
            probes.add(RunningStack.get().settings().serviceUrl(s) + "/api/" + s + "/" + firstGet(s));
        }
        for (String probe : probes) {
            while (direct(probe, shortLived) != 401) {
                assertThat(java.time.Instant.now()).as("expired token still accepted at " + probe).isBefore(deadline);
                Thread.sleep(1000);
            }
        }
        System.out.printf("[access] the 2 s token was refused %d s after it expired%n",
                System.currentTimeMillis() / 1000 - c.path("exp").asLong());

        Map<String, String> refused = Map.of("for another audience (reporting-tool)", reporting,
                "expired (e2e-short-lived)", shortLived);
        List<String> wrong = new ArrayList<>();
        int calls = 0;
        for (Endpoint e : ENDPOINTS) {
            for (var b : refused.entrySet()) {
                int status = call(e, b.getValue()).statusCode();
                calls++;
                if (status != 401) {
                    wrong.add(e + " accepted a real token " + b.getKey() + ": " + status);
                }
            }
        }
        for (String probe : probes) {
            for (var b : refused.entrySet()) {
                calls++;
                if (direct(probe, b.getValue()) != 401) {
                    wrong.add(probe + " directly accepted a real token " + b.getKey());
                }
            }
        }
        System.out.println("[access] real tokens for another audience or expired: " + calls + " calls, " + wrong.size() + " not refused");
        assertThat(wrong).isEmpty();
    }

    static int direct(String url, String token) throws Exception {
        return RunningStack.HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    static String firstGet(String service) {
        return ENDPOINTS.stream().filter(e -> e.service().equals(service) && e.method().equals("GET") && !e.path().contains("api-docs"))
                .findFirst().orElseThrow().path().replaceFirst("^/api/" + service + "/", "");
    }

    static JsonNode header(String jwt) {
        return Gateway.JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[0]));
    }

    static String sign(RSAKey key, Map<String, Object> claims, long shiftSeconds) throws Exception {
        JWTClaimsSet.Builder b = new JWTClaimsSet.Builder(JWTClaimsSet.parse(claims));
        long now = System.currentTimeMillis() / 1000 + shiftSeconds;
        b.issueTime(new Date((now - 60) * 1000)).expirationTime(new Date((now + (shiftSeconds < 0 ? -1 : 600)) * 1000));
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT)
                .keyID(key.getKeyID()).build(), b.build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    static Map<String, Object> withIssuer(Map<String, Object> claims) {
        Map<String, Object> c = new LinkedHashMap<>(claims);
        c.put("iss", "http://localhost:1/realms/elsewhere");
        return c;
    }

    static String tamper(String jwt, String from, String to) {
        String[] parts = jwt.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8).replace(from, to);
        return parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8))
                + "." + parts[2];
    }

    static String tamperExp(String jwt) {
        String[] parts = jwt.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replaceAll("\"exp\":\\d+", "\"exp\":" + (System.currentTimeMillis() / 1000 - 3600));
        return parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8))
                + "." + parts[2];
    }

    static String abbreviate(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }
}
