package care.backoffice.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Real RS256 tokens shaped like Keycloak's (realm_access.roles, team, preferred_username), signed by a
 * key whose JWK set is served on a loopback port. Services verify them through the very decoder they use
 * in production (jwk-set-uri + issuer check), so expiry, signature and {@code alg: none} are really tested.
 */
public final class TestTokens {

    public static final String ISSUER = "http://test-keycloak.local/realms/backoffice";
    /** The audience every service requires (Keycloak's audience mapper adds it to our clients' tokens). */
    public static final String AUDIENCE = "backoffice-api";

    private static RSAKey key;
    private static RSAKey strangerKey;
    private static HttpServer jwks;

    private TestTokens() {}

    /** Sets the resource-server properties so the service trusts this issuer's keys. */
    public static synchronized void register(DynamicPropertyRegistry registry) {
        start();
        String url = "http://127.0.0.1:" + jwks.getAddress().getPort() + "/certs";
        registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", () -> url);
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", () -> ISSUER);
    }

    public static String teamMember(String team) {
        return token("nurse-" + team, List.of("team-member"), team, Duration.ofMinutes(5));
    }

    public static String backOffice() {
        return token("backoffice-user", List.of("back-office"), null, Duration.ofMinutes(5));
    }

    public static String finance() {
        return token("finance-user", List.of("finance"), null, Duration.ofMinutes(5));
    }

    /** A client-credentials token of another service, e.g. {@code service("payroll")}. */
    public static String service(String service) {
        return token("service-account-" + service + "-service", List.of("service-" + service), null,
                Duration.ofMinutes(5));
    }

    public static String withRoles(String user, String team, String... roles) {
        return token(user, Arrays.asList(roles), team, Duration.ofMinutes(5));
    }

    public static String expired(String team) {
        return token("late-nurse", List.of("team-member"), team, Duration.ofMinutes(-10));
    }

    /** An unsigned token ({@code alg: none}) with roles that would otherwise be accepted. */
    public static String unsigned() {
        return new PlainJWT(claims("intruder", List.of("back-office", "finance"), null, Duration.ofMinutes(5)))
                .serialize();
    }

    /** Properly signed, but by a key our identity provider does not publish. */
    public static String signedByStranger() {
        start();
        return sign(strangerKey, claims("intruder", List.of("back-office"), null, Duration.ofMinutes(5)));
    }

    /**
     * Signed by our identity provider with a back-office role, but issued to another application of the
     * organisation (its audience is not the back-office API).
     */
    public static String forAnotherAudience() {
        start();
        JWTClaimsSet other = new JWTClaimsSet.Builder(
                claims("reporting-tool", List.of("back-office", "finance"), null, Duration.ofMinutes(5)))
                .audience(List.of("reporting-tool", "account"))
                .build();
        return sign(key, other);
    }

    /** A valid token with extra claims, e.g. a supplier's service account: {@code Map.of("supplier", "medisupply")}. */
    public static synchronized String withClaims(String user, String team, Map<String, Object> extraClaims,
            String... roles) {
        start();
        JWTClaimsSet.Builder b = new JWTClaimsSet.Builder(
                claims(user, Arrays.asList(roles), team, Duration.ofMinutes(5)));
        extraClaims.forEach(b::claim);
        return sign(key, b.build());
    }

    public static synchronized String token(String user, List<String> roles, String team, Duration validFor) {
        start();
        return sign(key, claims(user, roles, team, validFor));
    }

    private static JWTClaimsSet claims(String user, List<String> roles, String team, Duration validFor) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder b = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(List.of(AUDIENCE, "account"))
                .subject(UUID.nameUUIDFromBytes(user.getBytes(StandardCharsets.UTF_8)).toString())
                .issueTime(Date.from(now.minus(Duration.ofMinutes(20))))
                .expirationTime(Date.from(now.plus(validFor)))
                .claim("preferred_username", user)
                .claim("realm_access", Map.of("roles", roles));
        if (team != null) {
            b.claim("team", team);
        }
        return b.build();
    }

    private static String sign(RSAKey with, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(with.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(with));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static synchronized void start() {
        if (jwks != null) {
            return;
        }
        try {
            key = new RSAKeyGenerator(2048).keyID("test-key").generate();
            strangerKey = new RSAKeyGenerator(2048).keyID("test-key").generate();
            byte[] body = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
            jwks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            jwks.createContext("/certs", exchange -> {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            // A few threads rather than the dispatcher alone: several services' key fetches (and a benchmark's
            // clients) can arrive at once, and on a loaded machine one slow exchange made another time out.
            jwks.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4, r -> {
                Thread t = new Thread(r, "test-jwks");
                t.setDaemon(true);
                return t;
            }));
            jwks.start();
        } catch (JOSEException | IOException e) {
            throw new IllegalStateException("Could not start the test JWK set", e);
        }
    }
}
