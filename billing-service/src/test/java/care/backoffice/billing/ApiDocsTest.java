package care.backoffice.billing;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** The OpenAPI document is where payroll-service reads the care-delivered contract; it must carry it. */
class ApiDocsTest extends BillingIntegrationTest {

    @Autowired
    MockMvc mvc;

    @Test
    void theOpenApiDocumentDescribesTheCareDeliveredContractWithoutAToken() throws Exception {
        mvc.perform(get("/api/billing/api-docs"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("/api/billing/care-delivered")))
                .andExpect(content().string(containsString("hoursEntryId")))
                .andExpect(content().string(containsString("an equal or lower version is a replay")))
                .andExpect(content().string(containsString("/api/billing/runs/{id}/restart")));
    }
}
