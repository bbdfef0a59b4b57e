package care.backoffice.procurement.invoices;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import care.backoffice.procurement.Api;
import care.backoffice.procurement.ProcurementIntegrationTest;
import care.backoffice.support.outbox.OutboxRelay;
import care.backoffice.testing.TestTokens;
import com.jayway.jsonpath.JsonPath;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.json.JsonMapper;

class InvoiceMatchingApiTest extends ProcurementIntegrationTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    OutboxRelay relay;
    @Autowired
    JsonMapper json;
    Api api;
    String team;
    UUID supplier;
    UUID monitor;
    UUID gloves;
    String orderId;
    String orderNumber;

    @BeforeEach
    void anOrderOfTwoMonitorsAndTenBoxesOfGloves() throws Exception {
        api = new Api(mvc);
        team = "team-inv-" + UUID.randomUUID().toString().substring(0, 6);
        supplier = api.createSupplier("Invoice Supplies", supplierUrl("/orders/inv"));
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        monitor = api.addItem(supplier, "BP-" + suffix, "Blood pressure monitor", "EA", "45.50", "clinical-supplies");
        gloves = api.addItem(supplier, "GL-" + suffix, "Nitrile gloves", "XBX", "30.00", "care-consumables");
        api.setPolicy(team, Api.policyJson("2000.00", false, "500.00", null));
        String body = api.placeOrder(team, """
                {"supplierId":"%s","deliveryAddress":{"line1":"10 Kirkstall Road","town":"Leeds","postcode":"LS4 2AA"},
                 "lines":[{"catalogueItemId":"%s","quantity":"2"},{"catalogueItemId":"%s","quantity":"10"}]}"""
                .formatted(supplier, monitor, gloves));
        orderId = JsonPath.read(body, "$.id");
        orderNumber = JsonPath.read(body, "$.orderNumber");
    }

    ResultActions receive(String token, String lines) throws Exception {
        return api.post(token, "/api/procurement/orders/" + orderId + "/receipts", "{\"lines\":" + lines + "}");
    }

    ResultActions invoice(String number, String lines) throws Exception {
        return api.post(TestTokens.backOffice(), "/api/procurement/invoices", """
                {"supplierId":"%s","invoiceNumber":"%s","orderNumber":"%s","issueDate":"2026-11-20","lines":%s}"""
                .formatted(supplier, number, orderNumber, lines));
    }

    @Test
    void aPartialDeliveryInvoicedAtTheOrderPriceBecomesPayableAndItsJournalReachesFinance() throws Exception {
        receive(TestTokens.teamMember(team), "[{\"lineNo\":1,\"quantity\":\"2\"},{\"lineNo\":2,\"quantity\":\"6\"}]")
                .andExpect(status().isCreated());
        api.get(TestTokens.teamMember("team-anyone"), "/api/procurement/orders/" + orderId)
                .andExpect(jsonPath("$.receiptStatus").value("PARTLY_RECEIVED"))
                .andExpect(jsonPath("$.lines[1].receivedQuantity").value("6"));

        String body = invoice("INV-100", """
                [{"orderLineNo":1,"description":"BP monitor","quantity":"2","unitPrice":"45.50"},
                 {"orderLineNo":2,"description":"Gloves","quantity":"6","unitPrice":"30.00"}]""")
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.status").value("MATCHED"))
                .andExpect(jsonPath("$.total").value("271.00"))
                .andReturn().getResponse().getContentAsString();
        String invoiceId = JsonPath.read(body, "$.id");

        api.get(TestTokens.finance(), "/api/procurement/payables").andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.invoiceId == '" + invoiceId + "')].amount").value("271.00"))
                .andExpect(jsonPath("$[?(@.invoiceId == '" + invoiceId + "')].dueDate").value("2026-12-20"));
        // The four boxes still to come stay committed; what was invoiced is now spent.
        api.get(TestTokens.teamMember("team-anyone"), "/api/procurement/spending?team=" + team)
                .andExpect(jsonPath("$[0].committed").value("120.00"))
                .andExpect(jsonPath("$[0].spent").value("271.00"))
                .andExpect(jsonPath("$[0].remaining").value("1609.00"));

        stubTokenEndpoint();
        OUTSIDE.stubFor(post(urlEqualTo("/finance/api/finance/journals")).willReturn(aResponse().withStatus(201)));
        relay.deliverDue();
        var sent = OUTSIDE.findAll(postRequestedFor(urlEqualTo("/finance/api/finance/journals"))
                .withRequestBody(matchingJsonPath("$.sourceDocumentId", equalTo("supplier-invoice:" + invoiceId))));
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).getHeader("Authorization")).isEqualTo("Bearer procurement-service-token");
        @SuppressWarnings("unchecked")
        Map<String, Object> journal = json.readValue(sent.get(0).getBodyAsString(), Map.class);
        assertThat(journal).containsEntry("source", "procurement");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> lines = (List<Map<String, Object>>) journal.get("lines");
        BigDecimal debits = BigDecimal.ZERO;
        BigDecimal credits = BigDecimal.ZERO;
        for (Map<String, Object> l : lines) {
            assertThat(l).containsEntry("team", team).containsEntry("dimensions", Map.of("supplier", supplier.toString()));
            debits = debits.add(new BigDecimal((String) l.getOrDefault("debit", "0")));
            credits = credits.add(new BigDecimal((String) l.getOrDefault("credit", "0")));
        }
        assertThat(debits).isEqualByComparingTo(credits).isEqualByComparingTo("271.00");
        assertThat(lines).anySatisfy(l -> assertThat(l).containsEntry("account", "5010").containsEntry("debit", "91.00"))
                .anySatisfy(l -> assertThat(l).containsEntry("account", "5000").containsEntry("debit", "180.00"))
                .anySatisfy(l -> assertThat(l).containsEntry("account", "2100").containsEntry("credit", "271.00"));
    }

    @Test
    void anInvoiceBeforeTheDeliveryWaitsOnTheExceptionsListAndMatchesWhenTheTeamConfirmsReceipt() throws Exception {
        String body = invoice("INV-200", "[{\"orderLineNo\":1,\"description\":\"BP\",\"quantity\":\"2\",\"unitPrice\":\"45.50\"}]")
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.status").value("EXCEPTION"))
                .andExpect(jsonPath("$.reasons[0]").value("NO_RECEIPT"))
                .andReturn().getResponse().getContentAsString();
        String invoiceId = JsonPath.read(body, "$.id");
        api.get(TestTokens.backOffice(), "/api/procurement/invoices?status=EXCEPTION")
                .andExpect(jsonPath("$[?(@.id == '" + invoiceId + "')].detail").value(
                        org.hamcrest.Matchers.hasItem(org.hamcrest.Matchers.containsString("nothing received yet"))));
        assertThat(payables()).isZero();

        receive(TestTokens.teamMember(team), "[{\"lineNo\":1,\"quantity\":\"2\"}]").andExpect(status().isCreated());
        api.get(TestTokens.backOffice(), "/api/procurement/invoices/" + invoiceId)
                .andExpect(jsonPath("$.status").value("MATCHED"));
        assertThat(payables()).isEqualTo(1);
    }

    @Test
    void moreInvoicedThanReceivedIsAQuantityException() throws Exception {
        receive(TestTokens.teamMember(team), "[{\"lineNo\":2,\"quantity\":\"6\"}]").andExpect(status().isCreated());
        invoice("INV-300", "[{\"orderLineNo\":2,\"description\":\"Gloves\",\"quantity\":\"10\",\"unitPrice\":\"30.00\"}]")
                .andExpect(jsonPath("$.status").value("EXCEPTION"))
                .andExpect(jsonPath("$.reasons[0]").value("QUANTITY"));
        assertThat(payables()).isZero();
    }

    @Test
    void aPriceBeyondTheToleranceIsAPriceExceptionAndWithinItMatches() throws Exception {
        receive(TestTokens.teamMember(team), "[{\"lineNo\":1,\"quantity\":\"2\"},{\"lineNo\":2,\"quantity\":\"10\"}]")
                .andExpect(status().isCreated());
        // Order value of ten boxes: 300.00; 2% = 6.00, so the £5 limit applies.
        invoice("INV-400", "[{\"orderLineNo\":2,\"description\":\"Gloves\",\"quantity\":\"10\",\"unitPrice\":\"30.51\"}]")
                .andExpect(jsonPath("$.status").value("EXCEPTION"))
                .andExpect(jsonPath("$.reasons[0]").value("PRICE"));
        invoice("INV-401", "[{\"orderLineNo\":2,\"description\":\"Gloves\",\"quantity\":\"10\",\"unitPrice\":\"30.50\"}]")
                .andExpect(jsonPath("$.status").value("MATCHED"));
        assertThat(payables()).isEqualTo(1);
    }

    @Test
    void theBackOfficeAcceptsAnAgreedPriceDifferenceOrRejectsAnInvoice() throws Exception {
        receive(TestTokens.teamMember(team), "[{\"lineNo\":2,\"quantity\":\"10\"}]").andExpect(status().isCreated());
        String priceId = JsonPath.read(invoice("INV-600", "[{\"orderLineNo\":2,\"description\":\"Gloves\",\"quantity\":\"10\",\"unitPrice\":\"32.00\"}]")
                .andExpect(jsonPath("$.reasons[0]").value("PRICE")).andReturn().getResponse().getContentAsString(), "$.id");
        String noReceiptId = JsonPath.read(invoice("INV-601", "[{\"orderLineNo\":1,\"description\":\"BP\",\"quantity\":\"2\",\"unitPrice\":\"45.50\"}]")
                .andExpect(jsonPath("$.reasons[0]").value("NO_RECEIPT")).andReturn().getResponse().getContentAsString(), "$.id");

        api.post(TestTokens.teamMember(team), "/api/procurement/invoices/" + priceId + "/resolution",
                "{\"decision\":\"ACCEPT\",\"note\":\"x\"}").andExpect(status().isForbidden());
        api.post(TestTokens.backOffice(), "/api/procurement/invoices/" + noReceiptId + "/resolution",
                "{\"decision\":\"ACCEPT\",\"note\":\"pay it\"}").andExpect(status().isUnprocessableContent());
        api.post(TestTokens.backOffice(), "/api/procurement/invoices/" + priceId + "/resolution", "{\"decision\":\"MAYBE\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", org.hamcrest.Matchers.containsInAnyOrder("decision", "note")));
        assertThat(payables()).isZero();

        api.post(TestTokens.backOffice(), "/api/procurement/invoices/" + priceId + "/resolution",
                        "{\"decision\":\"ACCEPT\",\"note\":\"Supplier's price rise of 1 Nov agreed by phone\"}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("MATCHED"))
                .andExpect(jsonPath("$.resolution.decision").value("ACCEPTED_PRICE"));
        assertThat(payables()).isEqualTo(1);
        api.get(TestTokens.teamMember(team), "/api/procurement/spending?team=" + team)
                .andExpect(jsonPath("$[0].spent").value("320.00"))
                .andExpect(jsonPath("$[0].committed").value("91.00"));

        api.post(TestTokens.backOffice(), "/api/procurement/invoices/" + noReceiptId + "/resolution",
                        "{\"decision\":\"REJECT\",\"note\":\"Sent in error, supplier will credit\"}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("REJECTED"));
        receive(TestTokens.teamMember(team), "[{\"lineNo\":1,\"quantity\":\"2\"}]").andExpect(status().isCreated());
        api.get(TestTokens.backOffice(), "/api/procurement/invoices/" + noReceiptId)
                .andExpect(jsonPath("$.status").value("REJECTED"));
        assertThat(payables()).isEqualTo(1);
    }

    @Test
    void anInvoiceForNoOrderOfOursIsANoOrderException() throws Exception {
        api.post(TestTokens.backOffice(), "/api/procurement/invoices", """
                        {"supplierId":"%s","invoiceNumber":"INV-500","orderNumber":"PO-999999","issueDate":"2026-11-20",
                         "lines":[{"description":"Something","quantity":"1","unitPrice":"10.00"}]}""".formatted(supplier))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.status").value("EXCEPTION"))
                .andExpect(jsonPath("$.reasons[0]").value("NO_ORDER"));
        invoice("INV-500", "[{\"orderLineNo\":1,\"description\":\"BP\",\"quantity\":\"2\",\"unitPrice\":\"45.50\"}]")
                .andExpect(status().isConflict());
    }

    @Test
    void receiptsAreForTheTeamItselfAndNeverMoreThanOrdered() throws Exception {
        receive(TestTokens.teamMember("team-other"), "[{\"lineNo\":1,\"quantity\":\"1\"}]").andExpect(status().isForbidden());
        receive(TestTokens.teamMember(team), "[{\"lineNo\":1,\"quantity\":\"3\"},{\"lineNo\":9,\"quantity\":\"1\"}]")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", org.hamcrest.Matchers.containsInAnyOrder(
                        "lines[0].quantity", "lines[1].lineNo")));
        api.get(TestTokens.teamMember(team), "/api/procurement/orders/" + orderId)
                .andExpect(jsonPath("$.receiptStatus").value("NOT_RECEIVED"));
        api.post(TestTokens.teamMember(team), "/api/procurement/invoices", """
                {"supplierId":"%s","invoiceNumber":"X","issueDate":"2026-11-20","lines":[]}""".formatted(supplier))
                .andExpect(status().isForbidden());
    }

    @Test
    void aPaymentRunPaysWhatIsDueInOneBacsFileAndNeverTwice() throws Exception {
        receive(TestTokens.teamMember(team), "[{\"lineNo\":1,\"quantity\":\"2\"}]").andExpect(status().isCreated());
        String invoiceNumber = "PAY-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        invoice(invoiceNumber, "[{\"orderLineNo\":1,\"description\":\"BP\",\"quantity\":\"2\",\"unitPrice\":\"45.50\"}]")
                .andExpect(jsonPath("$.status").value("MATCHED"));
        api.post(TestTokens.teamMember(team), "/api/procurement/payment-runs", "{\"paymentDate\":\"2026-12-31\"}")
                .andExpect(status().isForbidden());
        String run = api.post(TestTokens.backOffice(), "/api/procurement/payment-runs", "{\"paymentDate\":\"2026-12-31\"}")
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        String file = api.get(TestTokens.finance(), JsonPath.read(run, "$.file")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(file.split("\r\n")).anySatisfy(r -> assertThat(r).startsWith("20000055779911099")
                .contains("00000009100").contains(invoiceNumber));
        assertThat(jdbc.sql("select p.status from payable p join supplier_invoice i on i.id = p.invoice_id "
                + "where i.invoice_number = ?").param(invoiceNumber).query(String.class).single())
                .isEqualTo("IN_PAYMENT_RUN");
        api.post(TestTokens.backOffice(), "/api/procurement/payment-runs", "{\"paymentDate\":\"2026-12-31\"}")
                .andExpect(status().isUnprocessableContent());

        String runId = JsonPath.read(run, "$.id");
        api.post(TestTokens.backOffice(), "/api/procurement/payment-runs/" + runId + "/paid", "").andExpect(status().isOk());
        api.post(TestTokens.backOffice(), "/api/procurement/payment-runs/" + runId + "/paid", "").andExpect(status().isOk());
        assertThat(jdbc.sql("select p.status from payable p join supplier_invoice i on i.id = p.invoice_id "
                + "where i.invoice_number = ?").param(invoiceNumber).query(String.class).single()).isEqualTo("PAID");
        String payload = jdbc.sql("select payload from outbox_message where message_key = ?").param("payment-run:" + runId)
                .query(String.class).single();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> lines = (List<Map<String, Object>>) json.readValue(payload, Map.class).get("lines");
        BigDecimal debits = lines.stream().map(l -> new BigDecimal((String) l.getOrDefault("debit", "0")))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal credits = lines.stream().map(l -> new BigDecimal((String) l.getOrDefault("credit", "0")))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(debits).isEqualByComparingTo(credits).isEqualByComparingTo((String) JsonPath.read(run, "$.total"));
        assertThat(lines).anySatisfy(l -> assertThat(l).containsEntry("account", "2100").containsEntry("team", team)
                .containsEntry("debit", "91.00"));
    }

    long payables() {
        return jdbc.sql("select count(*) from payable p join supplier_invoice i on i.id = p.invoice_id where i.order_id = ?::uuid")
                .param(orderId).query(Long.class).single();
    }
}
