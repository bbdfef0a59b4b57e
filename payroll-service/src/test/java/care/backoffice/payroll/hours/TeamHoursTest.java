package care.backoffice.payroll.hours;

import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import care.backoffice.testing.TestTokens;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The team's own hours and statistics. */
class TeamHoursTest extends HoursFixture {

    String team;
    String token;
    UUID anna;
    UUID bram;

    @BeforeEach
    void setUp() {
        resetOthers();
        team = newTeam();
        token = TestTokens.teamMember(team);
        anna = colleague(team, "Anna", "Aalders", TODAY.minusYears(1), null);
        bram = colleague(team, "Bram", "Bos", TODAY.minusYears(1), null);
    }

    @Test
    void theSummaryShowsHoursByActivityAndPersonAndTheCareShareOfWorkedTime() throws Exception {
        LocalDate d = TODAY.minusDays(10);
        List<UUID> ids = submitted(token,
                care(anna, d, "08:00", 90, "c-1"),                  // anna: care 3h, travel 1h, leave 8h
                care(anna, d, "10:00", 90, "c-2"),
                other(anna, d, "12:00", 60, "TRAVEL"),
                other(anna, d.plusDays(1), "08:00", 480, "LEAVE_ANNUAL"),
                care(bram, d, "08:00", 120, "c-3"),                 // bram: care 2h, meeting 1h
                other(bram, d, "10:00", 60, "TEAM_MEETING"),
                care(bram, d.minusDays(1), "08:00", 600, "c-4"),    // outside the period asked for
                care(bram, d.plusDays(2), "08:00", 45, "c-5"));     // voided below: does not count
        mvc.perform(delete("/api/payroll/hours/" + ids.get(7)).param("reason", "entered twice")
                .header("Authorization", "Bearer " + token)).andExpect(status().isOk());

        mvc.perform(get("/api/payroll/teams/" + team + "/hours/summary").param("from", d.toString())
                        .param("to", d.plusDays(5).toString()).header("Authorization", "Bearer " + token))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.minutes").value(900))
                .andExpect(jsonPath("$.hours").value("15.00"))
                .andExpect(jsonPath("$.workedMinutes").value(420))
                .andExpect(jsonPath("$.careMinutes").value(300))
                // 300 of 420 worked minutes = 71.43 %, one decimal half up
                .andExpect(jsonPath("$.careSharePercent").value("71.4"))
                .andExpect(jsonPath("$.hoursByActivity.CARE").value("5.00"))
                .andExpect(jsonPath("$.hoursByActivity.LEAVE_ANNUAL").value("8.00"))
                .andExpect(jsonPath("$.people", hasSize(2)))
                .andExpect(jsonPath("$.people[0].familyName").value("Aalders"))
                .andExpect(jsonPath("$.people[0].hours").value("12.00"))
                .andExpect(jsonPath("$.people[0].careSharePercent").value("75.0"))
                .andExpect(jsonPath("$.people[0].hoursByActivity.TRAVEL").value("1.00"))
                .andExpect(jsonPath("$.people[1].familyName").value("Bos"))
                .andExpect(jsonPath("$.people[1].careMinutes").value(120))
                .andExpect(jsonPath("$.people[1].careSharePercent").value("66.7"));

        mvc.perform(get("/api/payroll/teams/" + team + "/hours").param("from", d.toString())
                        .param("to", d.plusDays(5).toString()).header("Authorization", "Bearer " + TestTokens.backOffice()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$", hasSize(7)))
                .andExpect(jsonPath("$[?(@.status == 'VOID')]", hasSize(1)))
                .andExpect(jsonPath("$[0].date").value(d.toString()));
    }

    @Test
    void anotherTeamsHoursAreNotShownAndBadPeriodsAreNamed() throws Exception {
        String stranger = TestTokens.teamMember(newTeam());
        mvc.perform(get("/api/payroll/teams/" + team + "/hours/summary").param("from", "2026-01-01")
                .param("to", "2026-01-31").header("Authorization", "Bearer " + stranger)).andExpect(status().isForbidden());
        mvc.perform(get("/api/payroll/teams/" + team + "/hours").param("from", "2026-01-01")
                .param("to", "2026-01-31").header("Authorization", "Bearer " + stranger)).andExpect(status().isForbidden());
        mvc.perform(get("/api/payroll/teams/" + team + "/hours").param("from", "01-01-2026")
                        .header("Authorization", "Bearer " + token))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", org.hamcrest.Matchers.containsInAnyOrder("from", "to")));
        mvc.perform(get("/api/payroll/teams/" + team + "/hours/summary").param("from", "2026-01-01")
                        .param("to", "2027-06-01").header("Authorization", "Bearer " + token))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("to"));
        mvc.perform(get("/api/payroll/teams/" + team + "/hours/summary").param("from", "2026-01-01")
                        .param("to", "2026-01-31").header("Authorization", "Bearer " + token))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.minutes").value(0))
                .andExpect(jsonPath("$.careSharePercent").doesNotExist());
    }
}
