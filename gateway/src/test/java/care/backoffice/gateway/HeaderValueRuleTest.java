package care.backoffice.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The gateway's header check must accept and refuse exactly what Spring Security's own pattern does. */
class HeaderValueRuleTest {

    /** StrictServerWebExchangeFirewall's default for header names and values. */
    private static final Pattern SPRING_DEFAULT = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");

    @Test
    void agreesWithSpringSecuritysPatternOnEveryCodePoint() {
        int refused = 0;
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            String s = "a" + new String(Character.toChars(cp)) + "b";
            boolean expected = SPRING_DEFAULT.matcher(s).matches();
            assertThat(GatewaySecurity.assignedAndNotControl(s)).as("U+%04X", cp).isEqualTo(expected);
            refused += expected ? 0 : 1;
        }
        assertThat(refused).as("some code points are refused (controls, unassigned)").isGreaterThan(800_000);
    }

    @Test
    void acceptsABearerTokenAndRefusesLineBreaksTabsAndNul() {
        String jwt = "Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbm5hIn0.c2lnbmF0dXJl-_";
        assertThat(GatewaySecurity.assignedAndNotControl(jwt)).isTrue();
        assertThat(GatewaySecurity.assignedAndNotControl("Zoë 🙂 Łódź")).isTrue();
        assertThat(GatewaySecurity.assignedAndNotControl("a\r\nX-Injected: yes")).isFalse();
        assertThat(GatewaySecurity.assignedAndNotControl("a\tb")).isFalse();
        assertThat(GatewaySecurity.assignedAndNotControl("a\u0000")).isFalse();
        assertThat(GatewaySecurity.assignedAndNotControl(null)).as("an absent header").isTrue();
        assertThat(GatewaySecurity.assignedAndNotControl("\uD83D")).isEqualTo(SPRING_DEFAULT.matcher("\uD83D").matches());
    }
}
