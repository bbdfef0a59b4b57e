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
    }

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

    static HttpResponse<String> call(Endpoint e, String token) throws Exception {
        String body = List.of("POST", "PUT", "PATCH").contains(e.method()) ? "{}" : null;
        return RunningStack.call(e.method(), e.path(), token, body);
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
