package care.backoffice.billing.funders;

import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import care.backoffice.billing.BillingIntegrationTest;
import care.backoffice.testing.TestTokens;
import com.jayway.jsonpath.JsonPath;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

class FunderApiTest extends BillingIntegrationTest {

    static final String ICB = """
            {"legalName": "NHS Cheshire and Merseyside ICB", "type": "NHS_ICB",
             "address": {"line1": "No 1 Lakeside", "city": "Warrington", "postcode": "WA1 1QY", "countryCode": "GB"},
             "peppolParticipantId": "0088:5012345678900", "paymentTermsDays": 30,
             "requiredReferences": ["PURCHASE_ORDER_NUMBER", "CLIENT_REFERENCE"]}""";

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;

    @Test
    void theBackOfficeRegistersAFunderAndEveryoneEntitledReadsIt() throws Exception {
        String body = mvc.perform(post("/api/billing/funders").header("Authorization", "Bearer " + TestTokens.backOffice())
                        .contentType(MediaType.APPLICATION_JSON).content(ICB))
                .andExpect(status().isCreated())
                .andExpect(header().exists("Location"))
                .andExpect(jsonPath("$.legalName").value("NHS Cheshire and Merseyside ICB"))
                .andExpect(jsonPath("$.type").value("NHS_ICB"))
                .andExpect(jsonPath("$.address.postcode").value("WA1 1QY"))
                .andExpect(jsonPath("$.peppolParticipantId").value("0088:5012345678900"))
                .andExpect(jsonPath("$.paymentTermsDays").value(30))
                .andExpect(jsonPath("$.requiredReferences", containsInAnyOrder("PURCHASE_ORDER_NUMBER", "CLIENT_REFERENCE")))
                .andReturn().getResponse().getContentAsString();
        String id = JsonPath.read(body, "$.id");

        mvc.perform(get("/api/billing/funders/" + id).header("Authorization", "Bearer " + TestTokens.service("finance")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.legalName").value("NHS Cheshire and Merseyside ICB"));
        mvc.perform(get("/api/billing/funders").header("Authorization", "Bearer " + TestTokens.backOffice()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[*].id", hasItem(id)));
        mvc.perform(get("/api/billing/funders/" + UUID.randomUUID()).header("Authorization", "Bearer " + TestTokens.backOffice()))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"));
    }

    @Test
    void aChangeToAFunderKeepsThePreviousDetailsAsHistory() throws Exception {
        String body = mvc.perform(post("/api/billing/funders").header("Authorization", "Bearer " + TestTokens.backOffice())
                        .contentType(MediaType.APPLICATION_JSON).content(ICB.replace("Cheshire", "Mersey")))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        String id = JsonPath.read(body, "$.id");
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put("/api/billing/funders/" + id)
                        .header("Authorization", "Bearer " + TestTokens.backOffice())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(ICB.replace("Cheshire", "Mersey").replace("\"paymentTermsDays\": 30", "\"paymentTermsDays\": 45")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.paymentTermsDays").value(45));
        mvc.perform(get("/api/billing/funders/" + id + "/history").header("Authorization", "Bearer " + TestTokens.backOffice()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].changedBy").value("backoffice-user"))
                .andExpect(jsonPath("$[0].previous").value(org.hamcrest.Matchers.containsString("\"payment_terms_days\": 30")));
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put("/api/billing/funders/" + id)
                        .header("Authorization", "Bearer " + TestTokens.teamMember("team-a"))
                        .contentType(MediaType.APPLICATION_JSON).content(ICB))
                .andExpect(status().isForbidden());
    }

    @Test
    void aReplayWithTheSameIdempotencyKeyCreatesNothingNewAndADifferentBodyIsAConflict() throws Exception {
        String key = "funder-" + UUID.randomUUID();
        String selfFunders = """
                {"legalName": "Self-funding clients", "type": "SELF_FUNDER",
                 "address": {"line1": "Care office, 2 High St", "city": "Leeds", "postcode": "LS1 1AA"},
                 "email": "accounts@example.org", "paymentTermsDays": 14}""";
        String first = mvc.perform(post("/api/billing/funders").header("Authorization", "Bearer " + TestTokens.backOffice())
                        .header("Idempotency-Key", key).contentType(MediaType.APPLICATION_JSON).content(selfFunders))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        String replay = mvc.perform(post("/api/billing/funders").header("Authorization", "Bearer " + TestTokens.backOffice())
                        .header("Idempotency-Key", key).contentType(MediaType.APPLICATION_JSON).content(selfFunders))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        org.assertj.core.api.Assertions.assertThat((String) JsonPath.read(replay, "$.id"))
                .isEqualTo(JsonPath.read(first, "$.id"));
        org.assertj.core.api.Assertions.assertThat(jdbc.sql("select count(*) from funder where legal_name = 'Self-funding clients'")
                .query(Long.class).single()).isEqualTo(1L);

        mvc.perform(post("/api/billing/funders").header("Authorization", "Bearer " + TestTokens.backOffice())
                        .header("Idempotency-Key", key).contentType(MediaType.APPLICATION_JSON)
                        .content(selfFunders.replace("\"paymentTermsDays\": 14", "\"paymentTermsDays\": 28")))
                .andExpect(status().isConflict());
    }

    @Test
    void badInputNamesEveryBadFieldAndStoresNothing() throws Exception {
        long before = jdbc.sql("select count(*) from funder").query(Long.class).single();
        mvc.perform(post("/api/billing/funders").header("Authorization", "Bearer " + TestTokens.backOffice())
                        .contentType(MediaType.APPLICATION_JSON).content("""
                                {"legalName": " ", "type": "HOSPITAL",
                                 "address": {"line1": "1 Road", "countryCode": "England"},
                                 "peppolParticipantId": "5012345678900", "email": "not-an-email",
                                 "paymentTermsDays": -1, "requiredReferences": ["PURCHASE_ORDER_NUMBER", "SHOE_SIZE"]}"""))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.errors[*].field", containsInAnyOrder("legalName", "type", "address.city",
                        "address.postcode", "address.countryCode", "peppolParticipantId", "email", "paymentTermsDays",
                        "requiredReferences[1]")));
        org.assertj.core.api.Assertions.assertThat(jdbc.sql("select count(*) from funder").query(Long.class).single())
                .isEqualTo(before);
    }

    @Test
    void onlyTheBackOfficeCreatesFundersAndOnlyValidTokensGetIn() throws Exception {
        for (String token : new String[] {TestTokens.teamMember("team-arnhem-noord"), TestTokens.service("payroll"),
                TestTokens.finance()}) {
            mvc.perform(post("/api/billing/funders").header("Authorization", "Bearer " + token)
                            .contentType(MediaType.APPLICATION_JSON).content(ICB))
                    .andExpect(status().isForbidden())
                    .andExpect(content().contentTypeCompatibleWith("application/problem+json"));
        }
        mvc.perform(get("/api/billing/funders").header("Authorization", "Bearer " + TestTokens.teamMember("team-arnhem-noord")))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/billing/funders").contentType(MediaType.APPLICATION_JSON).content(ICB))
                .andExpect(status().isUnauthorized());
        mvc.perform(get("/api/billing/funders")).andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"));
        for (String bad : new String[] {TestTokens.expired("team-arnhem-noord"), TestTokens.unsigned(),
                TestTokens.signedByStranger(), TestTokens.forAnotherAudience(), "garbage"}) {
            mvc.perform(post("/api/billing/funders").header("Authorization", "Bearer " + bad)
                            .contentType(MediaType.APPLICATION_JSON).content(ICB))
                    .andExpect(status().isUnauthorized());
        }
        org.assertj.core.api.Assertions.assertThat(jdbc.sql("select count(*) from funder where legal_name like 'NHS Cheshire%'")
                .query(Long.class).single()).isZero();
    }
}
