package care.backoffice.procurement.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import care.backoffice.procurement.Api;
import care.backoffice.procurement.ProcurementIntegrationTest;
import care.backoffice.testing.TestTokens;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/** Cached suppliers and catalogue items follow every change, whichever replica makes it. */
class ReferenceDataTest extends ProcurementIntegrationTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ReferenceData referenceData;

    @Test
    void aChangeMadeByAnotherReplicaReachesThisOneThroughTheDatabase() throws Exception {
        Api api = new Api(mvc);
        String team = "team-cache-" + UUID.randomUUID().toString().substring(0, 6);
        UUID supplier = api.createSupplier("Cache Supplies", supplierUrl("/orders/cache"));
        UUID gloves = api.addItem(supplier, "GL-" + team, "Nitrile gloves", "XBX", "30.00", "care-consumables");
        api.setPolicy(team, Api.policyJson("5000.00", false, "500.00", null));
        for (int i = 0; i < 50 && !referenceData.isListening(); i++) {
            Thread.sleep(100);
        }
        assertThat(referenceData.isListening()).isTrue();
        // Both are cached by the first order.
        api.placeOrder(team, Api.orderJson(supplier, gloves, "1"));

        // Another replica changes the price (its own transaction, its own NOTIFY): we are told on commit.
        jdbc.sql("""
                insert into catalogue_item_change (item_id, kind, unit_price, effective_from, changed_by, changed_at)
                values (?, 'PRICE', 35.00, current_date - 1, 'replica-2', now())""").param(gloves).update();
        jdbc.sql("update supplier set name = 'Renamed Supplies' where id = ?").param(supplier).update();
        jdbc.sql("select pg_notify('procurement_reference_data', 'catalogue-item:' || ?), "
                + "pg_notify('procurement_reference_data', 'supplier:' || ?)").params(gloves.toString(), supplier.toString())
                .query().singleRow();

        String total = null;
        for (int i = 0; i < 50 && !"35.00".equals(total); i++) {
            Thread.sleep(100);
            total = com.jayway.jsonpath.JsonPath.read(api.placeOrder(team, Api.orderJson(supplier, gloves, "1")), "$.total");
        }
        assertThat(total).isEqualTo("35.00");
        api.get(TestTokens.teamMember(team), "/api/procurement/orders?team=" + team + "&limit=1")
                .andExpect(status().isOk());
        assertThat(jdbc.sql("select ubl_document from purchase_order where team = ? order by placed_at desc limit 1")
                .param(team).query(String.class).single()).contains("Renamed Supplies");
    }

    @Test
    void aChangeMadeHereIsSeenByTheVeryNextRequest() throws Exception {
        Api api = new Api(mvc);
        UUID supplier = api.createSupplier("Own Change Supplies", supplierUrl("/orders/own"));
        api.get(TestTokens.teamMember("team-x"), "/api/procurement/suppliers/" + supplier)
                .andExpect(jsonPath("$.accountCode").doesNotExist());
        // Cached by an order-path read, then changed through the API.
        String code = "own-" + UUID.randomUUID().toString().substring(0, 6);
        api.put(TestTokens.backOffice(), "/api/procurement/suppliers/" + supplier + "/account-code",
                "{\"accountCode\":\"" + code + "\"}").andExpect(status().isOk());
        api.get(TestTokens.teamMember("team-x"), "/api/procurement/suppliers/" + supplier)
                .andExpect(jsonPath("$.accountCode").value(code));
        api.post(TestTokens.backOffice(), "/api/procurement/categories",
                "{\"code\":\"cache-" + code + "\",\"name\":\"Cached\",\"expenseAccount\":\"7505\",\"freeTextAllowed\":true}")
                .andExpect(status().isCreated());
        api.get(TestTokens.teamMember("team-x"), "/api/procurement/categories")
                .andExpect(jsonPath("$[?(@.code == 'cache-" + code + "')]").isNotEmpty());
    }
}
