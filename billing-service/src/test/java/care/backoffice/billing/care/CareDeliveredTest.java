package care.backoffice.billing.care;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import care.backoffice.billing.BillingIntegrationTest;
import care.backoffice.billing.Fixtures;
import care.backoffice.testing.TestTokens;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

class CareDeliveredTest extends BillingIntegrationTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;

    private String visit(String id, int version, String status, String clientId, int minutes) {
        return """
                {"hoursEntryId": "%s", "version": %d, "status": "%s", "team": "team-arnhem-noord", "employeeId": "emp-1",
                 "clientId": "%s", "careType": "PERSONAL_CARE", "date": "2026-10-03", "start": "09:00",
                 "minutes": %d, "plannedMinutes": null}""".formatted(id, version, status, clientId, minutes);
    }

    private org.springframework.test.web.servlet.ResultActions send(String body) throws Exception {
        return mvc.perform(post("/api/billing/care-delivered").header("Authorization", "Bearer " + TestTokens.service("payroll"))
                .contentType(MediaType.APPLICATION_JSON).content(body));
    }

    @Test
    void aVisitIsRecordedOnceAmendedByAHigherVersionAndAReplayChangesNothing() throws Exception {
        Fixtures f = new Fixtures(mvc);
        String funder = f.funder("Noord Council", "LOCAL_AUTHORITY", "");
        f.contract(funder, "MINUTE", "UP", "ACTUAL", "[{\"careType\": \"PERSONAL_CARE\", \"hourlyRate\": \"24.00\"}]", "");
        f.client("cl-care-1", funder, "2026-01-01", "LA-1");
        String id = UUID.randomUUID().toString();

        send(visit(id, 1, "ACTIVE", "cl-care-1", 45)).andExpect(status().isCreated())
                .andExpect(jsonPath("$.outcome").value("RECORDED")).andExpect(jsonPath("$.billable").value(true));
        send(visit(id, 1, "ACTIVE", "cl-care-1", 45)).andExpect(status().isOk())
                .andExpect(jsonPath("$.outcome").value("REPLAY"));
        send(visit(id, 3, "ACTIVE", "cl-care-1", 60)).andExpect(status().isOk())
                .andExpect(jsonPath("$.outcome").value("AMENDED"));
        // A late delivery of version 2 must not undo the amendment to version 3.
        send(visit(id, 2, "ACTIVE", "cl-care-1", 50)).andExpect(status().isOk())
                .andExpect(jsonPath("$.outcome").value("REPLAY")).andExpect(jsonPath("$.version").value(3));
        assertThat(jdbc.sql("select minutes from care_delivered where hours_entry_id = ?::uuid").param(id)
                .query(Integer.class).single()).isEqualTo(60);

        send(visit(id, 4, "VOID", "cl-care-1", 60)).andExpect(status().isOk())
                .andExpect(jsonPath("$.outcome").value("VOIDED")).andExpect(jsonPath("$.billable").value(false));
        assertThat(jdbc.sql("select status from care_delivered where hours_entry_id = ?::uuid").param(id)
                .query(String.class).single()).isEqualTo("VOID");
        assertThat(jdbc.sql("select count(*) from care_delivered_version where hours_entry_id = ?::uuid").param(id)
                .query(Long.class).single()).isEqualTo(4L);
    }

    @Test
    void careForAnUnknownClientIsParkedAsUnbillableNeverDropped() throws Exception {
        String id = UUID.randomUUID().toString();
        send(visit(id, 1, "ACTIVE", "cl-nobody-knows", 30)).andExpect(status().isCreated())
                .andExpect(jsonPath("$.billable").value(false))
                .andExpect(jsonPath("$.unbillableReason").value("Unknown client cl-nobody-knows"));
        mvc.perform(get("/api/billing/care-delivered/unbillable").header("Authorization", "Bearer " + TestTokens.backOffice()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.hoursEntryId == '" + id + "')].reason").value("Unknown client cl-nobody-knows"));
    }

    @Test
    void onlyPayrollMaySendCareAndBadRecordsNameEveryField() throws Exception {
        String body = visit(UUID.randomUUID().toString(), 1, "ACTIVE", "cl-x", 30);
        for (String token : new String[] {TestTokens.backOffice(), TestTokens.teamMember("team-arnhem-noord"),
                TestTokens.service("procurement")}) {
            mvc.perform(post("/api/billing/care-delivered").header("Authorization", "Bearer " + token)
                    .contentType(MediaType.APPLICATION_JSON).content(body)).andExpect(status().isForbidden());
        }
        mvc.perform(post("/api/billing/care-delivered").contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isUnauthorized());
        send("""
                {"hoursEntryId": "not-a-uuid", "version": 0, "status": "DELETED", "team": "", "employeeId": "e",
                 "clientId": "c", "careType": "GARDENING", "date": "2026-02-30", "start": "25:00", "minutes": -5,
                 "plannedMinutes": 2000}""")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", containsInAnyOrder("hoursEntryId", "version", "status", "team",
                        "careType", "date", "start", "minutes", "plannedMinutes")));
    }
}
