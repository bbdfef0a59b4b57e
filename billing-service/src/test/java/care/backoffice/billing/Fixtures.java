package care.backoffice.billing;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import care.backoffice.testing.TestTokens;
import com.jayway.jsonpath.JsonPath;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/** Sets up funders, contracts, clients and care through the API, as the back office and payroll would. */
public final class Fixtures {

    private final MockMvc mvc;

    public Fixtures(MockMvc mvc) {
        this.mvc = mvc;
    }

    public String funder(String name, String type, String extra) throws Exception {
        String body = """
                {"legalName": "%s", "type": "%s",
                 "address": {"line1": "1 Council Way", "city": "Arnhem Vale", "postcode": "AV1 1AA", "countryCode": "GB"},
                 "paymentTermsDays": 30 %s}""".formatted(name, type,
                extra.isBlank() ? ", \"peppolParticipantId\": \"0088:5012345678900\"" : ", " + extra);
        return idOf(post201("/api/billing/funders", body));
    }

    public String contract(String funderId, String billingUnit, String rounding, String chargedTime, String rates,
            String extra) throws Exception {
        return contract(funderId, billingUnit, rounding, chargedTime, "PEPPOL", rates, extra);
    }

    public String contract(String funderId, String billingUnit, String rounding, String chargedTime, String output,
            String rates, String extra) throws Exception {
        String body = """
                {"funderId": "%s", "reference": "CON-1", "purchaseOrderNumber": "PO-4711", "billingUnit": "%s",
                 "rounding": "%s", "chargedTime": "%s", "output": "%s", "startsOn": "2026-01-01",
                 "rates": %s %s}""".formatted(funderId, billingUnit, rounding, chargedTime, output, rates,
                extra.isBlank() ? "" : ", " + extra);
        return idOf(post201("/api/billing/contracts", body));
    }

    public void client(String id, String funderId, String from, String funderReference) throws Exception {
        post201("/api/billing/clients", """
                {"id": "%s", "name": "Client %s", "email": "%s@example.org",
                 "address": {"line1": "3 Elm Road", "city": "Arnhem Vale", "postcode": "AV2 2BB"},
                 "funding": {"funderId": "%s", "from": "%s", "packageKind": "COUNCIL_PACKAGE",
                             "funderReference": %s}}""".formatted(id, id, id, funderId, from,
                funderReference == null ? "null" : "\"" + funderReference + "\""));
    }

    public void rate(String contractId, String careType, String rate, String from) throws Exception {
        post201("/api/billing/contracts/" + contractId + "/rates",
                "{\"careType\": \"%s\", \"hourlyRate\": \"%s\", \"effectiveFrom\": \"%s\"}".formatted(careType, rate, from));
    }

    public void fundingFrom(String clientId, String funderId, String from, String funderReference) throws Exception {
        post201("/api/billing/clients/" + clientId + "/fundings", """
                {"funderId": "%s", "from": "%s", "packageKind": "CHC_PACKAGE", "funderReference": "%s"}"""
                .formatted(funderId, from, funderReference));
    }

    /** A visit as payroll-service sends it; returns the hours entry id. */
    public String care(String team, String clientId, String careType, String date, int minutes, Integer planned)
            throws Exception {
        String id = UUID.randomUUID().toString();
        careVersion(id, 1, "ACTIVE", team, clientId, careType, date, minutes, planned);
        return id;
    }

    public void careVersion(String id, int version, String status, String team, String clientId, String careType,
            String date, int minutes, Integer planned) throws Exception {
        careVersion(id, version, status, team, "emp-7", clientId, careType, date, minutes, planned);
    }

    public void careVersion(String id, int version, String status, String team, String employeeId, String clientId,
            String careType, String date, int minutes, Integer planned) throws Exception {
        mvc.perform(post("/api/billing/care-delivered").header("Authorization", "Bearer " + TestTokens.service("payroll"))
                        .contentType(MediaType.APPLICATION_JSON).content("""
                                {"hoursEntryId": "%s", "version": %d, "status": "%s", "team": "%s", "employeeId": "%s",
                                 "clientId": "%s", "careType": "%s", "date": "%s", "start": "09:00", "minutes": %d,
                                 "plannedMinutes": %s}""".formatted(id, version, status, team, employeeId, clientId, careType,
                                date, minutes, planned == null ? "null" : planned.toString())))
                .andExpect(result -> {
                    int s = result.getResponse().getStatus();
                    if (s != 200 && s != 201) {
                        throw new AssertionError("care-delivered answered " + s + ": " + result.getResponse().getContentAsString());
                    }
                });
    }

    private String post201(String path, String body) throws Exception {
        return mvc.perform(post(path).header("Authorization", "Bearer " + TestTokens.backOffice())
                        .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
    }

    private static String idOf(String json) {
        return JsonPath.read(json, "$.id");
    }
}
