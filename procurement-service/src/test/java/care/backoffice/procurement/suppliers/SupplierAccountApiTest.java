package care.backoffice.procurement.suppliers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import care.backoffice.procurement.Api;
import care.backoffice.procurement.ProcurementIntegrationTest;
import care.backoffice.procurement.invoices.UblBillingFixture;
import care.backoffice.testing.TestTokens;
import com.jayway.jsonpath.JsonPath;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A supplier's own service account (realm role {@code supplier}, claim {@code supplier} = its account code, as the
 * realm's confidential client {@code supplier-medisupply} issues them) posts its own invoices and reads their
 * status, and nothing else.
 */
class SupplierAccountApiTest extends ProcurementIntegrationTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    Api api;
    String code;
    String gln;
    UUID medisupply;
    UUID rival;
    String team;
    String orderNumber;

    @BeforeEach
    void twoSuppliersAndAnOrderFromMedisupply() throws Exception {
        api = new Api(mvc);
        code = "medisupply-" + UUID.randomUUID().toString().substring(0, 6);
        gln = UblBillingFixture.randomGln();
        medisupply = api.createSupplier("Medisupply Ltd", supplierUrl("/orders/medi"), gln);
        rival = api.createSupplier("Rival Medical Ltd", supplierUrl("/orders/rival"), UblBillingFixture.randomGln());
        api.put(TestTokens.backOffice(), "/api/procurement/suppliers/" + medisupply + "/account-code",
                "{\"accountCode\":\"" + code + "\"}").andExpect(status().isOk())
                .andExpect(jsonPath("$.accountCode").value(code));
        team = "team-acct-" + UUID.randomUUID().toString().substring(0, 6);
        UUID monitor = api.addItem(medisupply, "BP-" + code, "Blood pressure monitor", "EA", "45.50", "clinical-supplies");
        api.setPolicy(team, Api.policyJson("2000.00", false, "500.00", null));
        orderNumber = JsonPath.read(api.placeOrder(team, Api.orderJson(medisupply, monitor, "2")), "$.orderNumber");
    }

    String supplierToken(String accountCode) {
        return TestTokens.withClaims("service-account-supplier-medisupply", null, Map.of("supplier", accountCode),
                "supplier");
    }

    String json(UUID supplierId, String number) {
        return """
                {%s"invoiceNumber":"%s","orderNumber":"%s","issueDate":"2026-11-20",
                 "lines":[{"orderLineNo":1,"description":"BP monitor","quantity":"2","unitPrice":"45.50"}]}"""
                .formatted(supplierId == null ? "" : "\"supplierId\":\"" + supplierId + "\",", number, orderNumber);
    }

    @Test
    void theBackOfficeGivesEachSupplierItsOwnAccountCode() throws Exception {
        api.put(TestTokens.backOffice(), "/api/procurement/suppliers/" + rival + "/account-code",
                "{\"accountCode\":\"" + code + "\"}").andExpect(status().isConflict());
        api.put(TestTokens.backOffice(), "/api/procurement/suppliers/" + rival + "/account-code",
                "{\"accountCode\":\"Not A Code!\"}").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("accountCode"));
        api.put(TestTokens.teamMember(team), "/api/procurement/suppliers/" + rival + "/account-code",
                "{\"accountCode\":\"rival\"}").andExpect(status().isForbidden());
        api.put(supplierToken(code), "/api/procurement/suppliers/" + rival + "/account-code",
                "{\"accountCode\":\"rival\"}").andExpect(status().isForbidden());
        api.get(TestTokens.teamMember(team), "/api/procurement/suppliers/" + rival)
                .andExpect(jsonPath("$.accountCode").doesNotExist());
        assertThat(jdbc.sql("select account_code_set_by from supplier where id = ?").param(medisupply)
                .query(String.class).single()).isEqualTo("backoffice-user");
    }

    @Test
    void aSupplierPostsItsOwnInvoicesAsJsonOrUblAndNeverAnotherSuppliers() throws Exception {
        String token = supplierToken(code);
        api.post(token, "/api/procurement/invoices", json(medisupply, "MS-1-" + code))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.supplierId").value(medisupply.toString()));
        api.post(token, "/api/procurement/invoices", json(null, "MS-2-" + code))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.supplierId").value(medisupply.toString()));
        api.post(token, "/api/procurement/invoices", json(rival, "RV-1-" + code))
                .andExpect(status().isForbidden());

        api.postXml(token, "/api/procurement/invoices", UblBillingFixture.invoice("MS-3-" + code, orderNumber)
                        .seller(gln).line(1, "Blood pressure monitor", "EA", "2", "45.50").xml())
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.format").value("UBL"))
                .andExpect(jsonPath("$.supplierId").value(medisupply.toString()));
        String rivalsGln = jdbc.sql("select peppol_participant_id from supplier where id = ?").param(rival)
                .query(String.class).single();
        api.postXml(token, "/api/procurement/invoices", UblBillingFixture.invoice("RV-2-" + code, orderNumber)
                        .seller(rivalsGln).line(1, "Blood pressure monitor", "EA", "2", "45.50").xml())
                .andExpect(status().isForbidden());

        assertThat(jdbc.sql("select count(*) from supplier_invoice where invoice_number like 'RV-%' and invoice_number like ?")
                .param("%" + code).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from supplier_invoice where supplier_id = ?").param(medisupply)
                .query(Long.class).single()).isEqualTo(3);
    }

    @Test
    void aSupplierReadsTheStatusOfItsOwnInvoicesOnly() throws Exception {
        String own = JsonPath.read(api.post(supplierToken(code), "/api/procurement/invoices", json(null, "MS-9-" + code))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString(), "$.id");
        String rivals = JsonPath.read(api.post(TestTokens.backOffice(), "/api/procurement/invoices", """
                        {"supplierId":"%s","invoiceNumber":"RV-9-%s","orderNumber":"PO-999999","issueDate":"2026-11-20",
                         "lines":[{"description":"Something","quantity":"1","unitPrice":"10.00"}]}""".formatted(rival, code))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString(), "$.id");
        api.post(TestTokens.backOffice(), "/api/procurement/invoices/" + own + "/resolution",
                "{\"decision\":\"REJECT\",\"note\":\"Internal: supplier is sending duplicates\"}").andExpect(status().isOk());

        String token = supplierToken(code);
        api.get(token, "/api/procurement/invoices/" + own).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("REJECTED"))
                .andExpect(jsonPath("$.resolution").doesNotExist());
        api.get(token, "/api/procurement/invoices/" + rivals).andExpect(status().isForbidden());
        api.get(token, "/api/procurement/invoices?status=EXCEPTION").andExpect(status().isOk())
                .andExpect(jsonPath("$[*].supplierId", everyItem(is(medisupply.toString()))))
                .andExpect(jsonPath("$[*].id", not(hasItem(rivals))));
        api.get(token, "/api/procurement/invoices?status=REJECTED")
                .andExpect(jsonPath("$[*].id", hasItem(own)));
        // Nothing else of ours is a supplier's business.
        api.get(token, "/api/procurement/orders").andExpect(status().isForbidden());
        api.get(token, "/api/procurement/payables").andExpect(status().isForbidden());
        api.get(token, "/api/procurement/suppliers").andExpect(status().isForbidden());
    }

    @Test
    void aSupplierTokenForNoKnownSupplierActsForNobody() throws Exception {
        api.post(supplierToken("nobody-" + code), "/api/procurement/invoices", json(medisupply, "NB-1-" + code))
                .andExpect(status().isForbidden());
        String noClaim = TestTokens.withRoles("service-account-supplier-x", null, "supplier");
        api.post(noClaim, "/api/procurement/invoices", json(medisupply, "NB-2-" + code))
                .andExpect(status().isForbidden());
        api.get(noClaim, "/api/procurement/invoices?status=EXCEPTION").andExpect(status().isForbidden());
        // The claim alone, without the supplier role, gives nothing either.
        String claimOnly = TestTokens.withClaims("someone", null, Map.of("supplier", code), "offline_access");
        api.post(claimOnly, "/api/procurement/invoices", json(medisupply, "NB-3-" + code))
                .andExpect(status().isForbidden());
        assertThat(jdbc.sql("select count(*) from supplier_invoice where invoice_number like ?").param("NB-%-" + code)
                .query(Long.class).single()).isZero();
    }
}
