package care.backoffice.procurement.suppliers;

import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import care.backoffice.procurement.Api;
import care.backoffice.procurement.ProcurementIntegrationTest;
import care.backoffice.testing.TestTokens;
import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

class SupplierApiTest extends ProcurementIntegrationTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(mvc);
    }

    @Test
    void backOfficeSetsUpASupplierAndEveryColleagueSeesIt() throws Exception {
        String body = api.post(TestTokens.backOffice(), "/api/procurement/suppliers",
                        Api.supplierJson("Medisupply Ltd", "https://orders.medisupply.example/peppol"))
                .andExpect(status().isCreated())
                .andExpect(header().exists("Location"))
                .andExpect(jsonPath("$.name").value("Medisupply Ltd"))
                .andExpect(jsonPath("$.bankDetails.sortCode").value("20-00-00"))
                .andExpect(jsonPath("$.bankDetails.accountNumberEnding").value("9911"))
                .andExpect(jsonPath("$.paymentTermsDays").value(30))
                .andReturn().getResponse().getContentAsString();
        String id = JsonPath.read(body, "$.id");

        for (String reader : new String[] {TestTokens.teamMember("team-leeds-west"), TestTokens.finance(),
                TestTokens.backOffice()}) {
            api.get(reader, "/api/procurement/suppliers").andExpect(status().isOk())
                    .andExpect(jsonPath("$[*].id", hasItem(id)));
        }
        api.get(TestTokens.teamMember("team-leeds-west"), "/api/procurement/suppliers/" + id)
                .andExpect(status().isOk()).andExpect(jsonPath("$.address.postcode").value("LS1 4AP"));
    }

    @Test
    void aReplayWithTheSameIdempotencyKeyCreatesOneSupplier() throws Exception {
        String json = Api.supplierJson("Replay Supplies", "https://replay.example/orders");
        String first = api.post(TestTokens.backOffice(), "/api/procurement/suppliers", json, "sup-key-1")
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        String second = api.post(TestTokens.backOffice(), "/api/procurement/suppliers", json, "sup-key-1")
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        org.assertj.core.api.Assertions.assertThat((String) JsonPath.read(second, "$.id"))
                .isEqualTo(JsonPath.read(first, "$.id"));
        org.assertj.core.api.Assertions.assertThat(jdbc.sql("select count(*) from supplier where name = ?")
                .param("Replay Supplies").query(Long.class).single()).isEqualTo(1L);
        api.post(TestTokens.backOffice(), "/api/procurement/suppliers",
                        Api.supplierJson("Other Supplies", "https://replay.example/orders"), "sup-key-1")
                .andExpect(status().isConflict());
    }

    @Test
    void badInputNamesEveryBadFieldAndStoresNothing() throws Exception {
        long before = jdbc.sql("select count(*) from supplier").query(Long.class).single();
        api.post(TestTokens.backOffice(), "/api/procurement/suppliers", """
                        {"name":"","address":{"line1":"","town":"Leeds","postcode":"not a postcode"},
                         "orderEndpointUrl":"ftp://x","peppolParticipantId":"12345",
                         "bankDetails":{"accountName":"A","sortCode":"12-34","accountNumber":"1234567"},
                         "paymentTermsDays":400}""")
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.errors[*].field", containsInAnyOrder("name", "address.line1",
                        "address.postcode", "peppolParticipantId", "orderEndpointUrl", "bankDetails.sortCode",
                        "bankDetails.accountNumber", "paymentTermsDays")));
        api.post(TestTokens.backOffice(), "/api/procurement/suppliers", """
                        {"name":"No way to reach them","address":{"line1":"1 Road","town":"York","postcode":"YO1 7HH"},
                         "bankDetails":{"accountName":"A","sortCode":"123456","accountNumber":"12345678"},
                         "paymentTermsDays":30}""")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors", hasSize(1)))
                .andExpect(jsonPath("$.errors[0].field").value("peppolParticipantId"));
        org.assertj.core.api.Assertions.assertThat(jdbc.sql("select count(*) from supplier").query(Long.class).single())
                .isEqualTo(before);
    }

    @Test
    void onlyTheBackOfficeCreatesSuppliers() throws Exception {
        String json = Api.supplierJson("Sneaky Ltd", "https://sneaky.example/orders");
        api.post(TestTokens.teamMember("team-leeds-west"), "/api/procurement/suppliers", json)
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"));
        api.post(TestTokens.finance(), "/api/procurement/suppliers", json).andExpect(status().isForbidden());
        api.post(TestTokens.service("payroll"), "/api/procurement/suppliers", json).andExpect(status().isForbidden());
        org.assertj.core.api.Assertions.assertThat(jdbc.sql("select count(*) from supplier where name = 'Sneaky Ltd'")
                .query(Long.class).single()).isZero();
    }

    @Test
    void withoutAValidTokenNothingIsReadOrWritten() throws Exception {
        mvc.perform(get("/api/procurement/suppliers")).andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"));
        for (String bad : new String[] {TestTokens.expired("team-leeds-west"), TestTokens.unsigned(),
                TestTokens.signedByStranger(), "garbage"}) {
            api.get(bad, "/api/procurement/suppliers").andExpect(status().isUnauthorized());
            api.post(bad, "/api/procurement/suppliers", Api.supplierJson("Intruder Ltd", "https://x.example/o"))
                    .andExpect(status().isUnauthorized());
        }
        org.assertj.core.api.Assertions.assertThat(jdbc.sql("select count(*) from supplier where name = 'Intruder Ltd'")
                .query(Long.class).single()).isZero();
    }
}
