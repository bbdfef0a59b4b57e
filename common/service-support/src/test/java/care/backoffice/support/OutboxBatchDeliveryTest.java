package care.backoffice.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import care.backoffice.support.outbox.Outbox;
import care.backoffice.support.outbox.OutboxRelay;
import care.backoffice.testing.TestDatabase;
import care.backoffice.testing.TestTokens;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The relay's batch delivery: billing's care-delivered path is configured as a batch path, so its messages go 3 at a
 * time (a small batch size, to see the batches) to {@code /api/billing/care-delivered/batch}; finance's journals and
 * billing's other paths still go one per request.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {"backoffice.outbox.initial-delay=PT1H", "backoffice.oauth.client-id=payroll-service",
                "backoffice.oauth.client-secret=test-only", "backoffice.outbox.batch-size=3",
                "backoffice.services.billing.batch-paths=/api/billing/care-delivered"})
class OutboxBatchDeliveryTest {

    static final String CARE = "/api/billing/care-delivered";
    static final String BATCH = CARE + "/batch";
    static final String JOURNALS = "/api/finance/journals";

    /** Stands in for billing-service, finance-service and Keycloak's token endpoint: other parties, not our database. */
    static final WireMockServer other = new WireMockServer(WireMockConfiguration.options().dynamicPort());

