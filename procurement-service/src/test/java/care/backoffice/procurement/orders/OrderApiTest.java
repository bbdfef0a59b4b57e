package care.backoffice.procurement.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.hasItem;
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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

class OrderApiTest extends ProcurementIntegrationTest {

    static final String ADVICE = """
            {"advisers":[{"name":"Joke (coach)","role":"coach","advised":"Buy the validated model"},
                         {"name":"team-leeds-east","role":"other-team","advised":"Ours works well"}],
             "decisionNote":"We buy the model team-leeds-east uses"}""";

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    Api api;
    UUID supplier;
    UUID monitor;

    @BeforeEach
    void setUp() throws Exception {
        api = new Api(mvc);
        supplier = api.createSupplier("Medisupply " + UUID.randomUUID().toString().substring(0, 6),
                supplierUrl("/orders/medisupply"));
        monitor = api.addItem(supplier, "BP-" + UUID.randomUUID().toString().substring(0, 6),
                "Blood pressure monitor", "EA", "45.50", "clinical-supplies");
    }

    static String newTeam() {
        return "team-" + UUID.randomUUID().toString().substring(0, 8);
    }

    long ordersOf(String team) {
        return jdbc.sql("select count(*) from purchase_order where team = ?").param(team).query(Long.class).single();
    }

    @Test
    void anOrderWithinThePolicyIsAcceptedAtOnceAndEveryColleagueSeesIt() throws Exception {
        String team = newTeam();
        api.setPolicy(team, Api.policyJson("1000.00", false, "500.00", null));
        String body = api.post(TestTokens.teamMember(team), "/api/procurement/orders", Api.orderJson(supplier, monitor, "2"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.status").value("PLACED"))
                .andExpect(jsonPath("$.team").value(team))
                .andExpect(jsonPath("$.total").value("91.00"))
                .andExpect(jsonPath("$.lines[0].lineTotal").value("91.00"))
                .andExpect(jsonPath("$.dispatch.status").value("PENDING"))
                .andExpect(jsonPath("$.receiptStatus").value("NOT_RECEIVED"))
                .andReturn().getResponse().getContentAsString();
        String id = JsonPath.read(body, "$.id");
        assertThat(body).doesNotContainIgnoringCase("approv");

        for (String reader : new String[] {TestTokens.teamMember("team-elsewhere"), TestTokens.backOffice(),
                TestTokens.finance()}) {
            api.get(reader, "/api/procurement/orders?team=" + team).andExpect(status().isOk())
                    .andExpect(jsonPath("$[*].id", hasItem(id)));
        }
        api.get(TestTokens.teamMember("team-elsewhere"), "/api/procurement/orders/" + id + "/document")
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString(
                        "urn:fdc:peppol.eu:poacc:trns:order:3")));
        api.get(TestTokens.teamMember(team), "/api/procurement/spending?team=" + team).andExpect(status().isOk())
                .andExpect(jsonPath("$[0].committed").value("91.00"))
                .andExpect(jsonPath("$[0].remaining").value("909.00"))
                .andExpect(jsonPath("$[0].byCategory[0].category").value("clinical-supplies"))
                .andExpect(jsonPath("$[0].byCategory[0].committed").value("91.00"));
    }

