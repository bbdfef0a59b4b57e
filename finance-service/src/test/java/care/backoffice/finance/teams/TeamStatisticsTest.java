package care.backoffice.finance.teams;

import static care.backoffice.finance.Ledger.Line.cr;
import static care.backoffice.finance.Ledger.Line.dr;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import care.backoffice.finance.FinanceIntegrationTest;
import care.backoffice.finance.Ledger;
import care.backoffice.testing.TestTokens;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

class TeamStatisticsTest extends FinanceIntegrationTest {

    static final String NOORD = "team-stats-noord";
    static final String ZUID = "team-stats-zuid";

    @Autowired
    MockMvc mvc;

    @BeforeEach
    void ledger() throws Exception {
        // Replays are harmless: the same documents are posted once whatever the test order.
        Ledger.post(mvc, TestTokens.service("billing"), Ledger.journal("2032-01-31", "billing", "stats-billing-2032-01",
                List.of(dr("1100", "5000.00", NOORD), cr("4000", "3000.00", NOORD), cr("4010", "2000.00", NOORD),
                        dr("1100", "700.00", ZUID), cr("4000", "700.00", ZUID))));
        Ledger.post(mvc, TestTokens.service("payroll"), Ledger.journal("2032-01-31", "payroll", "stats-payroll-2032-01",
                List.of(dr("6000", "2500.00", NOORD), dr("6050", "250.00", NOORD), dr("6060", "125.00", NOORD),
                        cr("2220", "2875.00", null))));
        Ledger.post(mvc, TestTokens.service("procurement"), Ledger.journal("2032-01-15", "procurement",
                "stats-invoice-2032-01", List.of(dr("5000", "80.50", NOORD), dr("7200", "19.50", NOORD),
                        cr("2100", "100.00", null))));
    }

    MockHttpServletRequestBuilder stats(String team) {
        return get("/api/finance/teams/" + team + "/statistics").param("from", "2032-01").param("to", "2032-01");
    }

    @Test
    void aTeamMemberSeesTheirOwnTeamsIncomeCostsAndResult() throws Exception {
        mvc.perform(stats(NOORD).header("Authorization", "Bearer " + TestTokens.teamMember(NOORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.team").value(NOORD))
                .andExpect(jsonPath("$.income").value("5000.00"))
                .andExpect(jsonPath("$.staffCosts").value("2875.00"))
                .andExpect(jsonPath("$.spend").value("100.00"))
                .andExpect(jsonPath("$.result").value("2025.00"));
    }

    @Test
    void financeSeesEveryTeam() throws Exception {
        mvc.perform(stats(ZUID).header("Authorization", "Bearer " + TestTokens.finance()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.income").value("700.00"))
                .andExpect(jsonPath("$.staffCosts").value("0.00"))
                .andExpect(jsonPath("$.result").value("700.00"));
    }

    @Test
    void anotherTeamsFiguresAreForbidden() throws Exception {
        mvc.perform(stats(ZUID).header("Authorization", "Bearer " + TestTokens.teamMember(NOORD)))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.income").doesNotExist());
    }

    @Test
    void withoutAValidTokenItIsUnauthorized() throws Exception {
        mvc.perform(stats(NOORD)).andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"));
        for (String bad : new String[] {TestTokens.expired(NOORD), TestTokens.unsigned(), TestTokens.signedByStranger()}) {
            mvc.perform(stats(NOORD).header("Authorization", "Bearer " + bad)).andExpect(status().isUnauthorized());
        }
    }

    @Test
    void otherRolesAreForbidden() throws Exception {
        for (String token : new String[] {TestTokens.service("payroll"), TestTokens.backOffice(),
                TestTokens.withRoles("someone", NOORD, "offline_access")}) {
            mvc.perform(stats(NOORD).header("Authorization", "Bearer " + token)).andExpect(status().isForbidden());
        }
    }

    @Test
    void badMonthsAreNamed() throws Exception {
        mvc.perform(get("/api/finance/teams/" + NOORD + "/statistics").param("from", "2032-13").param("to", "jan")
                        .header("Authorization", "Bearer " + TestTokens.teamMember(NOORD)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("from"))
                .andExpect(jsonPath("$.errors[1].field").value("to"));
    }
}
