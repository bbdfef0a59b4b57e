package care.backoffice.finance.accounts;

import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import care.backoffice.finance.FinanceIntegrationTest;
import care.backoffice.finance.Ledger;
import care.backoffice.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/** Changes the chart, so it runs on its own database (a context of its own) and leaves the reference chart intact. */
@TestPropertySource(properties = "finance.test.database=account-changes")
class AccountChangesTest extends FinanceIntegrationTest {

    static final String TEAM = "team-arnhem-noord";

    @Autowired
    MockMvc mvc;

    @Test
    void anAccountWithPostingsIsClosedNotDeletedAndANewOneCanBeAdded() throws Exception {
        String finance = TestTokens.finance();
        mvc.perform(post("/api/finance/accounts").header("Authorization", "Bearer " + finance)
                        .contentType(MediaType.APPLICATION_JSON).content("""
                                {"code":"5020","name":"Wound care dressings","type":"EXPENSE","normalBalance":"DR",
                                 "statutoryLine":"Raw materials and consumables","cashFlowClass":"OPERATING"}"""))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.open").value(true));
        mvc.perform(post("/api/finance/accounts").header("Authorization", "Bearer " + finance)
                        .contentType(MediaType.APPLICATION_JSON).content("""
                                {"code":"5020","name":"Wound care dressings","type":"EXPENSE","normalBalance":"DR",
                                 "statutoryLine":"Raw materials and consumables","cashFlowClass":"OPERATING"}"""))
                .andExpect(status().isOk()).andExpect(jsonPath("$.code").value("5020"));
        mvc.perform(post("/api/finance/accounts").header("Authorization", "Bearer " + finance)
                        .contentType(MediaType.APPLICATION_JSON).content("""
                                {"code":"5020","name":"Bandages","type":"EXPENSE","normalBalance":"DR",
                                 "statutoryLine":"Raw materials and consumables","cashFlowClass":"OPERATING"}"""))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.code").value("ACCOUNT_EXISTS"));
        mvc.perform(post("/api/finance/accounts").header("Authorization", "Bearer " + finance)
                        .contentType(MediaType.APPLICATION_JSON).content("""
                                {"code":"5020","name":"again","type":"COST","normalBalance":"XX",
                                 "statutoryLine":"Nowhere","cashFlowClass":"OPERATING"}"""))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", containsInAnyOrder("type", "normalBalance", "statutoryLine")));
        mvc.perform(post("/api/finance/accounts").header("Authorization", "Bearer " + TestTokens.teamMember(TEAM))
                        .contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isForbidden());
        Ledger.postAsFinance(mvc, Ledger.journal("2031-10-01", "manual", "manual-5020",
                Ledger.simple("5020", "1200", "12.00", TEAM))).andExpect(status().isCreated());
        mvc.perform(delete("/api/finance/accounts/5020").header("Authorization", "Bearer " + finance))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.code").value("ACCOUNT_HAS_POSTINGS"));
        mvc.perform(post("/api/finance/accounts/5020/closure").header("Authorization", "Bearer " + finance))
                .andExpect(status().isOk()).andExpect(jsonPath("$.open").value(false));
        mvc.perform(post("/api/finance/accounts").header("Authorization", "Bearer " + finance)
                        .contentType(MediaType.APPLICATION_JSON).content("""
                                {"code":"5021","name":"Never used","type":"EXPENSE","normalBalance":"DR",
                                 "statutoryLine":"Raw materials and consumables","cashFlowClass":"OPERATING"}"""))
                .andExpect(status().isCreated());
        mvc.perform(delete("/api/finance/accounts/5021").header("Authorization", "Bearer " + finance))
                .andExpect(status().isNoContent());
    }

}
