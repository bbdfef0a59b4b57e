package care.backoffice.billing.care;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import care.backoffice.billing.BillingIntegrationTest;
import care.backoffice.billing.Fixtures;
import care.backoffice.testing.TestTokens;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code POST /api/billing/care-delivered/batch}: many visits in one transaction, each with the single endpoint's rules. */
class CareDeliveredBatchTest extends BillingIntegrationTest {

    static final String BATCH = "/api/billing/care-delivered/batch";

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    JsonMapper json;

    static String visit(String id, int version, String status, String clientId, int minutes) {
        return """
                {"hoursEntryId": "%s", "version": %d, "status": "%s", "team": "team-batch", "employeeId": "emp-1",
                 "clientId": "%s", "careType": "PERSONAL_CARE", "date": "2026-10-05", "start": "09:00",
                 "minutes": %d, "plannedMinutes": null}""".formatted(id, version, status, clientId, minutes);
    }

    ResultActions sendBatch(String body) throws Exception {
        return mvc.perform(post(BATCH).header("Authorization", "Bearer " + TestTokens.service("payroll"))
                .contentType(MediaType.APPLICATION_JSON).content(body));
    }

    JsonNode results(String... items) throws Exception {
        String answer = sendBatch("[" + String.join(",", items) + "]").andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        return json.readTree(answer);
    }

    @Test
    void oneBatchRecordsAmendsVoidsReplaysParksAndRefusesEachRecordAsTheSingleEndpointWould() throws Exception {
        Fixtures f = new Fixtures(mvc);
        String funder = f.funder("Batch Council", "LOCAL_AUTHORITY", "");
        f.contract(funder, "MINUTE", "UP", "ACTUAL", "[{\"careType\": \"PERSONAL_CARE\", \"hourlyRate\": \"24.00\"}]", "");
        f.client("cl-batch-1", funder, "2026-01-01", "LA-B1");
        String amended = UUID.randomUUID().toString();
        String voided = UUID.randomUUID().toString();
        String replayed = UUID.randomUUID().toString();
        f.careVersion(amended, 1, "ACTIVE", "team-batch", "cl-batch-1", "PERSONAL_CARE", "2026-10-05", 45, null);
        f.careVersion(voided, 1, "ACTIVE", "team-batch", "cl-batch-1", "PERSONAL_CARE", "2026-10-05", 30, null);
        f.careVersion(replayed, 2, "ACTIVE", "team-batch", "cl-batch-1", "PERSONAL_CARE", "2026-10-05", 20, null);
        String fresh = UUID.randomUUID().toString();
        String unknownClient = UUID.randomUUID().toString();
        String invalid = UUID.randomUUID().toString();
        String twice = UUID.randomUUID().toString();
        String[] batch = {
                visit(fresh, 1, "ACTIVE", "cl-batch-1", 40),
                visit(amended, 2, "ACTIVE", "cl-batch-1", 60),
                visit(voided, 2, "VOID", "cl-batch-1", 30),
                visit(replayed, 1, "ACTIVE", "cl-batch-1", 99),
                visit(unknownClient, 1, "ACTIVE", "cl-nobody-batch", 30),
                """
                {"hoursEntryId": "%s", "version": 0, "status": "ACTIVE", "team": "team-batch", "employeeId": "emp-1",
                 "clientId": "cl-batch-1", "careType": "GARDENING", "date": "2026-10-05", "start": "09:00",
                 "minutes": -5, "plannedMinutes": null}""".formatted(invalid),
                visit(twice, 1, "ACTIVE", "cl-batch-1", 25),
                visit(twice, 2, "ACTIVE", "cl-batch-1", 50),
                "42",
                visit(UUID.randomUUID().toString(), 1, "ACTIVE", "cl-batch-1", 30).replace("\"version\": 1", "\"version\": \"one\"")};
        List<String> all = List.of(fresh, amended, voided, replayed, unknownClient, invalid, twice);
        Snapshot before = snapshot(all);

        JsonNode r = results(batch);

        assertThat(statuses(r)).containsExactly(201, 200, 200, 200, 201, 422, 201, 200, 422, 422);
        assertAnswer(r.get(0), fresh, 1, "ACTIVE", "RECORDED", true, null);
        assertAnswer(r.get(1), amended, 2, "ACTIVE", "AMENDED", true, null);
        assertAnswer(r.get(2), voided, 2, "VOID", "VOIDED", false, null);
        assertAnswer(r.get(3), replayed, 2, "ACTIVE", "REPLAY", true, null);
        assertAnswer(r.get(4), unknownClient, 1, "ACTIVE", "RECORDED", false, "Unknown client cl-nobody-batch");
        assertThat(fields(r.get(5))).containsExactlyInAnyOrder("version", "careType", "minutes");
        assertAnswer(r.get(6), twice, 1, "ACTIVE", "RECORDED", true, null);
        assertAnswer(r.get(7), twice, 2, "ACTIVE", "AMENDED", true, null);
        assertThat(fields(r.get(8))).containsExactly("item");
        assertThat(fields(r.get(9))).containsExactly("version");

        assertThat(stored(fresh)).isEqualTo("1 ACTIVE 40");
        assertThat(stored(amended)).isEqualTo("2 ACTIVE 60");
        assertThat(stored(voided)).isEqualTo("2 VOID 30");
        assertThat(stored(replayed)).as("a lower version changes nothing").isEqualTo("2 ACTIVE 20");
        assertThat(stored(unknownClient)).as("parked, never dropped").isEqualTo("1 ACTIVE 30");
        assertThat(stored(invalid)).as("a refused record stores nothing").isNull();
        assertThat(stored(twice)).as("v1 then v2 of one visit in one batch ends at v2").isEqualTo("2 ACTIVE 50");
        assertThat(versions(twice)).containsExactly(1, 2);
        assertThat(versions(replayed)).as("every version received is kept, as the single endpoint does").containsExactly(1, 2);
        assertThat(toBill(twice)).as("only the latest version waits to be billed").containsExactly(2);
        assertThat(toBill(fresh)).containsExactly(1);
        assertThat(toBill(amended)).containsExactly(2);
        mvc.perform(get("/api/billing/care-delivered/unbillable").header("Authorization", "Bearer " + TestTokens.backOffice()))
                .andExpect(jsonPath("$[?(@.hoursEntryId == '" + unknownClient + "')].reason")
                        .value("Unknown client cl-nobody-batch"));
        Snapshot after = snapshot(all);
        assertThat(after.visits() - before.visits()).as("fresh, unknown client, twice").isEqualTo(3);

        // The same batch again (an answer lost on the way back): every record a replay, nothing changes.
        JsonNode again = results(batch);
        assertThat(statuses(again)).containsExactly(200, 200, 200, 200, 200, 422, 200, 200, 422, 422);
        for (int i : new int[] {0, 1, 2, 3, 4, 6, 7}) {
            assertThat(again.get(i).at("/answer/outcome").asString()).as("item " + i).isEqualTo("REPLAY");
        }
        assertThat(again.get(6).at("/answer/version").asInt()).as("v1 after v2: the stored version answers").isEqualTo(2);
        assertThat(snapshot(all)).isEqualTo(after);
    }