    static {
        other.start();
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry, "support");
        TestTokens.register(registry);
        registry.add("backoffice.services.billing.url", other::baseUrl);
        registry.add("backoffice.services.finance.url", other::baseUrl);
        registry.add("backoffice.oauth.token-uri", () -> other.baseUrl() + "/token");
    }

    @AfterAll
    static void stop() {
        other.stop();
    }

    @Autowired Outbox outbox;
    @Autowired OutboxRelay relay;
    @Autowired TransactionTemplate tx;
    @Autowired JdbcClient jdbc;
    @Autowired JsonMapper json;

    @BeforeEach
    void reset() {
        other.resetAll();
        other.stubFor(post("/token").willReturn(aResponse().withHeader("Content-Type", "application/json")
                .withBody("{\"access_token\":\"service-token\",\"token_type\":\"Bearer\",\"expires_in\":300}")));
        jdbc.sql("delete from outbox_message").update();
    }

    /**
     * Billing's batch endpoint as the contract says: one item per record, in order, each with an HTTP-like status —
     * here the status the visit asks for in its {@code answer} field (201 when it has none).
     */
    void billingAnswersAsAsked() {
        billingAnswers("{{#if this.answer}}{{this.answer}}{{else}}201{{/if}}");
    }

    /** Billing's batch endpoint taking every record. */
    void billingTakesBatches() {
        billingAnswers("201");
    }

    private void billingAnswers(String itemStatus) {
        other.stubFor(post(BATCH).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("[{{#each (parseJson request.body)}}{{#unless @first}},{{/unless}}"
                        + "{\"status\":" + itemStatus + ",\"answer\":{\"hoursEntryId\":\"{{this.hoursEntryId}}\"}}{{/each}}]")
                .withTransformers("response-template")));
    }

    void queueVisits(String... ids) {
        tx.executeWithoutResult(s -> {
            for (String id : ids) {
                outbox.enqueue("billing", CARE, id, Map.of("hoursEntryId", id, "version", 1));
            }
        });
    }

    @Test
    void aBacklogGoesOutInBatchesOldestFirstEachMessageOnceAndOtherPathsOnePerRequest() throws Exception {
        billingTakesBatches();
        other.stubFor(post(JOURNALS).willReturn(aResponse().withStatus(201)));
        other.stubFor(post("/api/billing/other").willReturn(aResponse().withStatus(201)));
        queueVisits("v1", "v2", "v3", "v4");
        tx.executeWithoutResult(s -> outbox.enqueue("finance", JOURNALS, "run-1", Map.of("amount", "10.00")));
        tx.executeWithoutResult(s -> outbox.enqueue("billing", "/api/billing/other", "x-1", Map.of("x", 1)));
        queueVisits("v5", "v6", "v7");

        relay.relay();

        List<LoggedRequest> batches = other.findAll(postRequestedFor(urlEqualTo(BATCH)));
        assertThat(batches).extracting(r -> ids(r.getBodyAsString()))
                .as("one scheduled pass drains the lane, three at a time, in id order")
                .containsExactly(List.of("v1", "v2", "v3"), List.of("v4", "v5", "v6"), List.of("v7"));
        long first = id("v1");
        assertThat(batches.get(0).getHeader("Idempotency-Key")).isEqualTo("billing:batch:" + first + "-" + id("v3") + ":3");
        assertThat(batches.get(0).getHeader("Authorization")).isEqualTo("Bearer service-token");
        assertThat(batches.get(0).getHeader("Content-Type")).startsWith("application/json");
        other.verify(1, postRequestedFor(urlEqualTo(BATCH)).withRequestBody(equalToJson("""
                [{"hoursEntryId":"v1","version":1},{"hoursEntryId":"v2","version":1},{"hoursEntryId":"v3","version":1}]""")));
        other.verify(0, postRequestedFor(urlEqualTo(CARE)));
        other.verify(1, postRequestedFor(urlEqualTo(JOURNALS)).withHeader("Idempotency-Key", equalTo("finance:run-1"))
                .withRequestBody(equalToJson("{\"amount\":\"10.00\"}")));
        other.verify(1, postRequestedFor(urlEqualTo("/api/billing/other")).withRequestBody(equalToJson("{\"x\":1}")));
        assertThat(count("DELIVERED")).isEqualTo(9);

        relay.relay();
        assertThat(other.findAll(postRequestedFor(urlEqualTo(BATCH)))).as("nothing is sent twice").hasSize(3);
    }

    @Test
    void eachMessageGetsItsItemsVerdictAndTheLaneWaitsBehindAMessageInBackOff() throws Exception {
        billingAnswersAsAsked();
        tx.executeWithoutResult(s -> {
            outbox.enqueue("billing", CARE, "ok", Map.of("hoursEntryId", "ok"));
            outbox.enqueue("billing", CARE, "refused", Map.of("hoursEntryId", "refused", "answer", 422));
            outbox.enqueue("billing", CARE, "busy", Map.of("hoursEntryId", "busy", "answer", 503));
        });

        assertThat(relay.deliverDue()).isEqualTo(3);

        assertThat(row("ok")).isEqualTo("DELIVERED 1");
        assertThat(row("refused")).as("refused for good: kept, visible").isEqualTo("FAILED 1");
        assertThat(lastError("refused")).startsWith("422 ").contains("\"hoursEntryId\":\"refused\"");
        assertThat(row("busy")).as("retried later").isEqualTo("PENDING 1");
        assertThat(lastError("busy")).startsWith("503 ");
        assertThat(jdbc.sql("select next_attempt_at > now() + interval '1 second' from outbox_message where message_key = 'busy'")
                .query(Boolean.class).single()).as("in its back-off").isTrue();

        // A later message of the lane does not overtake the one in back-off.
        queueVisits("later");
        assertThat(relay.deliverDue()).isZero();
        other.verify(1, postRequestedFor(urlEqualTo(BATCH)));

        other.resetRequests();
        billingTakesBatches();
        jdbc.sql("update outbox_message set next_attempt_at = now() where message_key = 'busy'").update();
        relay.deliverDue();
        assertThat(other.findAll(postRequestedFor(urlEqualTo(BATCH)))).extracting(r -> ids(r.getBodyAsString()))
                .containsExactly(List.of("busy", "later"));
        assertThat(row("busy")).isEqualTo("DELIVERED 2");
        assertThat(row("later")).isEqualTo("DELIVERED 1");
        assertThat(row("refused")).isEqualTo("FAILED 1");
    }

    @Test
    void aBatchRefusedAsAWholeBecauseBillingIsDownIsRetriedAndDeliveredOnce() throws Exception {
        other.stubFor(post(BATCH).willReturn(aResponse().withStatus(503).withBody("billing is restarting")));
        queueVisits("a", "b", "c", "d", "e", "f", "g");

        relay.relay();

        other.verify(1, postRequestedFor(urlEqualTo(BATCH)));
        assertThat(jdbc.sql("select message_key || ' ' || attempts from outbox_message where status = 'PENDING' order by id")
                .query(String.class).list())
                .as("one failed request: its batch waits for its back-off and the lane behind it, untried")
                .containsExactly("a 1", "b 1", "c 1", "d 0", "e 0", "f 0", "g 0");
        assertThat(lastError("a")).contains("503").contains("billing is restarting");
        assertThat(relay.deliverDue()).as("not before the back-off").isZero();

        // The connection drops instead: the same.
        other.stubFor(post(BATCH).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        jdbc.sql("update outbox_message set next_attempt_at = now()").update();
        relay.deliverDue();
        assertThat(jdbc.sql("select count(*) from outbox_message where status = 'PENDING' and attempts = 2")
                .query(Long.class).single()).isEqualTo(3);

        // An answer that does not account for every message: applied or not, we cannot tell, so all go again.
        other.stubFor(post(BATCH).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("[{\"status\":201}]")));
        jdbc.sql("update outbox_message set next_attempt_at = now()").update();
        relay.deliverDue();
        assertThat(count("DELIVERED")).isZero();
        assertThat(lastError("a")).contains("batch answer is not 3 items");

        other.resetRequests();
        billingTakesBatches();
        jdbc.sql("update outbox_message set next_attempt_at = now()").update();
        relay.relay();

        assertThat(other.findAll(postRequestedFor(urlEqualTo(BATCH)))).extracting(r -> ids(r.getBodyAsString()))
                .containsExactly(List.of("a", "b", "c"), List.of("d", "e", "f"), List.of("g"));
        assertThat(count("DELIVERED")).isEqualTo(7);
        assertThat(jdbc.sql("select count(*) from outbox_message where last_error is not null").query(Long.class).single())
                .isZero();
    }

    @Test
    void aReceiverWithoutTheBatchEndpointGetsTheMessagesOneByOne() throws Exception {
        // No stub for the batch URL: WireMock answers 404, as an older billing would.
        other.stubFor(post(CARE).willReturn(aResponse().withStatus(201)));
        queueVisits("p", "q", "r", "s");

        relay.relay();

        other.verify(2, postRequestedFor(urlEqualTo(BATCH)));
        List<String> singles = new ArrayList<>();
        for (LoggedRequest r : other.findAll(postRequestedFor(urlEqualTo(CARE)))) {
            singles.add(json.readTree(r.getBodyAsString()).get("hoursEntryId").asString());
            assertThat(r.getHeader("Idempotency-Key")).isEqualTo("billing:" + singles.get(singles.size() - 1));
        }
        assertThat(singles).containsExactly("p", "q", "r", "s");
        assertThat(count("DELIVERED")).isEqualTo(4);

        // 405, or a batch refused as a whole (400): one by one too, so that each message gets its own verdict.
        other.stubFor(post(BATCH).willReturn(aResponse().withStatus(400).withBody("{\"title\":\"bad batch\"}")));
        other.stubFor(post(CARE).withRequestBody(equalToJson("{\"hoursEntryId\":\"bad\",\"version\":1}"))
                .willReturn(aResponse().withStatus(400).withBody("bad visit")));
        queueVisits("t", "bad");
        relay.relay();
        assertThat(row("t")).isEqualTo("DELIVERED 1");
        assertThat(row("bad")).isEqualTo("FAILED 1");
        assertThat(lastError("bad")).isEqualTo("400 bad visit");
    }

    // ---------------------------------------------------------------------------------------------------------

    List<String> ids(String batchBody) {
        List<String> out = new ArrayList<>();
        for (JsonNode n : json.readTree(batchBody)) {
            out.add(n.get("hoursEntryId").asString());
        }
        return out;
    }

    long id(String key) {
        return jdbc.sql("select id from outbox_message where message_key = ?").param(key).query(Long.class).single();
    }

    String row(String key) {
        return jdbc.sql("select status || ' ' || attempts from outbox_message where message_key = ?").param(key)
                .query(String.class).single();
    }

    String lastError(String key) {
        return jdbc.sql("select last_error from outbox_message where message_key = ?").param(key)
                .query(String.class).single();
    }

    int count(String status) {
        return jdbc.sql("select count(*) from outbox_message where status = ?").param(status).query(Integer.class).single();
    }
}
