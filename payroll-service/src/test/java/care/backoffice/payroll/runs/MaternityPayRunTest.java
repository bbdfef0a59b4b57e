package care.backoffice.payroll.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.JsonNode;

/**
 * SMP through the run (January and February 2026, tax months 10 and 11 of 2025-26: SMP 90% of AWE for 6 weeks, then
 * £187.18 or 90% if lower; PT 1,048, ST 417; 1257L free pay 1,048.26, M1 basis). EWC Sunday 1 March 2026; the maternity
 * pay period starts Sunday 11 January. The colleagues leave before the months other run tests pay.
 */
class MaternityPayRunTest extends RunFixture {

    static final String TEAM = "team-maternity-test";

    ResultActions leave(UUID e, String body) throws Exception {
        return mvc.perform(post("/api/payroll/members/" + e + "/maternity-leave").header("Authorization", backOffice())
                .contentType(MediaType.APPLICATION_JSON).content(body));
    }

    UUID salaried(String family, String start, String annual) {
        return employee(TEAM, family, LocalDate.parse("1992-02-02"), LocalDate.parse(start), LocalDate.parse("2026-03-31"),
                "SALARIED", annual, "37.5", null, "1257L", true, "OPTED_OUT");
    }

    @Test
    void smpIsPaidForTheWeeksEndingInThePeriodAndSalaryStopsForTheDaysOfLeave() throws Exception {
        resetOthers();
        UUID roos = salaried("Roels", "2024-01-01", "31200");   // 2,600.00 a month
        UUID sanne = salaried("Smit", "2025-10-01", "24000");   // started too late for SMP
        UUID tess = salaried("Terpstra", "2024-01-01", "24000");

        leave(roos, """
                {"expectedWeekOfChildbirth":"2026-03-02","startDate":"2025-12-01","lastDay":"2025-11-30",
                 "averageWeeklyEarnings":"lots"}""")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", Matchers.containsInAnyOrder("expectedWeekOfChildbirth",
                        "lastDay", "averageWeeklyEarnings")));
        leave(roos, """
                {"expectedWeekOfChildbirth":"2026-03-01","startDate":"2025-12-13"}""")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", Matchers.contains("startDate")));
        // Her paydays before the qualifying week (ending 22 November 2025) are not in this payroll: AWE given, £600.
        leave(roos, """
                {"expectedWeekOfChildbirth":"2026-03-01","startDate":"2026-01-11","averageWeeklyEarnings":"600.00"}""")
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.qualifyingWeekEnds").value("2025-11-22"))
                .andExpect(jsonPath("$.payPeriodLastDay").value("2026-10-10"))
                .andExpect(jsonPath("$.lastDay").value("2027-01-09"))
                .andExpect(jsonPath("$.smpByEmployment").value(true));
        leave(roos, """
                {"expectedWeekOfChildbirth":"2026-03-01","startDate":"2026-02-01"}""").andExpect(status().isConflict());
        leave(sanne, """
                {"expectedWeekOfChildbirth":"2026-03-01","startDate":"2026-01-11"}""")
                .andExpect(status().isCreated()).andExpect(jsonPath("$.smpByEmployment").value(false));

        // January: salary for 1–10 January, 31,200 × 10 / (12 × 31) = 838.709… → 838.71; SMP weeks 1–3 (ending 17, 24
        // and 31 January) at 90% of 600.00 = 540.00: 1,620.00. Gross 2,458.71; tax 2,458.71 − 1,048.26 = 1,410.45 →
        // 1,410 × 20% = 282.00; NI (2,458.71 − 1,048) × 8% = 112.8568 → 112.86; employer (2,458.71 − 417) × 15%
        // = 306.2565 → 306.26. Net 2,458.71 − 282.00 − 112.86 = 2,063.85.
        String january = runMonth("2026-01", "2026-01-30");
        assertThat(payslip(january, roos)).containsAllEntriesOf(Map.of("gross_pay", m("2458.71"), "tax", m("282.00"),
                "employee_ni", m("112.86"), "employer_ni", m("306.26"), "net_pay", m("2063.85")));
        assertThat(payslipText(january, roos)).contains("Statutory maternity pay", "\u00a31,620.00", "\u00a3838.71");
        // Sanne: 24,000 × 10 / 372 = 645.16 for 1–10 January, no SMP, and the run says why.
        assertThat(payslip(january, sanne)).containsEntry("gross_pay", m("645.16"));
        JsonNode run = json.readTree(text("/api/payroll/runs/" + january));
        String sanneWarning = null;
        for (JsonNode w : run.get("warnings")) {
            if (w.get("employeeId").asString().equals(sanne.toString())) {
                sanneWarning = w.get("code").asString() + ": " + w.get("message").asString();
            }
        }
        assertThat(sanneWarning).startsWith("SMP_NOT_PAYABLE: not employed for 26 weeks into the qualifying week ending 2025-11-22");
        finalise(january);

        // Leave starting in a paid period is refused; what is owed goes in as an adjustment.
        leave(tess, """
                {"expectedWeekOfChildbirth":"2026-03-29","startDate":"2026-01-25"}""")
                .andExpect(status().isUnprocessableEntity())
                .andExpect(jsonPath("$.errors[0].field").value("startDate"));

        // February: no salary; SMP weeks 4–6 at 540.00 and week 7 at 187.18 = 1,807.18. Tax 1,807.18 − 1,048.26 =
        // 758.92 → 758 × 20% = 151.60; NI (1,807.18 − 1,048) × 8% = 60.7344 → 60.73; employer (1,807.18 − 417) × 15%
        // = 208.527 → 208.53. Net 1,594.85. SMP to date 1,620.00 + 1,807.18 = 3,427.18 on the FPS.
        String february = runMonth("2026-02", "2026-02-27");
        assertThat(payslip(february, roos)).containsAllEntriesOf(Map.of("gross_pay", m("1807.18"), "tax", m("151.60"),
                "employee_ni", m("60.73"), "employer_ni", m("208.53"), "net_pay", m("1594.85")));
        assertThat(fps(february).of(roos, "SMPYTD")).isEqualTo("3427.18");
    }
}
