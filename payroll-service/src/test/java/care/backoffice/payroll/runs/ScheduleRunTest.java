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
import tools.jackson.databind.JsonNode;

/**
 * Weekly and 4-weekly schedules: a run of a schedule's period pays only the colleagues on it, with the engine's weekly
 * tables for the tax week of the pay date, and the FPS says so. 2026-27 weekly thresholds: PT 242, ST 96; 4-weekly: PT
 * 967, ST 385; 1257L week-1 free pay 241.92 (reference §1.3, §2.1).
 */
class ScheduleRunTest extends RunFixture {

    static final String TEAM = "team-schedule-test";

    void schedule(UUID e, String frequency) {
        jdbc.sql("update pay_agreement set pay_frequency = ? where employee_id = ?").params(frequency, e).update();
    }

    String runWeekBased(String schedule, int period, String payDate) throws Exception {
        String id = startRun("""
                {"schedule":"%s","taxYear":"2026-27","period":%d,"payDate":"%s"}""".formatted(schedule, period, payDate),
                202).get("id").asString();
        JsonNode run = awaitEnd(id);
        assertThat(run.get("status").asString()).as(run.toString()).isEqualTo("COMPLETED");
        return id;
    }

    @Test
    void aWeeklyAndAFourWeeklyRunPayOnlyTheirScheduleWithTheirTablesAndFpsFields() throws Exception {
        resetOthers();
        // Kees: hourly £13.00, weekly, 1257L on the W1 basis.
        UUID kees = employee(TEAM, "Kok", LocalDate.parse("1985-01-01"), LocalDate.parse("2026-04-06"), null, "HOURLY",
                null, null, "13.00", "1257L", true, "OPTED_OUT");
        schedule(kees, "WEEKLY");
        // Lotte: salaried £26,000, 4-weekly, BR.
        UUID lotte = employee(TEAM, "Lint", LocalDate.parse("1975-01-01"), LocalDate.parse("2026-04-06"), null,
                "SALARIED", "26000", "37.5", null, "BR", false, "OPTED_OUT");
        schedule(lotte, "FOUR_WEEKLY");

        // Bad requests, every field named.
        mvc.perform(post("/api/payroll/runs").header("Authorization", backOffice()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"schedule\":\"WEEKLY\",\"month\":\"2026-05\",\"taxYear\":\"2099-00\",\"period\":54}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", Matchers.containsInAnyOrder("month", "taxYear", "period",
                        "payDate")));
        mvc.perform(post("/api/payroll/runs").header("Authorization", backOffice()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"schedule\":\"DAILY\",\"payDate\":\"2026-05-08\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", Matchers.contains("schedule")));
        mvc.perform(post("/api/payroll/runs").header("Authorization", backOffice()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"schedule\":\"WEEKLY\",\"taxYear\":\"2026-27\",\"period\":5,\"payDate\":\"2026-05-01\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", Matchers.contains("payDate")));

        // An adjustment names a period of the colleague's own schedule.
        mvc.perform(post("/api/payroll/members/" + kees + "/adjustments").header("Authorization", backOffice())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"period\":\"2026-05\",\"type\":\"BONUS\",\"amount\":\"50.00\",\"reason\":\"Cover\"}"))
                .andExpect(status().isUnprocessableEntity())
                .andExpect(jsonPath("$.errors[0].reason", Matchers.containsString("2026-27-W05")));
        mvc.perform(post("/api/payroll/members/" + kees + "/adjustments").header("Authorization", backOffice())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"period\":\"2026-27-W05\",\"type\":\"BONUS\",\"amount\":\"50.00\",\"reason\":\"Cover\"}"))
                .andExpect(status().isCreated());

        // Week 5 (Mon 4 – Sun 10 May 2026): Kees works 5 × 8 h = 40 h × 13.00 = 520.00, + bonus 50.00 = 570.00.
        // Paid Friday 8 May, tax week 5. W1: 570 − 241.92 = 328.08 → 328 × 20% = 65.60. NI weekly: (570 − 242) × 8%
        // = 26.24; employer (570 − 96) × 15% = 71.10. Net 570 − 65.60 − 26.24 = 478.16.
        for (String day : new String[] {"04", "05", "06", "07", "08"}) {
            hours(kees, TEAM, "2026-05-" + day, "08:00", 480, "TRAVEL");
        }
        String week5 = runWeekBased("WEEKLY", 5, "2026-05-08");
        JsonNode run = json.readTree(text("/api/payroll/runs/" + week5));
        assertThat(run.get("schedule").asString()).isEqualTo("WEEKLY");
        assertThat(run.get("period").asString()).isEqualTo("2026-27-W05");
        assertThat(run.get("periodStart").asString()).isEqualTo("2026-05-04");
        assertThat(run.get("periodEnd").asString()).isEqualTo("2026-05-10");
        assertThat(run.get("taxWeek").asInt()).isEqualTo(5);
        assertThat(run.get("progress").get("employeesTotal").asInt()).isEqualTo(1);
        assertThat(payslip(week5, kees)).containsAllEntriesOf(Map.of("gross_pay", m("570.00"), "tax", m("65.60"),
                "employee_ni", m("26.24"), "employer_ni", m("71.10"), "net_pay", m("478.16")));
        assertThat(jdbc.sql("select count(*) from payslip where run_id = ?::uuid").param(week5).query(Long.class).single())
                .isOne();
        startRun("{\"schedule\":\"WEEKLY\",\"taxYear\":\"2026-27\",\"period\":5,\"payDate\":\"2026-05-08\"}", 409);
        Fps weekly = fps(week5);
        assertThat(weekly.of(kees, "PayFreq")).isEqualTo("W1");
        assertThat(weekly.of(kees, "WeekNo")).isEqualTo("5");
        assertThat(weekly.of(kees, "MonthNo")).isEmpty();
        assertThat(weekly.of(kees, "TaxCode")).isEqualTo("1257L");
        assertThat(payslipText(week5, kees)).contains("Pay period 2026-27-W05", "tax week 5 of 2026-27", "\u00a3478.16");

        // 4-week period 2 (4 – 31 May), paid Friday 29 May, tax week 8 = the end of 4-week period 2. Lotte:
        // 26,000 / 13 = 2,000.00; BR: 2,000 × 20% = 400.00; NI 4-weekly: (2,000 − 967) × 8% = 82.64; employer
        // (2,000 − 385) × 15% = 242.25. Net 1,517.36.
        String fourWeeks = runWeekBased("FOUR_WEEKLY", 2, "2026-05-29");
        assertThat(payslip(fourWeeks, lotte)).containsAllEntriesOf(Map.of("gross_pay", m("2000.00"), "tax", m("400.00"),
                "employee_ni", m("82.64"), "employer_ni", m("242.25"), "net_pay", m("1517.36")));
        assertThat(jdbc.sql("select employee_id from payslip where run_id = ?::uuid").param(fourWeeks).query(UUID.class)
                .list()).containsExactly(lotte);
        Fps fourWeekly = fps(fourWeeks);
        assertThat(fourWeekly.of(lotte, "PayFreq")).isEqualTo("W4");
        assertThat(fourWeekly.of(lotte, "WeekNo")).isEqualTo("8");

        // A monthly run pays neither.
        String september = runMonth("2026-09", "2026-09-30");
        assertThat(jdbc.sql("select count(*) from payslip where run_id = ?::uuid and employee_id in (?, ?)")
                .params(september, kees, lotte).query(Long.class).single()).isZero();
    }
}
