package care.backoffice.payroll.hours;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import care.backoffice.testing.TestTokens;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;

/** Amending and voiding an entry: the same rules as submitting, and the history stays. */
class HoursCorrectionTest extends HoursFixture {

    String team;
    String token;
    UUID anna;

    @BeforeEach
    void setUp() {
        resetOthers();
        team = newTeam();
        token = TestTokens.teamMember(team);
        anna = colleague(team, "Anna", "de Vries", TODAY.minusDays(60), TODAY.minusDays(1));
    }

    ResultActions amend(String who, UUID id, String body) throws Exception {
        return mvc.perform(patch("/api/payroll/hours/" + id).header("Authorization", "Bearer " + who)
                .contentType(MediaType.APPLICATION_JSON).content(body));
    }

    Object[] row(UUID id) {
        return jdbc.sql("select version, minutes, work_date, voided_at is not null from hours_entry where id = ?")
                .param(id).query((rs, n) -> new Object[] {rs.getInt(1), rs.getInt(2), rs.getObject(3, LocalDate.class),
                        rs.getBoolean(4)}).single();
    }

    @Test
    void anAmendmentRaisesTheVersionAndKeepsWhatItReplaced() throws Exception {
        LocalDate day = TODAY.minusDays(5);
        UUID id = submitted(token, care(anna, day, "08:00", 45, "client-17")).get(0);

        amend(token, id, "{\"minutes\":55,\"start\":\"08:10\",\"reason\":\"started late, stayed longer\"}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.version").value(2))
                .andExpect(jsonPath("$.minutes").value(55))
                .andExpect(jsonPath("$.start").value("08:10:00"))
                .andExpect(jsonPath("$.status").value("ACTIVE"))
                .andExpect(jsonPath("$.history", hasSize(1)))
                .andExpect(jsonPath("$.history[0].version").value(1))
                .andExpect(jsonPath("$.history[0].minutes").value(45))
                .andExpect(jsonPath("$.history[0].madeBy").value("nurse-" + team))
                .andExpect(jsonPath("$.history[0].reason").value("started late, stayed longer"));

        mvc.perform(delete("/api/payroll/hours/" + id).header("Authorization", "Bearer " + TestTokens.backOffice())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"entered twice\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.version").value(3))
                .andExpect(jsonPath("$.status").value("VOID"))
                .andExpect(jsonPath("$.voidReason").value("entered twice"))
                .andExpect(jsonPath("$.changedBy").value("backoffice-user"));

        mvc.perform(get("/api/payroll/hours/" + id).header("Authorization", "Bearer " + token))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.history[*].version", containsInAnyOrder(1, 2)))
                .andExpect(jsonPath("$.history[1].minutes").value(55))
                .andExpect(jsonPath("$.history[1].replacedBy").value("backoffice-user"));
        assertThat(row(id)).containsExactly(3, 55, day, true);

        // A void is final: no amendment, no second void.
        amend(token, id, "{\"minutes\":30}").andExpect(status().isConflict());
        mvc.perform(delete("/api/payroll/hours/" + id).param("reason", "again").header("Authorization", "Bearer " + token))
                .andExpect(status().isConflict());
        assertThat(row(id)).containsExactly(3, 55, day, true);
    }

    @Test
    void anAmendmentBreakingARuleIsRefusedNamingEveryFieldAndChangesNothing() throws Exception {
        LocalDate day = TODAY.minusDays(5);
        List<UUID> ids = submitted(token, care(anna, day, "08:00", 45, "client-17"), other(anna, day, "10:00", 60, "ADMIN"));
        UUID id = ids.get(0);

        amend(token, id, "{\"date\":\"yesterday\",\"start\":\"8am\",\"minutes\":1441,\"activity\":\"NAP\"}")
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.errors[*].field", containsInAnyOrder("date", "start", "minutes", "activity")));
        amend(token, id, "{\"careType\":\"HAIRDRESSING\",\"clientId\":\"\"}").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", containsInAnyOrder("clientId", "careType")));
        amend(token, id, "{}").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("entry"));
        // Overlapping the same person's admin hour at 10:00.
        amend(token, id, "{\"start\":\"09:30\"}").andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("start"))
                .andExpect(jsonPath("$.errors[0].reason", containsString(ids.get(1).toString())));
        // Outside the employment (started 60 days ago, left yesterday), and in the future.
        amend(token, id, "{\"date\":\"" + TODAY.minusDays(61) + "\"}").andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].reason", containsString("before the employee's start date")));
        amend(token, id, "{\"date\":\"" + TODAY + "\"}").andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].reason", containsString("after the employee's leaving date")));
        amend(token, id, "{\"date\":\"" + TODAY.plusDays(1) + "\"}").andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[*].reason", org.hamcrest.Matchers.hasItem("is in the future")));
        assertThat(row(id)).containsExactly(1, 45, day, false);
        assertThat(jdbc.sql("select count(*) from hours_entry_version where entry_id = ?").param(id)
                .query(Long.class).single()).isZero();
    }

    @Test
    void anEntryInAPaidPeriodIsNeitherAmendedNorVoidedNorMovedIntoOne() throws Exception {
        UUID inPaid = submitted(token, other(anna, TODAY.minusDays(40), "09:00", 60, "TRAINING")).get(0);
        UUID open = submitted(token, other(anna, TODAY.minusDays(5), "09:00", 60, "TRAINING")).get(0);
        jdbc.sql("insert into paid_period (id, period_start, period_end) values (?, ?, ?)")
                .params(UUID.randomUUID(), TODAY.minusDays(45), TODAY.minusDays(30)).update();
        try {
            amend(token, inPaid, "{\"minutes\":30}").andExpect(status().isUnprocessableContent())
                    .andExpect(jsonPath("$.errors[0].reason", containsString("already paid")));
            mvc.perform(delete("/api/payroll/hours/" + inPaid).param("reason", "wrong")
                            .header("Authorization", "Bearer " + token))
                    .andExpect(status().isUnprocessableContent());
            amend(token, open, "{\"date\":\"" + TODAY.minusDays(35) + "\"}").andExpect(status().isUnprocessableContent())
                    .andExpect(jsonPath("$.errors[0].reason", containsString("already paid")));
            assertThat(row(inPaid)).containsExactly(1, 60, TODAY.minusDays(40), false);
            assertThat(row(open)).containsExactly(1, 60, TODAY.minusDays(5), false);
        } finally {
            jdbc.sql("delete from paid_period where period_start = ?").param(TODAY.minusDays(45)).update();
        }
    }

    @Test
    void onlyTheEntrysTeamAndTheBackOfficeSeeOrChangeIt() throws Exception {
        UUID id = submitted(token, other(anna, TODAY.minusDays(5), "09:00", 60, "ADMIN")).get(0);
        String stranger = TestTokens.teamMember(newTeam());
        mvc.perform(get("/api/payroll/hours/" + id).header("Authorization", "Bearer " + stranger))
                .andExpect(status().isForbidden());
        amend(stranger, id, "{\"minutes\":30}").andExpect(status().isForbidden());
        mvc.perform(delete("/api/payroll/hours/" + id).param("reason", "x").header("Authorization", "Bearer " + stranger))
                .andExpect(status().isForbidden());
        amend(TestTokens.finance(), id, "{\"minutes\":30}").andExpect(status().isForbidden());
        mvc.perform(get("/api/payroll/hours/" + id)).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/payroll/hours/" + UUID.randomUUID()).header("Authorization", "Bearer " + token))
                .andExpect(status().isNotFound());
        assertThat(row(id)).containsExactly(1, 60, TODAY.minusDays(5), false);
    }
}
