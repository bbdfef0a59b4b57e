package care.backoffice.procurement.dispatch;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import care.backoffice.procurement.Api;
import care.backoffice.procurement.ProcurementIntegrationTest;
import care.backoffice.testing.TestTokens;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.jayway.jsonpath.JsonPath;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

class DispatchToSupplierTest extends ProcurementIntegrationTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    SupplierDispatcher dispatcher;
    @Autowired
    PeppolOrderValidator validator;

    String team = "team-dispatch-" + UUID.randomUUID().toString().substring(0, 6);

    /** Time passes: the order's next attempt is due now. */
    void makeDue(String orderId) {
        jdbc.sql("update purchase_order set next_dispatch_at = now() - interval '1 second' where id = ?::uuid")
                .param(orderId).update();
    }

    @Test
    void aSupplierThatIsDownThenUpGetsTheOrderExactlyOnceAsAValidPeppolOrder() throws Exception {
        Api api = new Api(mvc);
        String path = "/orders/flaky-" + UUID.randomUUID();
        UUID supplier = api.createSupplier("Flaky Supplies", supplierUrl(path));
        UUID item = api.addItem(supplier, "CH-1", "Shower chair & stool <adjustable>", "EA", "89.99", "clinical-supplies");
        api.setPolicy(team, Api.policyJson("5000.00", false, "500.00", null));
        OUTSIDE.stubFor(post(urlEqualTo(path)).inScenario(path).whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503).withBody("maintenance")).willSetStateTo("up"));
        OUTSIDE.stubFor(post(urlEqualTo(path)).inScenario(path).whenScenarioStateIs("up")
                .willReturn(aResponse().withStatus(202)));

        String id = JsonPath.read(api.placeOrder(team, """
                {"supplierId":"%s","deliveryAddress":{"line1":"10 Kirkstall Road","line2":"Flat 2","town":"Leeds","postcode":"ls4 2aa"},
                 "note":"Please ring the bell",
                 "lines":[{"catalogueItemId":"%s","quantity":"2"},
                          {"description":"Incontinence pads","category":"clinical-supplies","unit":"XPK","quantity":"1.5","unitPrice":"12.40"}]}"""
                .formatted(supplier, item)), "$.id");

        dispatcher.dispatchDue();
        api.get(TestTokens.teamMember(team), "/api/procurement/orders/" + id)
                .andExpect(jsonPath("$.dispatch.status").value("RETRYING"))
                .andExpect(jsonPath("$.dispatch.attempts").value(1))
                .andExpect(jsonPath("$.dispatch.lastError").value(org.hamcrest.Matchers.containsString("503")));
        dispatcher.dispatchDue(); // not due yet: the back-off holds it
        OUTSIDE.verify(1, postRequestedFor(urlEqualTo(path)));

        makeDue(id);
        dispatcher.dispatchDue();
        makeDue(id);
        dispatcher.dispatchDue();
        api.get(TestTokens.teamMember(team), "/api/procurement/orders/" + id)
                .andExpect(jsonPath("$.dispatch.status").value("DELIVERED"))
                .andExpect(jsonPath("$.dispatch.attempts").value(2))
                .andExpect(jsonPath("$.dispatch.deliveredAt").exists());
        OUTSIDE.verify(2, postRequestedFor(urlEqualTo(path)).withHeader("Content-Type", containing("application/xml")));

        String sent = OUTSIDE.findAll(postRequestedFor(urlEqualTo(path))).get(1).getBodyAsString();
        assertThat(validator.errors(sent)).isEmpty();
        String orderNumber = jdbc.sql("select order_number from purchase_order where id = ?::uuid").param(id)
                .query(String.class).single();
        assertThat(sent).contains("<cbc:ID>" + orderNumber + "</cbc:ID>")
                .contains("<cbc:PayableAmount currencyID=\"GBP\">198.58</cbc:PayableAmount>")
                .contains("unitCode=\"XPK\">1.5</cbc:Quantity>")
                .contains("LS4 2AA");
    }

    @Test
    void aSupplierThatRefusesShowsOnTheOrderAndTheTeamCanCancel() throws Exception {
        Api api = new Api(mvc);
        String path = "/orders/refusing-" + UUID.randomUUID();
        UUID supplier = api.createSupplier("Refusing Supplies", supplierUrl(path));
        api.setPolicy(team, Api.policyJson("5000.00", false, "500.00", null));
        OUTSIDE.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(400).withBody("unknown buyer")));
        String id = JsonPath.read(api.placeOrder(team,
                Api.freeTextOrderJson(supplier, "Desk lamp", "stationery", "25.00", null)), "$.id");

        dispatcher.dispatchDue();
        makeDue(id);
        dispatcher.dispatchDue();
        OUTSIDE.verify(1, postRequestedFor(urlEqualTo(path)));
        api.get(TestTokens.teamMember("team-anyone"), "/api/procurement/orders/" + id)
                .andExpect(jsonPath("$.dispatch.status").value("REFUSED"))
                .andExpect(jsonPath("$.dispatch.lastError").value("HTTP 400 unknown buyer"));
        api.post(TestTokens.teamMember(team), "/api/procurement/orders/" + id + "/cancel", "{}")
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("CANCELLED"))
                .andExpect(jsonPath("$.openCommitment").value("0.00"))
                .andExpect(jsonPath("$.cancellationToSupplier").doesNotExist());
    }

    @Test
    void cancellingAnOrderTheSupplierAlreadyHasSendsItAValidOrderCancellation() throws Exception {
        Api api = new Api(mvc);
        String path = "/orders/cancel-" + UUID.randomUUID();
        UUID supplier = api.createSupplier("Cancel Supplies", supplierUrl(path));
        api.setPolicy(team, Api.policyJson("5000.00", false, "500.00", null));
        OUTSIDE.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(200)));
        String id = JsonPath.read(api.placeOrder(team,
                Api.freeTextOrderJson(supplier, "Training day", "training", "300.00", null)), "$.id");
        dispatcher.dispatchDue();
        api.post(TestTokens.teamMember(team), "/api/procurement/orders/" + id + "/cancel",
                        "{\"reason\":\"Course was cancelled\"}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.dispatch.status").value("DELIVERED"))
                .andExpect(jsonPath("$.cancellationToSupplier.status").value("PENDING"));

        dispatcher.dispatchDue();
        api.get(TestTokens.teamMember(team), "/api/procurement/orders/" + id)
                .andExpect(jsonPath("$.cancellationToSupplier.status").value("DELIVERED"));
        var requests = OUTSIDE.findAll(postRequestedFor(urlEqualTo(path)));
        assertThat(requests).hasSize(2);
        String cancellation = requests.get(1).getBodyAsString();
        assertThat(cancellation).contains("<OrderCancellation").contains("Course was cancelled");
        assertThat(validator.cancellationErrors(cancellation)).isEmpty();
        assertThat(requests.get(1).getHeader("Idempotency-Key")).endsWith("-C");
    }
}
