package care.backoffice.billing.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import care.backoffice.billing.BillingIntegrationTest;
import care.backoffice.billing.Fixtures;
import care.backoffice.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

class ContractsAndClientsTest extends BillingIntegrationTest {

    @Autowired
    MockMvc mvc;

    @Test
    void aPriceChangeFromADateKeepsTheEarlierPriceAsHistory() throws Exception {
        Fixtures f = new Fixtures(mvc);
        String funder = f.funder("Arnhem Vale Council", "LOCAL_AUTHORITY", "");
        String contract = f.contract(funder, "FIFTEEN_MINUTES", "NEAREST", "ACTUAL",
                "[{\"careType\": \"PERSONAL_CARE\", \"hourlyRate\": \"24.00\"}]", "");
        mvc.perform(post("/api/billing/contracts/" + contract + "/rates").header("Authorization", "Bearer " + TestTokens.backOffice())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"careType\": \"PERSONAL_CARE\", \"hourlyRate\": \"25.50\", \"effectiveFrom\": \"2026-10-15\"}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.rates", hasSize(2)))
                .andExpect(jsonPath("$.rates[0].hourlyRate").value("24.00"))
                .andExpect(jsonPath("$.rates[1].hourlyRate").value("25.50"))
                .andExpect(jsonPath("$.rates[1].effectiveFrom").value("2026-10-15"));
        // The same date twice would silently rewrite history: refused.
        mvc.perform(post("/api/billing/contracts/" + contract + "/rates").header("Authorization", "Bearer " + TestTokens.backOffice())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"careType\": \"PERSONAL_CARE\", \"hourlyRate\": \"26.00\", \"effectiveFrom\": \"2026-10-15\"}"))
                .andExpect(status().isConflict());
        // A second contract for the same period would make the price ambiguous.
        mvc.perform(post("/api/billing/contracts").header("Authorization", "Bearer " + TestTokens.backOffice())
                        .contentType(MediaType.APPLICATION_JSON).content("""
                                {"funderId": "%s", "billingUnit": "MINUTE", "rounding": "UP", "chargedTime": "ACTUAL",
                                 "output": "PDF_EMAIL", "startsOn": "2026-06-01",
                                 "rates": [{"careType": "NURSING_CARE", "hourlyRate": "40.00"}]}""".formatted(funder)))
                .andExpect(status().isConflict());
    }

    @Test
    void aBadContractIsRefusedNamingEveryField() throws Exception {
        mvc.perform(post("/api/billing/contracts").header("Authorization", "Bearer " + TestTokens.backOffice())
                        .contentType(MediaType.APPLICATION_JSON).content("""
                                {"funderId": "00000000-0000-0000-0000-000000000000", "billingUnit": "HOUR",
                                 "rounding": "SIDEWAYS", "output": "FAX", "startsOn": "2026-13-01",
                                 "rates": [{"careType": "MASSAGE", "hourlyRate": "24.999"}]}"""))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", containsInAnyOrder("funderId", "billingUnit", "rounding",
                        "chargedTime", "output", "startsOn", "rates[0].careType", "rates[0].hourlyRate")));
        mvc.perform(post("/api/billing/contracts").header("Authorization", "Bearer " + TestTokens.teamMember("team-a"))
                        .contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isForbidden());
    }

    @Test
    void aClientChangesFunderFromADateAndKeepsTheHistory() throws Exception {
        Fixtures f = new Fixtures(mvc);
        String council = f.funder("Vale Council", "LOCAL_AUTHORITY", "");
        String icb = f.funder("Vale ICB", "NHS_CHC", "\"email\": \"invoices@vale-icb.example\"");
        f.client("cl-1001", council, "2026-01-01", "LA-778");
        f.fundingFrom("cl-1001", icb, "2026-10-16", "CHC-991");
        mvc.perform(get("/api/billing/clients/cl-1001").header("Authorization", "Bearer " + TestTokens.backOffice()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.fundings", hasSize(2)))
                .andExpect(jsonPath("$.fundings[0].funderId").value(council))
                .andExpect(jsonPath("$.fundings[1].funderId").value(icb))
                .andExpect(jsonPath("$.fundings[1].from").value("2026-10-16"))
                .andExpect(jsonPath("$.fundings[1].funderReference").value("CHC-991"));
        mvc.perform(post("/api/billing/clients").header("Authorization", "Bearer " + TestTokens.backOffice())
                        .contentType(MediaType.APPLICATION_JSON).content("""
                                {"id": "bad id!", "address": {"line1": "x"}, "email": "nope",
                                 "funding": {"funderId": "%s", "packageKind": "LOTTERY", "authorisedHoursPerWeek": "-3"}}"""
                                .formatted(council)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", containsInAnyOrder("id", "name", "address.city",
                        "address.postcode", "email", "funding.from", "funding.packageKind",
                        "funding.authorisedHoursPerWeek")));
    }
    @Test
    void aClientsDetailsChangeKeepsTheEarlierOnesAsHistoryOnceEvenWhenRepeated() throws Exception {
        Fixtures f = new Fixtures(mvc);
        String council = f.funder("Moving Council", "LOCAL_AUTHORITY", "");
        f.client("cl-move", council, "2026-01-01", "LA-1");
        String moved = """
                {"name": "Client Moved", "email": "moved@example.org", "reason": "moved house in May",
                 "address": {"line1": "9 New Street", "city": "Arnhem Vale", "postcode": "AV9 9ZZ"}}""";
        String key = java.util.UUID.randomUUID().toString();
        String first = changeClient("cl-move", moved, key).andExpect(status().isOk())
                .andExpect(jsonPath("$.name").value("Client Moved"))
                .andExpect(jsonPath("$.address.line1").value("9 New Street"))
                .andExpect(jsonPath("$.fundings", hasSize(1)))
                .andReturn().getResponse().getContentAsString();
        String replay = changeClient("cl-move", moved, key).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(com.jayway.jsonpath.JsonPath.<Object>read(replay, "$")).isEqualTo(com.jayway.jsonpath.JsonPath.read(first, "$"));
        changeClient("cl-move", moved.replace("Client Moved", "Someone Else"), key).andExpect(status().isConflict());
        changeClient("cl-move", moved, null).andExpect(status().isOk());   // the same details again: no change
        mvc.perform(get("/api/billing/clients/cl-move/history").header("Authorization", "Bearer " + TestTokens.finance()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$", hasSize(1)))
                .andExpect(jsonPath("$[0].previous.name").value("Client cl-move"))
                .andExpect(jsonPath("$[0].previous.address.line1").value("3 Elm Road"))
                .andExpect(jsonPath("$[0].previous.email").value("cl-move@example.org"))
                .andExpect(jsonPath("$[0].reason").value("moved house in May"))
                .andExpect(jsonPath("$[0].changedBy").isNotEmpty());

        changeClient("cl-move", """
                {"name": " ", "email": "nope", "address": {"line1": "", "postcode": "AV9 9ZZ"}}""", null)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", containsInAnyOrder("name", "email", "address.line1", "address.city")));
        changeClient("cl-nobody", moved, null).andExpect(status().isNotFound());
        mvc.perform(get("/api/billing/clients/cl-move/history").header("Authorization", "Bearer " + TestTokens.teamMember("team-a")))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/billing/clients/cl-move").header("Authorization", "Bearer " + TestTokens.backOffice()))
                .andExpect(jsonPath("$.name").value("Client Moved"));
    }

    @Test
    void anEndRepeatedUnderTheSameKeyIsOneChange() throws Exception {
        Fixtures f = new Fixtures(mvc);
        String funder = f.funder("Ended Twice Council", "LOCAL_AUTHORITY", "");
        String contract = f.contract(funder, "MINUTE", "UP", "ACTUAL", "[{\"careType\": \"PERSONAL_CARE\", \"hourlyRate\": \"24.00\"}]", "");
        String key = java.util.UUID.randomUUID().toString();
        for (int i = 0; i < 2; i++) {
            mvc.perform(post("/api/billing/contracts/" + contract + "/end").header("Authorization", "Bearer " + TestTokens.backOffice())
                            .header("Idempotency-Key", key).contentType(MediaType.APPLICATION_JSON)
                            .content("{\"endsOn\": \"2026-06-30\", \"reason\": \"tender lost\"}"))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.contract.endsOn").value("2026-06-30"));
        }
        mvc.perform(get("/api/billing/contracts/" + contract + "/history").header("Authorization", "Bearer " + TestTokens.backOffice()))
                .andExpect(jsonPath("$", hasSize(1)));
        // Ended, the funder may have a new contract from the next day.
        mvc.perform(post("/api/billing/contracts").header("Authorization", "Bearer " + TestTokens.backOffice())
                        .contentType(MediaType.APPLICATION_JSON).content("""
                                {"funderId": "%s", "billingUnit": "MINUTE", "rounding": "UP", "chargedTime": "ACTUAL",
                                 "output": "PDF_EMAIL", "startsOn": "2026-07-01",
                                 "rates": [{"careType": "PERSONAL_CARE", "hourlyRate": "25.00"}]}""".formatted(funder)))
                .andExpect(status().isCreated());
        // ...and the first can no longer be extended over it.
        mvc.perform(post("/api/billing/contracts/" + contract + "/end").header("Authorization", "Bearer " + TestTokens.backOffice())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"endsOn\": \"2026-12-31\"}"))
                .andExpect(status().isConflict());
    }

    private org.springframework.test.web.servlet.ResultActions changeClient(String id, String body, String key) throws Exception {
        var request = put("/api/billing/clients/" + id).header("Authorization", "Bearer " + TestTokens.backOffice())
                .contentType(MediaType.APPLICATION_JSON).content(body);
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return mvc.perform(request);
    }
}
