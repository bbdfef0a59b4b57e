package care.backoffice.payroll.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
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
 * Night, weekend and bank-holiday enhancements set on an hourly agreement by the back office, paid by the run for
 * May 2025 (tax month 2 of 2025-26; bank holidays on Monday 5 and Monday 26 May). The colleague works only in May.
 */
class EnhancementRunTest extends RunFixture {

    static final String TEAM = "team-enhance-test";

    @Test
    void hoursInTheWindowsArePaidWithTheAgreementsEnhancementSplitByTheMinute() throws Exception {
        resetOthers();
        UUID jet = employee(TEAM, "Jansma", LocalDate.parse("1988-08-08"), LocalDate.parse("2025-05-01"),
                LocalDate.parse("2025-05-31"), "HOURLY", null, null, "12.60", "BR", true, "OPTED_OUT");

        // Every bad field of a new agreement named; nothing stored.
        mvc.perform(post("/api/payroll/members/" + jet + "/pay-agreements").header("Authorization", backOffice())
                        .contentType(MediaType.APPLICATION_JSON).content("""
                                {"effectiveFrom":"May","hourlyRate":"12.6.0",
                                 "enhancements":{"nightPercent":"-5","weekendPercent":"250","bankHolidayPercent":"lots",
                                                 "nightStart":"25:00","nightEnd":"06:00"}}"""))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", Matchers.containsInAnyOrder("effectiveFrom", "hourlyRate",
                        "enhancements.nightPercent", "enhancements.weekendPercent", "enhancements.bankHolidayPercent",
                        "enhancements.nightStart")));
        mvc.perform(post("/api/payroll/members/" + jet + "/pay-agreements").header("Authorization", backOffice())
                        .contentType(MediaType.APPLICATION_JSON).content("""
                                {"effectiveFrom":"2025-05-01","annualSalary":"26000","contractedWeeklyHours":"37.5",
                                 "enhancements":{"nightPercent":"20"}}"""))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", Matchers.contains("enhancements")));
        mvc.perform(post("/api/payroll/members/" + jet + "/pay-agreements").header("Authorization", backOffice())
                        .contentType(MediaType.APPLICATION_JSON).content("""
                                {"effectiveFrom":"2025-04-01","hourlyRate":"12.60"}"""))
                .andExpect(status().isUnprocessableEntity())
                .andExpect(jsonPath("$.errors[0].field").value("effectiveFrom"));
        assertThat(jdbc.sql("select count(*) from pay_agreement where employee_id = ?").param(jet).query(Long.class).single())
                .isOne();

        // The back office sets the enhancements from her start: night 20%, weekend 25%, bank holiday 100%.
        String agreement = """
                {"effectiveFrom":"2025-05-01","hourlyRate":"12.60","reason":"Team agreement on unsocial hours",
                 "enhancements":{"nightPercent":"20","weekendPercent":"25","bankHolidayPercent":"100"}}""";
        for (int i = 0; i < 2; i++) {
            mvc.perform(post("/api/payroll/members/" + jet + "/pay-agreements").header("Authorization", backOffice())
                            .header("Idempotency-Key", "jet-enhancements").contentType(MediaType.APPLICATION_JSON)
                            .content(agreement))
                    .andExpect(status().isCreated())
                    .andExpect(i == 0 ? header().doesNotExist("Idempotent-Replayed") : header().string("Idempotent-Replayed", "true"))
                    .andExpect(jsonPath("$.length()").value(2))
                    .andExpect(jsonPath("$[1].agreement.enhancements.bankHolidayPercent").value("100.00"))
                    .andExpect(jsonPath("$[1].reason").value("Team agreement on unsocial hours"));
        }
        mvc.perform(get("/api/payroll/members/" + jet + "/pay-agreements").header("Authorization", backOffice()))
                .andExpect(status().isOk()).andExpect(jsonPath("$.length()").value(2));

        // Thu 1 May 09:00, 8 h: plain time.
        hours(jet, TEAM, "2025-05-01", "09:00", 480, "TRAVEL");
        // Fri 2 May 21:00 – Sat 07:00: 1 h plain, 2 h night (Fri 22–24), 6 h night and weekend (the weekend's 25% wins),
        // 1 h weekend.
        hours(jet, TEAM, "2025-05-02", "21:00", 600, "TRAVEL");
        // Mon 5 May (early May bank holiday) 07:00, 8 h: bank holiday.
        hours(jet, TEAM, "2025-05-05", "07:00", 480, "TRAINING");
        // Sun 25 May 22:00 – Mon 26 May 06:00 (spring bank holiday): 2 h weekend, 6 h bank holiday.
        hours(jet, TEAM, "2025-05-25", "22:00", 480, "ADMIN");
        // Sat 10 May, 4 h annual leave: paid at the plain rate, not enhanced.
        hours(jet, TEAM, "2025-05-10", "09:00", 240, "LEAVE_ANNUAL");

        // Plain pay: 8 + 10 + 8 + 8 + 4 = 38 h × 12.60 = 478.80. Night: 2 h × 12.60 × 20% = 5.04. Weekend:
        // (7 + 2) h × 12.60 × 25% = 28.35. Bank holiday: (8 + 6) h × 12.60 × 100% = 176.40. Gross 688.59.
        // BR on the M1 basis: 688 × 20% = 137.60; below the PT; employer NI (688.59 − 417) × 15% = 40.7385 → 40.74.
        // Net 688.59 − 137.60 = 550.99.
        String may = runMonth("2025-05", "2025-05-30");
        assertThat(payslip(may, jet)).containsAllEntriesOf(Map.of("gross_pay", m("688.59"), "tax", m("137.60"),
                "employee_ni", m("0.00"), "employer_ni", m("40.74"), "net_pay", m("550.99"), "paid_minutes", 2280));
        String lines = jdbc.sql("select lines::text from payslip where run_id = ?::uuid and employee_id = ?")
                .params(may, jet).query(String.class).single();
        Map<String, String> byCode = new java.util.HashMap<>();
        for (JsonNode l : json.readTree(lines)) {
            byCode.put(l.get("code").asString(), l.get("amount").asString());
        }
        assertThat(byCode).containsAllEntriesOf(Map.of("PAY", "478.80", "ENHANCEMENT_NIGHT", "5.04",
                "ENHANCEMENT_WEEKEND", "28.35", "ENHANCEMENT_BANK_HOLIDAY", "176.40"));
        assertThat(payslipText(may, jet)).contains("Night enhancement 20% on 2h 00m", "Weekend enhancement 25% on 9h 00m",
                "Bank holiday enhancement 100% on 14h 00m", "\u00a3176.40");
    }
}
