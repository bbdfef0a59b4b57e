package care.backoffice.finance.accounts;

import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import care.backoffice.finance.FinanceIntegrationTest;
import care.backoffice.testing.TestTokens;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

class ChartOfAccountsTest extends FinanceIntegrationTest {

    @Autowired
    MockMvc mvc;

    @Test
    void everyAccountOfTheReferenceChartIsLoaded() throws Exception {
        long rows;
        try (var lines = Files.lines(Path.of(getClass().getResource("/chart-of-accounts-uk-care.csv").toURI()))) {
            rows = lines.skip(1).filter(l -> !l.isBlank()).count();
        }
        mvc.perform(get("/api/finance/accounts").header("Authorization", "Bearer " + TestTokens.finance()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$", hasSize((int) rows)))
                .andExpect(jsonPath("$[0].code").value("0010"))
                .andExpect(jsonPath("$[0].type").value("ASSET"));
    }

    @Test
    void oneAccountByCodeAndAProblemForAnUnknownOne() throws Exception {
        String token = TestTokens.teamMember("team-arnhem-noord");
        mvc.perform(get("/api/finance/accounts/0010").header("Authorization", "Bearer " + token))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.name").value("Freehold land and buildings - cost"));
        mvc.perform(get("/api/finance/accounts/9999x").header("Authorization", "Bearer " + token))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.detail").value("Account 9999x was not found"));
    }

    @Test
    void aSuppliersOwnSystemMayNotReadTheChart() throws Exception {
        // The end-to-end access matrix found the chart open to any valid token, a supplier's service account too.
        String supplier = TestTokens.withClaims("service-account-supplier-medisupply", null,
                java.util.Map.of("supplier", "medisupply"), "supplier");
        mvc.perform(get("/api/finance/accounts").header("Authorization", "Bearer " + supplier))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/finance/accounts/0010").header("Authorization", "Bearer " + supplier))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/finance/accounts").header("Authorization", "Bearer " + TestTokens.service("billing")))
                .andExpect(status().isOk());
    }

    @Test
    void refusesRequestsWithoutAValidToken() throws Exception {
        mvc.perform(get("/api/finance/accounts")).andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"));
        for (String bad : new String[] {TestTokens.expired("team-arnhem-noord"), TestTokens.unsigned(),
                TestTokens.signedByStranger(), TestTokens.forAnotherAudience(), "garbage"}) {
            mvc.perform(get("/api/finance/accounts").header("Authorization", "Bearer " + bad))
                    .andExpect(status().isUnauthorized());
        }
    }

    @Test
    void healthIsOpenAndCarriesTheCorrelationId() throws Exception {
        mvc.perform(get("/actuator/health/readiness").header("X-Correlation-Id", "abc-123"))
                .andExpect(status().isOk())
                .andExpect(header().string("X-Correlation-Id", "abc-123"));
    }
}
