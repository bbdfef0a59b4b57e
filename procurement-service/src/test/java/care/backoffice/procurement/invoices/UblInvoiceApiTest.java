package care.backoffice.procurement.invoices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import care.backoffice.procurement.Api;
import care.backoffice.procurement.ProcurementIntegrationTest;
import care.backoffice.testing.TestTokens;
import com.jayway.jsonpath.JsonPath;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/** Supplier invoices as PEPPOL BIS Billing 3 UBL documents: validated with phive, then matched like JSON ones. */
class UblInvoiceApiTest extends ProcurementIntegrationTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    Api api;
    String team;
    String gln;
    UUID supplier;
    String orderId;
    String orderNumber;

    @BeforeEach
    void anOrderOfTwoMonitorsFromASupplierOnPeppol() throws Exception {
        api = new Api(mvc);
        team = "team-ubl-" + UUID.randomUUID().toString().substring(0, 6);
        gln = UblBillingFixture.randomGln();
        supplier = api.createSupplier("Medi Supply", supplierUrl("/orders/ubl"), gln);
        UUID monitor = api.addItem(supplier, "BP-" + UUID.randomUUID().toString().substring(0, 6),
                "Blood pressure monitor", "EA", "45.50", "clinical-supplies");
        api.setPolicy(team, Api.policyJson("2000.00", false, "500.00", null));
        String body = api.placeOrder(team, Api.orderJson(supplier, monitor, "2"));
        orderId = JsonPath.read(body, "$.id");
        orderNumber = JsonPath.read(body, "$.orderNumber");
    }

    @Test
    void aValidInvoiceForWhatArrivedBecomesPayable() throws Exception {
        api.post(TestTokens.teamMember(team), "/api/procurement/orders/" + orderId + "/receipts",
                "{\"lines\":[{\"lineNo\":1,\"quantity\":\"2\"}]}").andExpect(status().isCreated());
        String number = "UBL-" + UUID.randomUUID().toString().substring(0, 8);
        String xml = UblBillingFixture.invoice(number, orderNumber).seller(gln)
                .line(1, "Blood pressure monitor", "EA", "2", "45.50").xml();

        String body = api.postXml(TestTokens.backOffice(), "/api/procurement/invoices", xml)
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.format").value("UBL"))
                .andExpect(jsonPath("$.supplierId").value(supplier.toString()))
                .andExpect(jsonPath("$.invoiceNumber").value(number))
                .andExpect(jsonPath("$.orderId").value(orderId))
                .andExpect(jsonPath("$.total").value("91.00"))
                .andExpect(jsonPath("$.status").value("MATCHED"))
                .andReturn().getResponse().getContentAsString();
        String invoiceId = JsonPath.read(body, "$.id");
        api.get(TestTokens.finance(), "/api/procurement/payables")
                .andExpect(jsonPath("$[?(@.invoiceId == '" + invoiceId + "')].amount").value(hasItem("91.00")));
        api.get(TestTokens.teamMember(team), "/api/procurement/spending?team=" + team)
                .andExpect(jsonPath("$[0].spent").value("91.00"))
                .andExpect(jsonPath("$[0].committed").value("0.00"));
        // The document as received is kept with the invoice.
        assertThat(jdbc.sql("select document from supplier_invoice where id = ?::uuid").param(invoiceId)
                .query(String.class).single()).isEqualTo(xml);
    }

    @Test
    void aDocumentBrokenInSeveralWaysIsRefusedNamingEveryRuleAndNothingIsRecorded() throws Exception {
        String number = "BAD-" + UUID.randomUUID().toString().substring(0, 8);
        String xml = UblBillingFixture.invoice(number, orderNumber).seller(gln)
                .line(1, "Blood pressure monitor", "EA", "2", "45.50")
                .breakSellerName().breakPayableAmount("95.00").breakBuyerGln().breakPaymentTerms()
                .breakFirstLineAmount("90.00").xml();

        api.postXml(TestTokens.backOffice(), "/api/procurement/invoices", xml)
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.rules").value(startsWith("eu.peppol.bis3:invoice:")))
                .andExpect(jsonPath("$.errors[*].rule", containsInAnyOrder(
                        "BR-06", "BR-CO-16", "BR-CO-25", "PEPPOL-COMMON-R040", "PEPPOL-EN16931-R120")))
                .andExpect(jsonPath("$.errors[*].message", everyItem(not(""))))
                .andExpect(jsonPath("$.errors[?(@.rule == 'PEPPOL-COMMON-R040')].location",
                        hasItem(org.hamcrest.Matchers.containsString("AccountingCustomerParty"))))
                .andExpect(jsonPath("$.errors[?(@.rule == 'BR-CO-16')].location",
                        hasItem(org.hamcrest.Matchers.containsString("LegalMonetaryTotal"))));

        assertThat(jdbc.sql("select count(*) from supplier_invoice where invoice_number = ?").param(number)
                .query(Long.class).single()).isZero();
        api.get(TestTokens.teamMember(team), "/api/procurement/spending?team=" + team)
                .andExpect(jsonPath("$[0].committed").value("91.00"))
                .andExpect(jsonPath("$[0].spent").value("0.00"));
    }

    @Test
    void aValidInvoiceForAnOrderWeNeverPlacedGoesToTheExceptionsList() throws Exception {
        String number = "NOORD-" + UUID.randomUUID().toString().substring(0, 8);
        String xml = UblBillingFixture.invoice(number, "PO-999999").seller(gln)
                .line(1, "Blood pressure monitor", "EA", "2", "45.50").xml();

        String body = api.postXml(TestTokens.backOffice(), "/api/procurement/invoices", xml)
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.status").value("EXCEPTION"))
                .andExpect(jsonPath("$.reasons").value(org.hamcrest.Matchers.contains("NO_ORDER")))
                .andExpect(jsonPath("$.orderNumber").value("PO-999999"))
                .andReturn().getResponse().getContentAsString();
        String invoiceId = JsonPath.read(body, "$.id");
        api.get(TestTokens.backOffice(), "/api/procurement/invoices?status=EXCEPTION")
                .andExpect(jsonPath("$[*].id", hasItem(invoiceId)));
        assertThat(jdbc.sql("select count(*) from payable where invoice_id = ?::uuid").param(invoiceId)
                .query(Long.class).single()).isZero();
    }

    @Test
    void aValidInvoiceFromAnUnknownSenderOrWithAPriceInFractionsOfAPennyIsToldWhereInItsDocument() throws Exception {
        String xml = UblBillingFixture.invoice("X-" + UUID.randomUUID().toString().substring(0, 8), orderNumber)
                .seller(UblBillingFixture.randomGln())
                .line(1, "Blood pressure monitor", "EA", "2", "45.505").xml();
        api.postXml(TestTokens.backOffice(), "/api/procurement/invoices", xml)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", containsInAnyOrder(
                        "cac:AccountingSupplierParty/cac:Party/cbc:EndpointID", "cac:InvoiceLine[1]/cac:Price/cbc:PriceAmount")));
        api.postXml(TestTokens.backOffice(), "/api/procurement/invoices", "<Invoice><unclosed></Invoice>")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("body"));
        api.postXml(TestTokens.teamMember(team), "/api/procurement/invoices",
                UblBillingFixture.invoice("T-1", orderNumber).seller(gln).line(1, "M", "EA", "1", "1.00").xml())
                .andExpect(status().isForbidden());
    }
}