    @Test
    void aBatchOfNewVisitsIsStoredWithItsVersionsAndBillingQueueLikeSingleRecords() throws Exception {
        List<String> ids = new ArrayList<>();
        List<String> items = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            String id = UUID.randomUUID().toString();
            ids.add(id);
            items.add(visit(id, 1, i % 10 == 0 ? "VOID" : "ACTIVE", "cl-unknown-" + (i % 3), 15 + i % 60));
        }
        JsonNode r = results(items.toArray(String[]::new));

        for (int i = 0; i < 300; i++) {
            assertAnswer(r.get(i), ids.get(i), 1, i % 10 == 0 ? "VOID" : "ACTIVE", "RECORDED", false,
                    i % 10 == 0 ? null : "Unknown client cl-unknown-" + (i % 3));
        }
        SqlArrayValue idArray = new SqlArrayValue("uuid", ids.toArray());
        assertThat(jdbc.sql("select count(*) from care_delivered where hours_entry_id = any(?)")
                .param(idArray).query(Long.class).single()).isEqualTo(300);
        assertThat(jdbc.sql("""
                select count(*) from care_delivered_version v join care_delivered c using (hours_entry_id, version)
                where c.hours_entry_id = any(?) and v.payload ->> 'clientId' = c.client_id
                  and (v.payload ->> 'minutes')::int = c.minutes""")
                .param(idArray).query(Long.class).single()).as("each version kept with its record").isEqualTo(300);
        assertThat(jdbc.sql("select count(*) from care_to_bill where hours_entry_id = any(?) and version = 1")
                .param(idArray).query(Long.class).single()).isEqualTo(300);
        assertThat(stored(ids.get(7))).isEqualTo("1 ACTIVE " + (15 + 7));
    }

    @Test
    void onlyPayrollMaySendBatchesAndABodyThatIsNotAnArrayOfAtMostAThousandStoresNothing() throws Exception {
        String body = "[" + visit(UUID.randomUUID().toString(), 1, "ACTIVE", "cl-x", 30) + "]";
        for (String token : new String[] {TestTokens.backOffice(), TestTokens.service("procurement")}) {
            mvc.perform(post(BATCH).header("Authorization", "Bearer " + token).contentType(MediaType.APPLICATION_JSON)
                    .content(body)).andExpect(status().isForbidden());
        }
        mvc.perform(post(BATCH).contentType(MediaType.APPLICATION_JSON).content(body)).andExpect(status().isUnauthorized());

        String notAnArray = UUID.randomUUID().toString();
        sendBatch(visit(notAnArray, 1, "ACTIVE", "cl-x", 30))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("body"));
        List<String> ids = new ArrayList<>(List.of(notAnArray));
        List<String> tooMany = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            ids.add(UUID.randomUUID().toString());
            tooMany.add(visit(ids.get(ids.size() - 1), 1, "ACTIVE", "cl-x", 30));
        }
        sendBatch("[" + String.join(",", tooMany) + "]")
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[*].field", containsInAnyOrder("body")))
                .andExpect(jsonPath("$.errors[0].reason", containsString("1001")));
        assertThat(snapshot(ids).visits()).isZero();
        assertThat(snapshot(ids).versions()).isZero();
        assertThat(statuses(results())).isEmpty();
    }

    @Test
    void theOpenApiDocumentDescribesTheBatchContract() throws Exception {
        mvc.perform(get("/api/billing/api-docs"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("/api/billing/care-delivered/batch")))
                .andExpect(content().string(containsString("one result per record in the order posted")));
    }

    // ---------------------------------------------------------------------------------------------------------

    record Snapshot(long visits, long versions, long toBill, String digest) {}

    /** Every row the endpoint writes for these visits, summed up: equal snapshots mean nothing changed. */
    Snapshot snapshot(List<String> ids) {
        SqlArrayValue any = new SqlArrayValue("uuid", ids.toArray());
        return new Snapshot(
                jdbc.sql("select count(*) from care_delivered where hours_entry_id = any(?)").param(any)
                        .query(Long.class).single(),
                jdbc.sql("select count(*) from care_delivered_version where hours_entry_id = any(?)").param(any)
                        .query(Long.class).single(),
                jdbc.sql("select count(*) from care_to_bill where hours_entry_id = any(?)").param(any)
                        .query(Long.class).single(),
                jdbc.sql("""
                        select coalesce(md5(string_agg(hours_entry_id || ' ' || version || ' ' || status || ' ' || minutes
                                        || ' ' || client_id || ' ' || received_at, ',' order by hours_entry_id)), '-')
                        from care_delivered where hours_entry_id = any(?)""").param(any).query(String.class).single());
    }

    static List<Integer> statuses(JsonNode results) {
        List<Integer> out = new ArrayList<>();
        results.forEach(n -> out.add(n.get("status").asInt()));
        return out;
    }

    static List<String> fields(JsonNode result) {
        assertThat(result.get("status").asInt()).isEqualTo(422);
        assertThat(result.has("answer")).isFalse();
        List<String> out = new ArrayList<>();
        result.at("/problem/errors").forEach(e -> out.add(e.get("field").asString()));
        return out;
    }

    static void assertAnswer(JsonNode result, String id, int version, String status, String outcome, boolean billable,
            String reason) {
        JsonNode a = result.get("answer");
        assertThat(a).as("answer of " + result).isNotNull();
        assertThat(a.get("hoursEntryId").asString()).isEqualTo(id);
        assertThat(a.get("version").asInt()).as("version of " + result).isEqualTo(version);
        assertThat(a.get("status").asString()).as("status of " + result).isEqualTo(status);
        assertThat(a.get("outcome").asString()).as("outcome of " + result).isEqualTo(outcome);
        assertThat(a.get("billable").asBoolean()).as("billable of " + result).isEqualTo(billable);
        JsonNode why = a.path("unbillableReason");
        assertThat(why.isNull() || why.isMissingNode() ? null : why.asString())
                .as("reason of " + result).isEqualTo(reason);
    }

    String stored(String id) {
        return jdbc.sql("select version || ' ' || status || ' ' || minutes from care_delivered where hours_entry_id = ?::uuid")
                .param(id).query(String.class).optional().orElse(null);
    }

    List<Integer> versions(String id) {
        return jdbc.sql("select version from care_delivered_version where hours_entry_id = ?::uuid order by version")
                .param(id).query(Integer.class).list();
    }

    List<Integer> toBill(String id) {
        return jdbc.sql("select version from care_to_bill where hours_entry_id = ?::uuid order by version")
                .param(id).query(Integer.class).list();
    }
}
