package care.backoffice.payroll.hours;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import care.backoffice.testing.TestTokens;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Bulk hours intake, end to end (JSON, every rule, COPY, and the care-delivered outbox rows), on the real
 * PostgreSQL. Run on demand:
 * <pre>
 *   ./mvnw -B -o -pl payroll-service test -Dbenchmark=true -Dtest=HoursIntakeBenchmark -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 * Each round posts 10,000 entries (20 colleagues × 100 days × 5) for a fresh team; two warm-up rounds, then 6
 * measured rounds of each mix: 80% CARE (each one an outbox message to billing) and no CARE at all, to show what the
 * hand-off costs. Prints the median and best entries/second.
 */
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class HoursIntakeBenchmark extends HoursFixture {

    @Test
    void bulkIntake() throws Exception {
        for (int i = 0; i < 2; i++) {
            round(true);
        }
        for (boolean care : new boolean[] {true, false}) {
            double[] rates = new double[6];
            for (int i = 0; i < rates.length; i++) {
                rates[i] = round(care);
            }
            Arrays.sort(rates);
            System.out.printf("BENCHMARK hours intake (%s): median %,.0f entries/s, best %,.0f entries/s over %d rounds%n",
                    care ? "80% CARE, with outbox" : "no CARE", (rates[2] + rates[3]) / 2, rates[rates.length - 1],
                    rates.length);
        }
    }

    private double round(boolean care) throws Exception {
        String team = newTeam();
        List<UUID> people = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            people.add(colleague(team, "Bench", "Mark", TODAY.minusYears(1), null));
        }
        List<String> entries = new ArrayList<>(10_000);
        for (UUID e : people) {
            for (int d = 1; d <= 100; d++) {
                for (int s = 0; s < 5; s++) {
                    String start = "%02d:00".formatted(7 + 2 * s);
                    entries.add(care && s < 4 ? care(e, TODAY.minusDays(d), start, 90, "client-" + s)
                            : other(e, TODAY.minusDays(d), start, 90, "TRAVEL"));
                }
            }
        }
        String token = TestTokens.teamMember(team);
        String[] body = entries.toArray(String[]::new);
        long t0 = System.nanoTime();
        submit(token, body).andExpect(status().isCreated());
        double rate = 10_000 / ((System.nanoTime() - t0) / 1e9);
        assertThat(jdbc.sql("select count(*) from hours_entry where team_code = ?").param(team).query(Long.class)
                .single()).isEqualTo(10_000);
        return rate;
    }
}
