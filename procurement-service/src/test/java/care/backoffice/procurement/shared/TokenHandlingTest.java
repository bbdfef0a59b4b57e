package care.backoffice.procurement.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

/** The cheaper token handling must accept and refuse exactly what Spring's own would. */
class TokenHandlingTest {

    static final List<String> HEADERS = List.of("Bearer abc.DEF-ghi_jkl~mno+pqr/stu", "bearer abc", "BEARER a.b.c==",
            "Bearer a.b.c=", "Bearer ", "Bearer", "Bearerabc", "Bearer  abc", "Bearer abc def", "Bearer a=b",
            "Bearer a.b.c\n", "Bearer é", "Basic dXNlcjpwYXNz", "bearer\tabc", "Bearer ====", "Token abc");

    static Object outcome(java.util.function.Function<MockHttpServletRequest, String> resolver, String header) {
        MockHttpServletRequest request = new MockHttpServletRequest();
        if (header != null) {
            request.addHeader("Authorization", header);
        }
        try {
            return String.valueOf(resolver.apply(request));
        } catch (RuntimeException e) {
            return e.getClass();
        }
    }

    @Test
    void theResolverAgreesWithSpringsOnEveryHeader() {
        DefaultBearerTokenResolver spring = new DefaultBearerTokenResolver();
        for (String header : HEADERS) {
            assertThat(outcome(TokenHandling::resolve, header)).as(header).isEqualTo(outcome(spring::resolve, header));
        }
        assertThat(outcome(TokenHandling::resolve, null)).isEqualTo("null");
        assertThat(outcome(TokenHandling::resolve, "Bearer a.b.c==")).isEqualTo("a.b.c==");
    }

    @Test
    void theHeaderCheckAgreesWithTheFirewallsPattern() {
        Pattern firewall = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");
        for (String value : List.of("application/json", "Bearer eyJ.abc", "ünïcödé", "tab\there", "nul\u0000",
                "del\u007f", "unassigned\u0378", "emoji \uD83D\uDE00", "lone \uD83D", "", "bell\u0007", "c1\u0085")) {
            assertThat(TokenHandling.assignedAndNotControl(value)).as(value).isEqualTo(firewall.matcher(value).matches());
        }
    }

    @Test
    void aVerifiedTokenIsNotVerifiedAgainUntilItExpiresAndARefusedOneIsNeverRemembered() {
        AtomicInteger decoded = new AtomicInteger();
        Instant[] expiry = {Instant.now().plusSeconds(300)};
        JwtDecoder real = token -> {
            decoded.incrementAndGet();
            if (token.startsWith("bad")) {
                throw new BadJwtException("bad signature");
            }
            return Jwt.withTokenValue(token).header("alg", "RS256").subject("nurse").issuedAt(Instant.now().minusSeconds(10))
                    .expiresAt(expiry[0]).build();
        };
        JwtDecoder cached = new TokenHandling.CachingJwtDecoder(real);

        cached.decode("good");
        cached.decode("good");
        assertThat(decoded).hasValue(1);
        cached.decode("other");
        assertThat(decoded).hasValue(2);

        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> cached.decode("bad")).isInstanceOf(BadJwtException.class);
        }
        assertThat(decoded).hasValue(4);

        expiry[0] = Instant.now().minusSeconds(1);
        cached.decode("soon-expired");
        cached.decode("soon-expired");
        assertThat(decoded).as("an expired token is handed to the real decoder every time").hasValue(6);
    }
}