    @Test
    void anOrderBeyondTheRemainingBudgetIsRefusedWithTheNumbers() throws Exception {
        String team = newTeam();
        api.setPolicy(team, Api.policyJson("100.00", false, "500.00", null));
        api.placeOrder(team, Api.orderJson(supplier, monitor, "2"));
        api.post(TestTokens.teamMember(team), "/api/procurement/orders", Api.orderJson(supplier, monitor, "1"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.remainingBudget").value("9.00"))
                .andExpect(jsonPath("$.orderTotal").value("45.50"))
                .andExpect(jsonPath("$.committed").value("91.00"))
                .andExpect(jsonPath("$.spent").value("0.00"));
        assertThat(ordersOf(team)).isEqualTo(1);
    }

    @Test
    void aTeamWithoutAPolicySetsOneBeforeOrdering() throws Exception {
        String team = newTeam();
        api.post(TestTokens.teamMember(team), "/api/procurement/orders", Api.orderJson(supplier, monitor, "1"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.title").value("The team has no spending policy yet"));
        assertThat(ordersOf(team)).isZero();
    }

    @Test
    void anOrderAboveTheTeamsCapIsRefused() throws Exception {
        String team = newTeam();
        api.setPolicy(team, Api.policyJson("5000.00", false, "500.00", "50.00"));
        api.post(TestTokens.teamMember(team), "/api/procurement/orders", Api.orderJson(supplier, monitor, "2"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.perOrderCap").value("50.00"))
                .andExpect(jsonPath("$.orderTotal").value("91.00"));
        api.post(TestTokens.teamMember(team), "/api/procurement/orders", Api.orderJson(supplier, monitor, "1"))
                .andExpect(status().isCreated());
        assertThat(ordersOf(team)).isEqualTo(1);
    }

    @Test
    void aboveTheAdviceThresholdTheOrderCarriesItsAdviceRecord() throws Exception {
        String team = newTeam();
        api.setPolicy(team, Api.policyJson("5000.00", false, "500.00", null));
        String path = "/api/procurement/orders";
        api.post(TestTokens.teamMember(team), path,
                        Api.freeTextOrderJson(supplier, "Hoist sling", "clinical-supplies", "600.00", null))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("advice"));
        api.post(TestTokens.teamMember(team), path, Api.freeTextOrderJson(supplier, "Hoist sling",
                        "clinical-supplies", "600.00", "{\"advisers\":[{\"name\":\"Joke\",\"role\":\"coach\"}]}"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[*].field", containsInAnyOrder("advice.advisers[0].advised",
                        "advice.decisionNote")));
        assertThat(ordersOf(team)).isZero();

        // Exactly at the threshold needs no record; above it, the record is kept with the order for all to see.
        api.placeOrder(team, Api.freeTextOrderJson(supplier, "Shower chair", "clinical-supplies", "500.00", null));
        String id = JsonPath.read(api.placeOrder(team,
                Api.freeTextOrderJson(supplier, "Hoist sling", "clinical-supplies", "600.00", ADVICE)), "$.id");
        api.get(TestTokens.teamMember("team-elsewhere"), "/api/procurement/orders?team=" + team)
                .andExpect(jsonPath("$[?(@.id == '" + id + "')].advice.advisers[0].name").value("Joke (coach)"))
                .andExpect(jsonPath("$[?(@.id == '" + id + "')].advice.advisers[1].role").value("other-team"))
                .andExpect(jsonPath("$[?(@.id == '" + id + "')].advice.decisionNote")
                        .value("We buy the model team-leeds-east uses"));
    }

    @Test
    void aTeamOnlyBuysFromTheSuppliersItApproved() throws Exception {
        String team = newTeam();
        UUID other = api.createSupplier("Chosen Supplies", supplierUrl("/orders/chosen"));
        api.setPolicy(team, """
                {"yearlyBudget":"5000","splitByMonth":false,"adviceThreshold":"500","approvedSupplierIds":["%s"]}"""
                .formatted(other));
        api.post(TestTokens.teamMember(team), "/api/procurement/orders", Api.orderJson(supplier, monitor, "1"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.supplierId").value(supplier.toString()));
        api.placeOrder(team, Api.freeTextOrderJson(other, "Notebooks", "stationery", "12.00", null));
    }

    @Test
    void cancellingReleasesTheBudgetAndOnlyTheTeamItselfCancels() throws Exception {
        String team = newTeam();
        api.setPolicy(team, Api.policyJson("100.00", false, "500.00", null));
        String id = JsonPath.read(api.placeOrder(team, Api.orderJson(supplier, monitor, "2")), "$.id");

        api.post(TestTokens.teamMember("team-other"), "/api/procurement/orders/" + id + "/cancel", "{}")
                .andExpect(status().isForbidden());
        api.post(TestTokens.backOffice(), "/api/procurement/orders/" + id + "/cancel", "{}")
                .andExpect(status().isForbidden());
        api.get(TestTokens.teamMember(team), "/api/procurement/orders/" + id)
                .andExpect(jsonPath("$.status").value("PLACED"));

        api.post(TestTokens.teamMember(team), "/api/procurement/orders/" + id + "/cancel",
                        "{\"reason\":\"ordered twice by mistake\"}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("CANCELLED"))
                .andExpect(jsonPath("$.dispatch.status").value("NOT_SENT"))
                .andExpect(jsonPath("$.cancelReason").value("ordered twice by mistake"));
        api.post(TestTokens.teamMember(team), "/api/procurement/orders", Api.orderJson(supplier, monitor, "2"))
                .andExpect(status().isCreated());
    }

    @Test
    void badOrdersNameEveryBadFieldAndChangeNothing() throws Exception {
        String team = newTeam();
        api.setPolicy(team, Api.policyJson("1000.00", false, "500.00", null));
        api.post(TestTokens.teamMember(team), "/api/procurement/orders", """
                        {"supplierId":"%s","deliveryAddress":{"line1":"","town":"Leeds"},
                         "lines":[{"catalogueItemId":"%s","quantity":"0"},
                                  {"description":"Gloves","category":"care-consumables","unit":"BX","quantity":"2","unitPrice":"x"},
                                  {"catalogueItemId":"%s","quantity":"1"}]}"""
                        .formatted(supplier, monitor, UUID.randomUUID()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", containsInAnyOrder("deliveryAddress.line1",
                        "deliveryAddress.postcode", "lines[0].quantity", "lines[1].category", "lines[1].unit",
                        "lines[1].unitPrice", "lines[2].catalogueItemId")));
        assertThat(ordersOf(team)).isZero();
    }

    @Test
    void onlyTeamMembersOrderAndAReplayPlacesOneOrder() throws Exception {
        String team = newTeam();
        api.setPolicy(team, Api.policyJson("1000.00", false, "500.00", null));
        api.post(TestTokens.backOffice(), "/api/procurement/orders", Api.orderJson(supplier, monitor, "1"))
                .andExpect(status().isForbidden());
        api.post(TestTokens.withRoles("no-team", null, "team-member"), "/api/procurement/orders",
                Api.orderJson(supplier, monitor, "1")).andExpect(status().isForbidden());
        api.post(TestTokens.expired(team), "/api/procurement/orders", Api.orderJson(supplier, monitor, "1"))
                .andExpect(status().isUnauthorized());
        String json = Api.orderJson(supplier, monitor, "1");
        String first = api.post(TestTokens.teamMember(team), "/api/procurement/orders", json, "order-key-1")
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        String again = api.post(TestTokens.teamMember(team), "/api/procurement/orders", json, "order-key-1")
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        assertThat((String) JsonPath.read(again, "$.id")).isEqualTo(JsonPath.read(first, "$.id"));
        assertThat(ordersOf(team)).isEqualTo(1);
    }
}
