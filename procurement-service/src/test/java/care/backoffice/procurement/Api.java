package care.backoffice.procurement;

import care.backoffice.testing.TestTokens;
import com.jayway.jsonpath.JsonPath;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/** Small helpers so tests read as what a colleague does, through the real HTTP layer. */
public final class Api {

    private final MockMvc mvc;

    public Api(MockMvc mvc) {
        this.mvc = mvc;
    }

    public ResultActions post(String token, String path, String json) throws Exception {
        return mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(path)
                .header("Authorization", "Bearer " + token).contentType(MediaType.APPLICATION_JSON).content(json));
    }

    public ResultActions post(String token, String path, String json, String idempotencyKey) throws Exception {
        return mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(path)
                .header("Authorization", "Bearer " + token).header("Idempotency-Key", idempotencyKey)
                .contentType(MediaType.APPLICATION_JSON).content(json));
    }

    public ResultActions put(String token, String path, String json) throws Exception {
        return mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put(path)
                .header("Authorization", "Bearer " + token).contentType(MediaType.APPLICATION_JSON).content(json));
    }

    public ResultActions get(String token, String path) throws Exception {
        return mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get(path)
                .header("Authorization", "Bearer " + token));
    }

    public static String supplierJson(String name, String endpointUrl) {
        return """
                {"name":"%s","address":{"line1":"1 Market Street","town":"Leeds","postcode":"LS1 4AP"},
                 "orderEndpointUrl":"%s","peppolParticipantId":"0088:5012345678900",
                 "bankDetails":{"accountName":"%s","sortCode":"20-00-00","accountNumber":"55779911"},
                 "paymentTermsDays":30}""".formatted(name, endpointUrl, name.length() > 18 ? name.substring(0, 18) : name);
    }

    /** Creates a supplier as the back office and returns its id. */
    public UUID createSupplier(String name, String endpointUrl) throws Exception {
        String body = post(TestTokens.backOffice(), "/api/procurement/suppliers", supplierJson(name, endpointUrl))
                .andReturn().getResponse().getContentAsString();
        return UUID.fromString(JsonPath.read(body, "$.id"));
    }

    /** Creates a supplier with its own PEPPOL participant id, e.g. to receive its UBL invoices. */
    public UUID createSupplier(String name, String endpointUrl, String peppolId) throws Exception {
        String body = post(TestTokens.backOffice(), "/api/procurement/suppliers",
                supplierJson(name, endpointUrl).replace("0088:5012345678900", peppolId))
                .andReturn().getResponse().getContentAsString();
        return UUID.fromString(JsonPath.read(body, "$.id"));
    }

    public ResultActions postXml(String token, String path, String xml) throws Exception {
        return mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(path)
                .header("Authorization", "Bearer " + token).contentType(MediaType.APPLICATION_XML).content(xml));
    }

    public static String policyJson(String budget, boolean split, String threshold, String cap) {
        return """
                {"yearlyBudget":"%s","splitByMonth":%s,"adviceThreshold":"%s"%s}"""
                .formatted(budget, split, threshold, cap == null ? "" : ",\"perOrderCap\":\"" + cap + "\"");
    }

    public void setPolicy(String team, String json) throws Exception {
        int status = put(TestTokens.teamMember(team), "/api/procurement/teams/" + team + "/policy", json)
                .andReturn().getResponse().getStatus();
        if (status != 200) {
            throw new AssertionError("policy not set: " + status);
        }
    }


    /** Adds one catalogue item to a supplier and returns its id. */
    public UUID addItem(UUID supplier, String code, String description, String unit, String price, String category)
            throws Exception {
        String body = post(TestTokens.backOffice(), "/api/procurement/suppliers/" + supplier + "/catalogue", """
                [{"supplierItemCode":"%s","description":"%s","unit":"%s","unitPrice":"%s","category":"%s"}]"""
                .formatted(code, description, unit, price, category)).andReturn().getResponse().getContentAsString();
        if (!body.startsWith("[")) {
            throw new AssertionError("catalogue item not added: " + body);
        }
        return UUID.fromString(JsonPath.read(body, "$[0].id"));
    }

    public static String orderJson(UUID supplier, UUID item, String quantity) {
        return """
                {"supplierId":"%s","deliveryAddress":{"line1":"10 Kirkstall Road","town":"Leeds","postcode":"LS4 2AA"},
                 "lines":[{"catalogueItemId":"%s","quantity":"%s"}]}""".formatted(supplier, item, quantity);
    }

    public static String freeTextOrderJson(UUID supplier, String description, String category, String price,
            String adviceJson) {
        return """
                {"supplierId":"%s","deliveryAddress":{"line1":"10 Kirkstall Road","town":"Leeds","postcode":"LS4 2AA"},
                 "lines":[{"description":"%s","category":"%s","quantity":"1","unitPrice":"%s"}]%s}"""
                .formatted(supplier, description, category, price, adviceJson == null ? "" : ",\"advice\":" + adviceJson);
    }

    /** Places an order as a member of {@code team}; returns the response body (201 expected). */
    public String placeOrder(String team, String json) throws Exception {
        var response = post(TestTokens.teamMember(team), "/api/procurement/orders", json).andReturn().getResponse();
        if (response.getStatus() != 201) {
            throw new AssertionError("order not placed: " + response.getStatus() + " " + response.getContentAsString());
        }
        return response.getContentAsString();
    }
}
