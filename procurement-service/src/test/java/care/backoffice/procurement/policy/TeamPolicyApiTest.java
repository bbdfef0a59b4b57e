package care.backoffice.procurement.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import care.backoffice.procurement.Api;
import care.backoffice.procurement.ProcurementIntegrationTest;
import care.backoffice.testing.TestTokens;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

class TeamPolicyApiTest extends ProcurementIntegrationTest {

    @Autowired
    MockMvc mvc;
    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(mvc);
    }

    @Test
    void aTeamSetsItsOwnPolicyEveryoneSeesItAndEveryChangeIsRecorded() throws Exception {
        String team = "team-policy-" + UUID.randomUUID().toString().substring(0, 8);
        UUID supplier = api.createSupplier("Policy Supplies", "https://policy.example/orders");
        String path = "/api/procurement/teams/" + team + "/policy";

        api.put(TestTokens.withRoles("anna", team, "team-member"), path,
                        Api.policyJson("12000.00", true, "500.00", null))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.yearlyBudget").value("12000.00"))
                .andExpect(jsonPath("$.version").value(1));
        api.put(TestTokens.withRoles("bram", team, "team-member"), path, """
                        {"yearlyBudget":"15000","splitByMonth":false,"adviceThreshold":"750.5","perOrderCap":"2000",
                         "approvedSupplierIds":["%s"]}""".formatted(supplier))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.perOrderCap").value("2000.00"))
                .andExpect(jsonPath("$.adviceThreshold").value("750.50"));

        // A colleague of another team, finance and the back office all read it: spending is public inside.
        for (String reader : new String[] {TestTokens.teamMember("team-somewhere-else"), TestTokens.finance(),
                TestTokens.backOffice()}) {
            api.get(reader, path).andExpect(status().isOk())
                    .andExpect(jsonPath("$.yearlyBudget").value("15000.00"))
                    .andExpect(jsonPath("$.splitByMonth").value(false))
                    .andExpect(jsonPath("$.approvedSupplierIds[0]").value(supplier.toString()))
                    .andExpect(jsonPath("$.changedBy").value("bram"))
                    .andExpect(jsonPath("$.version").value(2));
        }
        api.get(TestTokens.teamMember("team-somewhere-else"), path + "/history").andExpect(status().isOk())
                .andExpect(jsonPath("$", hasSize(2)))
                .andExpect(jsonPath("$[0].changedBy").value("bram"))
                .andExpect(jsonPath("$[0].yearlyBudget").value("15000.00"))
                .andExpect(jsonPath("$[1].changedBy").value("anna"))
                .andExpect(jsonPath("$[1].yearlyBudget").value("12000.00"))
                .andExpect(jsonPath("$[1].changedAt").exists());
    }

    @Test
    void nobodyOutsideTheTeamChangesItsPolicy() throws Exception {
        String team = "team-guarded-" + UUID.randomUUID().toString().substring(0, 8);
        String path = "/api/procurement/teams/" + team + "/policy";
        api.setPolicy(team, Api.policyJson("10000.00", false, "500.00", null));

        for (String outsider : new String[] {TestTokens.teamMember("team-other"), TestTokens.backOffice(),
                TestTokens.finance(), TestTokens.service("procurement")}) {
            api.put(outsider, path, Api.policyJson("99999999.00", false, "0.00", null))
                    .andExpect(status().isForbidden())
                    .andExpect(content().contentTypeCompatibleWith("application/problem+json"));
        }
        api.get(TestTokens.teamMember(team), path).andExpect(jsonPath("$.yearlyBudget").value("10000.00"))
                .andExpect(jsonPath("$.version").value(1));
        api.get(TestTokens.teamMember(team), path + "/history").andExpect(jsonPath("$", hasSize(1)));
        for (String bad : new String[] {TestTokens.expired(team), TestTokens.unsigned(), TestTokens.signedByStranger(),
                TestTokens.forAnotherAudience()}) {
            api.put(bad, path, Api.policyJson("1.00", false, "0.00", null)).andExpect(status().isUnauthorized());
            api.get(bad, path).andExpect(status().isUnauthorized());
        }
    }

    @Test
    void badPolicyNamesEveryBadFieldAndChangesNothing() throws Exception {
        String team = "team-careful-" + UUID.randomUUID().toString().substring(0, 8);
        String path = "/api/procurement/teams/" + team + "/policy";
        api.put(TestTokens.teamMember(team), path, """
                        {"yearlyBudget":"-5","adviceThreshold":"12.345","perOrderCap":"lots",
                         "approvedSupplierIds":["%s","nope"]}""".formatted(UUID.randomUUID()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", containsInAnyOrder("yearlyBudget", "splitByMonth",
                        "adviceThreshold", "perOrderCap", "approvedSupplierIds[0]", "approvedSupplierIds[1]")));
        api.get(TestTokens.teamMember(team), path).andExpect(status().isNotFound());
        assertThat(api.get(TestTokens.teamMember(team), path + "/history").andReturn().getResponse()
                .getContentAsString()).isEqualTo("[]");
    }
}
