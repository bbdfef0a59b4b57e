package care.backoffice.procurement.invoices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import care.backoffice.procurement.Api;
import care.backoffice.procurement.ProcurementIntegrationTest;
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

/** Supplier credit notes (JSON and UBL CreditNote) against invoices in each state. */
class CreditNoteApiTest extends ProcurementIntegrationTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    JsonMapper json;
    Api api;
    String team;
    String gln;
    UUID supplier;
    String orderId;
    String orderNumber;
    String run;

    @BeforeEach
    void anOrderOfTwoMonitorsAndTenBoxesOfGloves() throws Exception {
        api = new Api(mvc);
        run = UUID.randomUUID().toString().substring(0, 6);
        team = "team-cn-" + run;
        gln = UblBillingFixture.randomGln();
        supplier = api.createSupplier("Credit Supplies", supplierUrl("/orders/cn"), gln);
        UUID monitor = api.addItem(supplier, "BP-" + run, "Blood pressure monitor", "EA", "45.50", "clinical-supplies");
        UUID gloves = api.addItem(supplier, "GL-" + run, "Nitrile gloves", "XBX", "30.00", "care-consumables");
        api.setPolicy(team, Api.policyJson("2000.00", false, "500.00", null));
        String body = api.placeOrder(team, """
                {"supplierId":"%s","deliveryAddress":{"line1":"10 Kirkstall Road","town":"Leeds","postcode":"LS4 2AA"},
                 "lines":[{"catalogueItemId":"%s","quantity":"2"},{"catalogueItemId":"%s","quantity":"10"}]}"""
                .formatted(supplier, monitor, gloves));
        orderId = JsonPath.read(body, "$.id");
        orderNumber = JsonPath.read(body, "$.orderNumber");
    }

    void received(String lines) throws Exception {
        api.post(TestTokens.teamMember(team), "/api/procurement/orders/" + orderId + "/receipts",
                "{\"lines\":" + lines + "}").andExpect(status().isCreated());
    }

    String invoice(String number, String lines) throws Exception {
        return api.post(TestTokens.backOffice(), "/api/procurement/invoices", """
                {"supplierId":"%s","invoiceNumber":"%s","orderNumber":"%s","issueDate":"2026-11-20","lines":%s}"""
                .formatted(supplier, number, orderNumber, lines)).andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString();
    }

    ResultActions credit(String number, String invoiceNumber, String lines) throws Exception {
        return api.post(TestTokens.backOffice(), "/api/procurement/credit-notes", """
                {"supplierId":"%s","creditNoteNumber":"%s","invoiceNumber":"%s","issueDate":"2026-11-25",
                 "reason":"Returned","lines":%s}""".formatted(supplier, number, invoiceNumber, lines));
    }

    Map<String, Object> payable(String invoiceId) {
        return jdbc.sql("select amount, credited, status from payable where invoice_id = ?::uuid").param(invoiceId)
                .query().singleRow();
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> journalLines(String sourceDocumentId) throws Exception {
        String payload = jdbc.sql("select payload from outbox_message where message_key = ?").param(sourceDocumentId)
                .query(String.class).single();
        Map<String, Object> journal = json.readValue(payload, Map.class);
        assertThat(journal).containsEntry("sourceDocumentId", sourceDocumentId);
        List<Map<String, Object>> lines = (List<Map<String, Object>>) journal.get("lines");
        BigDecimal debits = lines.stream().map(l -> new BigDecimal((String) l.getOrDefault("debit", "0")))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal credits = lines.stream().map(l -> new BigDecimal((String) l.getOrDefault("credit", "0")))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(debits).isEqualByComparingTo(credits);
        return lines;
    }

    @Test
    void returnedGoodsOnAnUnpaidInvoiceReduceThePayableTheSpendingAndReverseTheJournal() throws Exception {
        received("[{\"lineNo\":1,\"quantity\":\"2\"},{\"lineNo\":2,\"quantity\":\"10\"}]");
        String invoiceId = JsonPath.read(invoice("INV-" + run, """
                [{"orderLineNo":1,"description":"BP","quantity":"2","unitPrice":"45.50"},
                 {"orderLineNo":2,"description":"Gloves","quantity":"10","unitPrice":"30.00"}]"""), "$.id");
        assertThat(payable(invoiceId).get("amount")).isEqualTo(new BigDecimal("391.00"));

        String body = credit("CN-" + run, "INV-" + run,
                "[{\"orderLineNo\":2,\"description\":\"Gloves returned\",\"quantity\":\"2\",\"unitPrice\":\"30.00\"}]")
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.outcome").value("PAYABLE_REDUCED"))
                .andExpect(jsonPath("$.total").value("60.00"))
                .andExpect(jsonPath("$.invoiceId").value(invoiceId))
                .andReturn().getResponse().getContentAsString();
        String creditNoteId = JsonPath.read(body, "$.id");

        assertThat(payable(invoiceId)).containsEntry("amount", new BigDecimal("331.00"))
                .containsEntry("credited", new BigDecimal("60.00")).containsEntry("status", "OPEN");
        api.get(TestTokens.backOffice(), "/api/procurement/invoices/" + invoiceId)
                .andExpect(jsonPath("$.credited").value("60.00"));
        api.get(TestTokens.teamMember(team), "/api/procurement/spending?team=" + team)
                .andExpect(jsonPath("$[0].spent").value("331.00"));
        assertThat(journalLines("supplier-credit-note:" + creditNoteId))
                .anySatisfy(l -> assertThat(l).containsEntry("account", "2100").containsEntry("debit", "60.00")
                        .containsEntry("team", team))
                .anySatisfy(l -> assertThat(l).containsEntry("account", "5000").containsEntry("credit", "60.00"))
                .hasSize(2);
    }

    @Test
    void aCreditNoteThatDoesNotFitIsRefusedAndChangesNothing() throws Exception {
        received("[{\"lineNo\":1,\"quantity\":\"2\"}]");
        String invoiceId = JsonPath.read(invoice("INV-" + run,
                "[{\"orderLineNo\":1,\"description\":\"BP\",\"quantity\":\"2\",\"unitPrice\":\"45.50\"}]"), "$.id");
        credit("CN-A-" + run, "INV-" + run, "[{\"orderLineNo\":1,\"description\":\"BP\",\"quantity\":\"1\",\"unitPrice\":\"45.50\"}]")
                .andExpect(status().isCreated());

        credit("CN-B-" + run, "INV-" + run, "[{\"orderLineNo\":1,\"description\":\"BP\",\"quantity\":\"2\",\"unitPrice\":\"45.50\"}]")
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.creditTotal").value("91.00"))
                .andExpect(jsonPath("$.alreadyCredited").value("45.50"));
        credit("CN-A-" + run, "INV-" + run, "[{\"orderLineNo\":1,\"description\":\"BP\",\"quantity\":\"1\",\"unitPrice\":\"45.50\"}]")
                .andExpect(status().isConflict());
        credit("CN-C-" + run, "NEVER-SENT", "[{\"orderLineNo\":1,\"description\":\"BP\",\"quantity\":\"1\",\"unitPrice\":\"1.00\"}]")
                .andExpect(status().isUnprocessableContent());
        api.post(TestTokens.backOffice(), "/api/procurement/credit-notes", """
                        {"supplierId":"%s","creditNoteNumber":"","issueDate":"25/11/2026","total":"9.99",
                         "lines":[{"quantity":"-1","unitPrice":"1.001"}]}""".formatted(supplier))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", containsInAnyOrder("invoiceNumber", "creditNoteNumber",
                        "issueDate", "lines[0].quantity", "lines[0].unitPrice")));
        api.post(TestTokens.teamMember(team), "/api/procurement/credit-notes", "{}").andExpect(status().isForbidden());

        assertThat(payable(invoiceId)).containsEntry("amount", new BigDecimal("45.50"));
        assertThat(jdbc.sql("select count(*) from supplier_credit_note where invoice_id = ?::uuid").param(invoiceId)
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aCreditOnAPaidInvoiceIsARefundTheSupplierOwesUntilItArrives() throws Exception {
        received("[{\"lineNo\":1,\"quantity\":\"2\"}]");
        String invoiceId = JsonPath.read(invoice("INV-" + run,
                "[{\"orderLineNo\":1,\"description\":\"BP\",\"quantity\":\"2\",\"unitPrice\":\"45.50\"}]"), "$.id");
        String paymentRun = JsonPath.read(api.post(TestTokens.backOffice(), "/api/procurement/payment-runs",
                "{\"paymentDate\":\"2027-12-31\"}").andExpect(status().isCreated()).andReturn().getResponse()
                .getContentAsString(), "$.id");
        api.post(TestTokens.backOffice(), "/api/procurement/payment-runs/" + paymentRun + "/paid", "")
                .andExpect(status().isOk());

        String creditNoteId = JsonPath.read(credit("CN-" + run, "INV-" + run,
                        "[{\"orderLineNo\":1,\"description\":\"Faulty monitor\",\"quantity\":\"1\",\"unitPrice\":\"45.50\"}]")
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.outcome").value("REFUND_DUE"))
                .andReturn().getResponse().getContentAsString(), "$.id");
        assertThat(payable(invoiceId)).containsEntry("amount", new BigDecimal("91.00")).containsEntry("status", "PAID");
        assertThat(journalLines("supplier-credit-note:" + creditNoteId))
                .anySatisfy(l -> assertThat(l).containsEntry("account", "2100").containsEntry("debit", "45.50"))
                .anySatisfy(l -> assertThat(l).containsEntry("account", "5010").containsEntry("credit", "45.50"));
        api.get(TestTokens.teamMember(team), "/api/procurement/spending?team=" + team)
                .andExpect(jsonPath("$[0].spent").value("45.50"));

        for (int i = 0; i < 2; i++) {
            api.post(TestTokens.backOffice(), "/api/procurement/credit-notes/" + creditNoteId + "/refund",
                            "{\"receivedOn\":\"2026-12-05\"}")
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.outcome").value("REFUNDED"))
                    .andExpect(jsonPath("$.refundReceivedOn").value("2026-12-05"));
        }
        assertThat(journalLines("supplier-refund:" + creditNoteId))
                .anySatisfy(l -> assertThat(l).containsEntry("account", "1200").containsEntry("debit", "45.50"))
                .anySatisfy(l -> assertThat(l).containsEntry("account", "2100").containsEntry("credit", "45.50"));
    }

    @Test
    void aUblCreditNoteForGoodsNeverDeliveredSettlesAQuantityException() throws Exception {
        received("[{\"lineNo\":2,\"quantity\":\"6\"}]");
        String invoiceId = JsonPath.read(invoice("INV-" + run,
                "[{\"orderLineNo\":2,\"description\":\"Gloves\",\"quantity\":\"10\",\"unitPrice\":\"30.00\"}]"), "$.id");
        api.get(TestTokens.backOffice(), "/api/procurement/invoices/" + invoiceId)
                .andExpect(jsonPath("$.status").value("EXCEPTION")).andExpect(jsonPath("$.reasons[0]").value("QUANTITY"));

        String broken = UblBillingFixture.creditNote("CN-X-" + run, "INV-" + run, orderNumber).seller(gln)
                .line(2, "Nitrile gloves", "XBX", "4", "30.00").breakSellerName().breakPayableAmount("100.00").xml();
        api.postXml(TestTokens.backOffice(), "/api/procurement/credit-notes", broken)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.rules").value(org.hamcrest.Matchers.startsWith("eu.peppol.bis3:creditnote:")))
                .andExpect(jsonPath("$.errors[*].rule", containsInAnyOrder("BR-06", "BR-CO-16")));
        assertThat(jdbc.sql("select count(*) from supplier_credit_note where invoice_id = ?::uuid").param(invoiceId)
                .query(Long.class).single()).isZero();

        api.postXml(TestTokens.backOffice(), "/api/procurement/credit-notes",
                        UblBillingFixture.creditNote("CN-" + run, "INV-" + run, orderNumber).seller(gln)
                                .line(2, "Nitrile gloves", "XBX", "4", "30.00").xml())
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.format").value("UBL"))
                .andExpect(jsonPath("$.outcome").value("INVOICE_REDUCED"))
                .andExpect(jsonPath("$.invoiceStatus").value("MATCHED"));
        assertThat(payable(invoiceId)).containsEntry("amount", new BigDecimal("180.00"));
        api.get(TestTokens.teamMember(team), "/api/procurement/spending?team=" + team)
                .andExpect(jsonPath("$[0].spent").value("180.00"))
                .andExpect(jsonPath("$[0].committed").value("211.00"));
    }

    @Test
    void aPriceCreditBringsAnOverpricedInvoiceWithinToleranceAndASupplierCreditsOnlyItsOwnInvoices() throws Exception {
        received("[{\"lineNo\":2,\"quantity\":\"10\"}]");
        String invoiceId = JsonPath.read(invoice("INV-" + run,
                "[{\"orderLineNo\":2,\"description\":\"Gloves\",\"quantity\":\"10\",\"unitPrice\":\"32.00\"}]"), "$.id");
        String code = "cn-" + run;
        api.put(TestTokens.backOffice(), "/api/procurement/suppliers/" + supplier + "/account-code",
                "{\"accountCode\":\"" + code + "\"}").andExpect(status().isOk());
        String token = TestTokens.withClaims("service-account-supplier-cn", null, Map.of("supplier", code), "supplier");
        UUID other = api.createSupplier("Other Supplies", supplierUrl("/orders/other"));
        api.post(token, "/api/procurement/credit-notes", """
                {"supplierId":"%s","creditNoteNumber":"X-%s","invoiceNumber":"INV-%s","issueDate":"2026-11-25",
                 "lines":[{"orderLineNo":2,"description":"x","quantity":"1","unitPrice":"1.00"}]}""".formatted(other, run, run))
                .andExpect(status().isForbidden());

        String id = JsonPath.read(api.post(token, "/api/procurement/credit-notes", """
                        {"creditNoteNumber":"CN-%s","invoiceNumber":"INV-%s","issueDate":"2026-11-25","reason":"Old price",
                         "lines":[{"orderLineNo":2,"description":"Price correction","quantity":"10","unitPrice":"2.00"}]}"""
                        .formatted(run, run))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.outcome").value("INVOICE_REDUCED"))
                .andExpect(jsonPath("$.invoiceStatus").value("MATCHED"))
                .andReturn().getResponse().getContentAsString(), "$.id");
        assertThat(payable(invoiceId)).containsEntry("amount", new BigDecimal("300.00"));
        api.get(token, "/api/procurement/credit-notes/" + id).andExpect(status().isOk());
        api.get(TestTokens.withClaims("s", null, Map.of("supplier", "nobody-" + run), "supplier"),
                "/api/procurement/credit-notes/" + id).andExpect(status().isForbidden());
    }
}
