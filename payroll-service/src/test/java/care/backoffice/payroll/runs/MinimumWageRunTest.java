package care.backoffice.payroll.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The run report warns, without stopping the run, when an hourly rate is below the minimum wage for the colleague's
 * age on the period's first day (June 2025, 2025 rates: 21+ £12.21, 18–20 £10.00, under 18 £7.55). The colleagues
 * work only in June 2025.
 */
class MinimumWageRunTest extends RunFixture {

    static final String TEAM = "team-wage-test";

    UUID hourly(String family, String born, String rate) {
        return employee(TEAM, family, LocalDate.parse(born), LocalDate.parse("2025-06-01"), LocalDate.parse("2025-06-30"),
                "HOURLY", null, null, rate, "BR", true, "OPTED_OUT");
    }

    @Test
    void anHourlyRateBelowTheMinimumForTheColleaguesAgeIsAWarningOnTheRun() throws Exception {
        resetOthers();
        UUID nina = hourly("Nijboer", "2006-03-01", "9.50");   // 19 on 1 June: below £10.00
        UUID otto = hourly("Olde", "2004-06-15", "10.50");     // 20 on 1 June, 21 on the 15th: £10.00 applies to June
        UUID piet = hourly("Poort", "2008-01-01", "7.80");     // 17: above £7.55
        UUID rens = hourly("Ros", "1980-01-01", "12.00");      // 45: below £12.21
        for (UUID e : new UUID[] {nina, otto, piet, rens}) {
            hours(e, TEAM, "2025-06-02", "09:00", 480, "TRAVEL");
        }
        String june = runMonth("2025-06", "2025-06-30");
        JsonNode run = json.readTree(text("/api/payroll/runs/" + june));
        assertThat(run.get("status").asString()).isEqualTo("COMPLETED");
        var ours = new java.util.HashMap<String, String>();
        for (JsonNode w : run.get("warnings")) {
            String id = w.get("employeeId").asString();
            if (id.equals(nina.toString()) || id.equals(otto.toString()) || id.equals(piet.toString())
                    || id.equals(rens.toString())) {
                ours.put(w.get("name").asString(), w.get("code").asString() + ": " + w.get("message").asString());
            }
        }
        assertThat(ours).containsOnlyKeys("Test Nijboer", "Test Ros");
        assertThat(ours.get("Test Nijboer")).isEqualTo("BELOW_MINIMUM_WAGE: hourly rate \u00a39.50 is below the National "
                + "Minimum Wage, 18 to 20 of \u00a310.00 for age 19 at 2025-06-01 (enhancements do not count towards it)");
        assertThat(ours.get("Test Ros")).startsWith("BELOW_MINIMUM_WAGE: hourly rate \u00a312.00 is below the National "
                + "Living Wage (21 and over) of \u00a312.21 for age 45");
        // Everyone is paid all the same: 8 h × 9.50 = 76.00 for Nina.
        assertThat(payslip(june, nina)).containsEntry("gross_pay", m("76.00"));

        // Rolled back, the warnings go with the payslips.
        mvc.perform(post("/api/payroll/runs/" + june + "/rollback").header("Authorization", backOffice()))
                .andExpect(status().isOk());
        assertThat(jdbc.sql("select count(*) from payroll_run_warning where run_id = ?::uuid").param(june)
                .query(Long.class).single()).isZero();
    }
}
