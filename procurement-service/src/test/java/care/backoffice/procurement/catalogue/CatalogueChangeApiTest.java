package care.backoffice.procurement.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import care.backoffice.procurement.Api;
import care.backoffice.procurement.ProcurementIntegrationTest;
import care.backoffice.testing.TestTokens;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/** The back office changes and withdraws catalogue prices and items from a date; orders from then on follow. */
class CatalogueChangeApiTest extends ProcurementIntegrationTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    Api api;
    String team;
    UUID supplier;
    UUID gloves;
    LocalDate today;

    @BeforeEach
    void aSupplierWithGloves() throws Exception {
        api = new Api(mvc);
        String run = UUID.randomUUID().toString().substring(0, 6);
        team = "team-cat-" + run;
        supplier = api.createSupplier("Catalogue Supplies", supplierUrl("/orders/cat"));
        gloves = api.addItem(supplier, "GL-" + run, "Nitrile gloves", "XBX", "30.00", "care-consumables");
        api.setPolicy(team, Api.policyJson("5000.00", false, "500.00", null));
        today = LocalDate.now(ZoneId.of("Europe/London"));
    }

    ResultActions change(UUID item, String json) throws Exception {
        return api.post(TestTokens.backOffice(), "/api/procurement/catalogue/" + item + "/changes", json);
    }

    ResultActions order(UUID item) throws Exception {
        return api.post(TestTokens.teamMember(team), "/api/procurement/orders", Api.orderJson(supplier, item, "1"));
    }

    @Test
    void aNewPriceAppliesToOrdersFromItsDateAndEarlierOrdersKeepTheirs() throws Exception {
        order(gloves).andExpect(status().isCreated()).andExpect(jsonPath("$.total").value("30.00"));
        change(gloves, "{\"kind\":\"PRICE\",\"unitPrice\":\"32.50\",\"effectiveFrom\":\"" + today.plusDays(1) + "\"}")
                .andExpect(status().isCreated());
        order(gloves).andExpect(jsonPath("$.total").value("30.00"));
        change(gloves, "{\"kind\":\"PRICE\",\"unitPrice\":\"31.00\",\"effectiveFrom\":\"" + today + "\",\"reason\":\"Supplier's new list\"}")
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.unitPrice").value("31.00"))
                .andExpect(jsonPath("$.listedPrice").value("30.00"))
                .andExpect(jsonPath("$.changes.length()").value(2));

        order(gloves).andExpect(status().isCreated()).andExpect(jsonPath("$.total").value("31.00"));
        assertThat(jdbc.sql("select unit_price from order_line l join purchase_order o on o.id = l.order_id "
                        + "where o.team = ? order by o.placed_at").param(team).query(java.math.BigDecimal.class).list())
                .extracting(java.math.BigDecimal::toPlainString).containsExactly("30.00", "30.00", "31.00");
        api.get(TestTokens.teamMember("team-anyone"), "/api/procurement/catalogue/" + gloves + "/history")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.changes[0].kind").value("PRICE"))
                .andExpect(jsonPath("$.changes[0].unitPrice").value("31.00"))
                .andExpect(jsonPath("$.changes[0].changedBy").value("backoffice-user"))
                .andExpect(jsonPath("$.changes[0].reason").value("Supplier's new list"))
                .andExpect(jsonPath("$.changes[1].effectiveFrom").value(today.plusDays(1).toString()));
    }

    @Test
    void aWithdrawnPriceOrItemCannotBeOrderedFromItsDate() throws Exception {
        UUID monitor = api.addItem(supplier, "BP-" + UUID.randomUUID().toString().substring(0, 6), "BP monitor", "EA",
                "45.50", "clinical-supplies");
        change(gloves, "{\"kind\":\"PRICE_WITHDRAWN\",\"effectiveFrom\":\"" + today + "\",\"reason\":\"Price under review\"}")
                .andExpect(status().isCreated()).andExpect(jsonPath("$.orderable").value(false));
        change(monitor, "{\"kind\":\"WITHDRAWN\",\"effectiveFrom\":\"" + today.plusDays(7) + "\",\"reason\":\"Discontinued\"}")
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.orderable").value(true))
                .andExpect(jsonPath("$.withdrawnFrom").value(today.plusDays(7).toString()));

        order(gloves).andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("lines[0].catalogueItemId"))
                .andExpect(jsonPath("$.errors[0].reason", containsString("has no price from " + today)))
                .andExpect(jsonPath("$.errors[0].reason", containsString("Price under review")));
        order(monitor).andExpect(status().isCreated());
        api.get(TestTokens.teamMember(team), "/api/procurement/catalogue?supplierId=" + supplier)
                .andExpect(jsonPath("$[?(@.id == '" + gloves + "')].orderable").value(org.hamcrest.Matchers.contains(false)));

        // Withdrawn from today: the item can no longer be ordered, nor changed any more.
        change(monitor, "{\"kind\":\"WITHDRAWN\",\"effectiveFrom\":\"" + today + "\",\"reason\":\"Recalled\"}")
                .andExpect(status().isCreated());
        order(monitor).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].reason", containsString("withdrawn from the catalogue from " + today)));
        change(monitor, "{\"kind\":\"PRICE\",\"unitPrice\":\"40.00\",\"effectiveFrom\":\"" + today.plusDays(1) + "\"}")
                .andExpect(status().isConflict());

        // A new price puts the gloves back on sale.
        change(gloves, "{\"kind\":\"PRICE\",\"unitPrice\":\"29.00\",\"effectiveFrom\":\"" + today + "\"}")
                .andExpect(status().isCreated());
        order(gloves).andExpect(status().isCreated()).andExpect(jsonPath("$.total").value("29.00"));
        assertThat(jdbc.sql("select count(*) from purchase_order where team = ?").param(team).query(Long.class).single())
                .isEqualTo(2);
    }

    @Test
    void badChangesNameEveryBadFieldAndOnlyTheBackOfficeChangesTheCatalogue() throws Exception {
        change(gloves, "{\"kind\":\"WITHDRAWN\",\"unitPrice\":\"1.00\",\"effectiveFrom\":\"" + today.minusDays(1) + "\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", containsInAnyOrder("effectiveFrom", "unitPrice", "reason")));
        change(gloves, "{\"kind\":\"CHEAPER\"}").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", containsInAnyOrder("kind", "effectiveFrom")));
        change(gloves, "{\"kind\":\"PRICE\",\"effectiveFrom\":\"" + today + "\"}").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", containsInAnyOrder("unitPrice")));
        api.post(TestTokens.teamMember(team), "/api/procurement/catalogue/" + gloves + "/changes",
                "{\"kind\":\"WITHDRAWN\",\"effectiveFrom\":\"" + today + "\",\"reason\":\"x\"}").andExpect(status().isForbidden());
        change(UUID.randomUUID(), "{\"kind\":\"WITHDRAWN\",\"effectiveFrom\":\"" + today + "\",\"reason\":\"x\"}")
                .andExpect(status().isNotFound());
        assertThat(jdbc.sql("select count(*) from catalogue_item_change where item_id = ?").param(gloves)
                .query(Long.class).single()).isZero();
        order(gloves).andExpect(status().isCreated());
    }
}
