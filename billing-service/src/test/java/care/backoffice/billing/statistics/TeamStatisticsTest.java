package care.backoffice.billing.statistics;

import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import care.backoffice.billing.BillingIntegrationTest;
import care.backoffice.testing.TestTokens;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

class TeamStatisticsTest extends BillingIntegrationTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aTeamWithoutCareThatMonthSeesZerosAndNothingToFix() throws Exception {
        mvc.perform(get("/api/billing/teams/team-quiet/statistics?month=2026-10")
                        .header("Authorization", "Bearer " + TestTokens.teamMember("team-quiet")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.team").value("team-quiet"))
                .andExpect(jsonPath("$.month").value("2026-10"))
                .andExpect(jsonPath("$.careHoursDelivered").value(0.0))
                .andExpect(jsonPath("$.careHoursCharged").value(0.0))
                .andExpect(jsonPath("$.unbillable", hasSize(0)));
    }

    @Test
    void aTeamSeesItsOwnDeliveredHoursAndTheCareThatCannotBeChargedYet() throws Exception {
        care("team-stats-a", "2026-10-03", 45, "ACTIVE");
        care("team-stats-a", "2026-10-31", 90, "ACTIVE");
        care("team-stats-a", "2026-10-12", 30, "VOID");
        care("team-stats-a", "2026-11-01", 60, "ACTIVE");
        care("team-stats-b", "2026-10-05", 600, "ACTIVE");

        mvc.perform(get("/api/billing/teams/team-stats-a/statistics?month=2026-10")
                        .header("Authorization", "Bearer " + TestTokens.teamMember("team-stats-a")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.careHoursDelivered").value(2.25))
                .andExpect(jsonPath("$.careRecords").value(2))
                .andExpect(jsonPath("$.careHoursCharged").value(0.0))
                .andExpect(jsonPath("$.unbillable", hasSize(2)))
                .andExpect(jsonPath("$.unbillable[0].date").value("2026-10-03"))
                .andExpect(jsonPath("$.unbillable[0].reason").value("Unknown client client-unknown"));

        mvc.perform(get("/api/billing/teams/team-stats-b/statistics?month=2026-10")
                        .header("Authorization", "Bearer " + TestTokens.backOffice()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.careHoursDelivered").value(10.0));
    }

    @Test
    void anotherTeamsFiguresAreForbiddenAndTheMonthMustBeAMonth() throws Exception {
        mvc.perform(get("/api/billing/teams/team-stats-b/statistics?month=2026-10")
                        .header("Authorization", "Bearer " + TestTokens.teamMember("team-stats-a")))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"));
        mvc.perform(get("/api/billing/teams/team-stats-b/statistics?month=2026-10")
                        .header("Authorization", "Bearer " + TestTokens.service("payroll")))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/billing/teams/team-stats-a/statistics?month=2026-10"))
                .andExpect(status().isUnauthorized());
        mvc.perform(get("/api/billing/teams/team-stats-a/statistics?month=2026-10")
                        .header("Authorization", "Bearer " + TestTokens.expired("team-stats-a")))
                .andExpect(status().isUnauthorized());
        mvc.perform(get("/api/billing/teams/team-stats-a/statistics?month=October")
                        .header("Authorization", "Bearer " + TestTokens.teamMember("team-stats-a")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("month"));
    }

    private void care(String team, String date, int minutes, String status) {
        jdbc.sql("""
                insert into care_delivered (hours_entry_id, version, status, team, employee_id, client_id, care_type,
                    care_date, start_time, minutes)
                values (?, 1, ?, ?, 'emp-1', 'client-unknown', 'PERSONAL_CARE', ?, ?, ?)""")
                .params(UUID.randomUUID(), status, team, LocalDate.parse(date), LocalTime.of(9, 0), minutes).update();
    }
}
