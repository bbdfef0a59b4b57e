package care.backoffice.payroll.hours;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import care.backoffice.support.outbox.OutboxRelay;
import care.backoffice.testing.TestTokens;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

/**
 * Care delivered reaches billing-service through the outbox, in batches ({@code POST /api/billing/care-delivered/batch})
 * or one by one to a billing without that endpoint: every version once, in order, none lost while billing is down.
 */
class CareDeliveredHandOffTest extends HoursFixture {

    static final String BILLING = "/api/billing/care-delivered";
    /** Where the relay posts care delivered, 500 visits at a time (payroll's application.yml). */
    static final String BATCH = BILLING + "/batch";

    @Autowired
    OutboxRelay relay;

    String team;
    String token;
    UUID anna;

    @BeforeEach
    void setUp() {
        resetOthers();
        team = newTeam();
        token = TestTokens.teamMember(team);
        anna = colleague(team, "Anna", "de Vries", TODAY.minusYears(1), null);
    }

    /**
     * Billing answering every visit with this status: a batch with one item per visit, in order, as its batch
     * endpoint does (an error status fails the batch request as a whole), and a single visit as its single endpoint.
     */
    void billingAnswers(int status) {
        others.stubFor(post(BILLING).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json").withBody("{}")));
        others.stubFor(post(BATCH).willReturn(status >= 400
                ? aResponse().withStatus(status).withHeader("Content-Type", "application/problem+json")
                        .withBody("{\"status\":" + status + "}")
                : aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("[{{#each (parseJson request.body)}}{{#unless @first}},{{/unless}}{\"status\":" + status
                                + ",\"answer\":{\"hoursEntryId\":\"{{this.hoursEntryId}}\"}}{{/each}}]")
                        .withTransformers("response-template")));
    }

    /** The visits billing received in batch requests, request by request, each as its JSON. */
    List<List<JsonNode>> batchesReceived() {
        List<List<JsonNode>> out = new ArrayList<>();
        for (LoggedRequest r : others.findAll(postRequestedFor(urlEqualTo(BATCH)))) {
            List<JsonNode> visits = new ArrayList<>();
            json.readTree(r.getBodyAsString()).forEach(visits::add);
            out.add(visits);
        }
        return out;
    }

    @Test
    void everyCareEntryOfABulkSubmissionIsHandedToBillingOnceWithTheAgreedShape() throws Exception {
        billingAnswers(201);
        LocalDate day = TODAY.minusDays(4);
        List<UUID> ids = submitted(token,
                care(anna, day, "08:00", 45, "client-17"),
                other(anna, day, "08:45", 15, "TRAVEL"),
                entry(anna, day, "09:00", 30, "CARE", "client-4", "NURSING_CARE"));

        assertThat(outboxMessages("PENDING")).as("TRAVEL is not care delivered").isEqualTo(2);
        relay.deliverDue();
        relay.deliverDue();

        others.verify(1, postRequestedFor(urlEqualTo(BATCH)));
        others.verify(0, postRequestedFor(urlEqualTo(BILLING)));
        others.verify(1, postRequestedFor(urlEqualTo(BATCH))
                .withHeader("Authorization", equalTo("Bearer payroll-service-token"))
                .withRequestBody(equalToJson("""
                        [{"hoursEntryId":"%s","version":1,"status":"ACTIVE","team":"%s","employeeId":"%s",
                          "clientId":"client-17","careType":"PERSONAL_CARE","date":"%s","start":"08:00","minutes":45,
                          "plannedMinutes":null},
                         {"hoursEntryId":"%s","version":1,"status":"ACTIVE","team":"%s","employeeId":"%s",
                          "clientId":"client-4","careType":"NURSING_CARE","date":"%s","start":"09:00","minutes":30,
                          "plannedMinutes":null}]""".formatted(ids.get(0), team, anna, day, ids.get(2), team, anna, day))));
        assertThat(outboxMessages("DELIVERED")).isEqualTo(2);
    }

    @Test
    void aBillingWithoutTheBatchEndpointGetsEveryVisitOneByOneWithTheAgreedShape() throws Exception {
        // Only the single endpoint: the batch URL answers WireMock's 404, as a billing-service of before batches would.
        others.stubFor(post(BILLING).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody("{}")));
        LocalDate day = TODAY.minusDays(4);
        List<UUID> ids = submitted(token, care(anna, day, "08:00", 45, "client-17"),
                entry(anna, day, "09:00", 30, "CARE", "client-4", "NURSING_CARE"));

        relay.deliverDue();
        relay.deliverDue();

        others.verify(2, postRequestedFor(urlEqualTo(BILLING)));
        others.verify(1, postRequestedFor(urlEqualTo(BILLING))
                .withHeader("Authorization", equalTo("Bearer payroll-service-token"))
                .withHeader("Idempotency-Key", equalTo("billing:" + ids.get(0) + ":1"))
                .withRequestBody(equalToJson("""
                        {"hoursEntryId":"%s","version":1,"status":"ACTIVE","team":"%s","employeeId":"%s",
                         "clientId":"client-17","careType":"PERSONAL_CARE","date":"%s","start":"08:00","minutes":45,
                         "plannedMinutes":null}""".formatted(ids.get(0), team, anna, day))));
        others.verify(1, postRequestedFor(urlEqualTo(BILLING))
                .withRequestBody(matchingJsonPath("$.hoursEntryId", equalTo(ids.get(1).toString())))
                .withRequestBody(matchingJsonPath("$.careType", equalTo("NURSING_CARE"))));
        assertThat(outboxMessages("DELIVERED")).isEqualTo(2);
    }

    @Test
    void aClientIdWithQuotesBackslashesAndTabsReachesBillingAndThePayrollRecordUnchanged() throws Exception {
        billingAnswers(201);
        String client = "O'Brien \"Jr\", ward\\7\tbed 2";
        String escaped = client.replace("\\", "\\\\").replace("\"", "\\\"").replace("\t", "\\t");
        UUID id = submitted(token, care(anna, TODAY.minusDays(5), "08:00", 30, escaped)).get(0);

        relay.deliverDue();
        others.verify(1, postRequestedFor(urlEqualTo(BATCH))
                .withRequestBody(matchingJsonPath("$[0].hoursEntryId", equalTo(id.toString())))
                .withRequestBody(matchingJsonPath("$[0].clientId", equalTo(client))));
        assertThat(jdbc.sql("select client_id from hours_entry where id = ?").param(id).query(String.class).single())
                .isEqualTo(client);
    }

    @Test
    void whileBillingIsDownNothingIsLostAndNothingIsSentTwice() throws Exception {
        billingAnswers(503);
        LocalDate day = TODAY.minusDays(3);
        submitted(token, care(anna, day, "10:00", 60, "client-1"), care(anna, day, "11:00", 60, "client-2"));

        java.time.OffsetDateTime beforeTheAttempt = jdbc.sql("select now()").query(java.time.OffsetDateTime.class).single();
        relay.deliverDue();
        others.verify(1, postRequestedFor(urlEqualTo(BATCH)));
        assertThat(batchesReceived().get(0)).as("both visits in the one request").hasSize(2);
        assertThat(outboxMessages("PENDING")).as("kept for a retry").isEqualTo(2);
        // Not retried before its back-off: the relay sets the next attempt at least 2 s after its own start. (Asking
        // the relay again at once, as this test did, fails on a machine loaded enough for the attempt itself to last
        // over 2 s: it did at load averages above 20, with the intake's code before and after its rewrite.)
        assertThat(jdbc.sql("""
                select count(*) from outbox_message where status = 'PENDING' and attempts = 1
                and next_attempt_at >= cast(? as timestamptz) + interval '2 seconds'""").param(beforeTheAttempt).query(Long.class).single())
                .as("not retried before its back-off").isEqualTo(2);

        // Billing is back; the back-off has passed.
        others.resetRequests();
        billingAnswers(201);
        jdbc.sql("update outbox_message set next_attempt_at = now()").update();
        relay.deliverDue();
        relay.deliverDue();
        others.verify(1, postRequestedFor(urlEqualTo(BATCH)));
        others.verify(0, postRequestedFor(urlEqualTo(BILLING)));
        assertThat(batchesReceived().get(0)).extracting(v -> v.get("clientId").asString())
                .containsExactly("client-1", "client-2");
        assertThat(outboxMessages("DELIVERED")).isEqualTo(2);
    }

    @Test
    void amendmentsAndVoidsTravelAsNewVersionsOfTheSameVisit() throws Exception {
        billingAnswers(200);
        LocalDate day = TODAY.minusDays(2);
        List<UUID> ids = submitted(token, care(anna, day, "08:00", 45, "client-17"),
                care(anna, day, "13:00", 30, "client-9"), other(anna, day, "15:00", 30, "ADMIN"));
        UUID visit = ids.get(0);

        mvc.perform(patch("/api/payroll/hours/" + visit).header("Authorization", "Bearer " + token)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"minutes\":50,\"reason\":\"stayed longer\"}"))
                .andExpect(status().isOk());
        mvc.perform(delete("/api/payroll/hours/" + visit).param("reason", "visit was cancelled")
                        .header("Authorization", "Bearer " + token))
                .andExpect(status().isOk());
        // A visit that was booked as care but was in fact admin: billing withdraws it.
        mvc.perform(patch("/api/payroll/hours/" + ids.get(1)).header("Authorization", "Bearer " + token)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"activity\":\"ADMIN\"}"))
                .andExpect(status().isOk());
        // Admin that was in fact care: billing hears of it for the first time, at version 2.
        mvc.perform(patch("/api/payroll/hours/" + ids.get(2)).header("Authorization", "Bearer " + token)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"activity\":\"CARE\",\"clientId\":\"client-3\",\"careType\":\"SOCIAL_SUPPORT\"}"))
                .andExpect(status().isOk());

        relay.deliverDue();
        relay.deliverDue();
        // One batch, in the order the changes were made: each visit's versions oldest first.
        others.verify(1, postRequestedFor(urlEqualTo(BATCH)));
        others.verify(1, postRequestedFor(urlEqualTo(BATCH)).withRequestBody(equalToJson("""
                [{"hoursEntryId":"%1$s","version":1,"status":"ACTIVE","team":"%2$s","employeeId":"%3$s",
                  "clientId":"client-17","careType":"PERSONAL_CARE","date":"%4$s","start":"08:00","minutes":45,
                  "plannedMinutes":null},
                 {"hoursEntryId":"%5$s","version":1,"status":"ACTIVE","team":"%2$s","employeeId":"%3$s",
                  "clientId":"client-9","careType":"PERSONAL_CARE","date":"%4$s","start":"13:00","minutes":30,
                  "plannedMinutes":null},
                 {"hoursEntryId":"%1$s","version":2,"status":"ACTIVE","team":"%2$s","employeeId":"%3$s",
                  "clientId":"client-17","careType":"PERSONAL_CARE","date":"%4$s","start":"08:00","minutes":50,
                  "plannedMinutes":null},
                 {"hoursEntryId":"%1$s","version":3,"status":"VOID","team":"%2$s","employeeId":"%3$s",
                  "clientId":"client-17","careType":"PERSONAL_CARE","date":"%4$s","start":"08:00","minutes":50,
                  "plannedMinutes":null},
                 {"hoursEntryId":"%5$s","version":2,"status":"VOID","team":"%2$s","employeeId":"%3$s",
                  "clientId":"client-9","careType":"PERSONAL_CARE","date":"%4$s","start":"13:00","minutes":30,
                  "plannedMinutes":null},
                 {"hoursEntryId":"%6$s","version":2,"status":"ACTIVE","team":"%2$s","employeeId":"%3$s",
                  "clientId":"client-3","careType":"SOCIAL_SUPPORT","date":"%4$s","start":"15:00","minutes":30,
                  "plannedMinutes":null}]""".formatted(visit, team, anna, day, ids.get(1), ids.get(2)))));
        assertThat(outboxMessages("DELIVERED")).isEqualTo(6);
    }

    @Test
    void aBulkSubmissionReachesBillingInBatchesEveryVisitOnceAndOutlastsABillingThatIsDown() throws Exception {
        List<UUID> colleagues = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            colleagues.add(colleague(team, "Nurse", "Bulk-" + i, TODAY.minusYears(1), null));
        }
        // 2,500 visits: 10 colleagues x 5 days x 50 visits of 15 minutes (and some travel, which billing never sees).
        List<String> entries = new ArrayList<>();
        for (UUID c : colleagues) {
            for (int d = 2; d <= 6; d++) {
                for (int v = 0; v < 50; v++) {
                    entries.add(care(c, TODAY.minusDays(d), String.format("%02d:%02d", v * 15 / 60, v * 15 % 60), 15,
                            "client-" + (v % 7)));
                }
                entries.add(other(c, TODAY.minusDays(d), "13:00", 30, "TRAVEL"));
            }
        }
        billingAnswers(503);
        List<UUID> ids = submitted(token, entries.toArray(String[]::new));
        Set<String> care = new HashSet<>();
        for (int i = 0; i < ids.size(); i++) {
            if ((i + 1) % 51 != 0) {
                care.add(ids.get(i).toString());
            }
        }
        assertThat(care).hasSize(2500);
        assertThat(outboxMessages("PENDING")).isEqualTo(2500);

        // Billing is down: one request fails, its 500 visits wait for their back-off and the 2,000 behind them wait
        // their turn; nothing is lost.
        relay.relay();
        others.verify(1, postRequestedFor(urlEqualTo(BATCH)));
        assertThat(outboxMessages("PENDING")).isEqualTo(2500);
        assertThat(jdbc.sql("select count(*) from outbox_message where destination = 'billing' and attempts = 1")
                .query(Long.class).single()).isEqualTo(500);

        // Billing is back; the back-off has passed. One scheduled pass delivers the whole backlog.
        others.resetRequests();
        billingAnswers(201);
        jdbc.sql("update outbox_message set next_attempt_at = now()").update();
        relay.relay();

        List<List<JsonNode>> batches = batchesReceived();
        assertThat(batches).hasSize(5).allSatisfy(b -> assertThat(b).hasSize(500));
        List<String> received = new ArrayList<>();
        batches.forEach(b -> b.forEach(v -> received.add(v.get("hoursEntryId").asString())));
        assertThat(received).as("every visit exactly once").hasSize(2500).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(care);
        assertThat(received).as("in the order they were submitted")
                .isEqualTo(ids.stream().map(UUID::toString).filter(care::contains).toList());
        others.verify(0, postRequestedFor(urlEqualTo(BILLING)));
        assertThat(outboxMessages("DELIVERED")).isEqualTo(2500);

        relay.relay();
        assertThat(batchesReceived()).as("nothing is sent twice").hasSize(5);
    }

    @Test
    void aRejectedSubmissionOrAmendmentHandsNothingToBilling() throws Exception {
        LocalDate day = TODAY.minusDays(2);
        submit(token, care(anna, day, "08:00", 45, "client-17"), care(anna, day, "08:30", 45, "client-18"))
                .andExpect(status().isBadRequest());
        submit(token, entry(anna, day, "08:00", 45, "CARE", "client-17", "HAIRDRESSING"))
                .andExpect(status().isBadRequest());
        UUID visit = submitted(token, care(anna, day, "10:00", 30, "client-17")).get(0);
        long queued = outboxMessages("PENDING");
        mvc.perform(patch("/api/payroll/hours/" + visit).header("Authorization", "Bearer " + token)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"minutes\":0}"))
                .andExpect(status().isBadRequest());
        mvc.perform(delete("/api/payroll/hours/" + visit).header("Authorization", "Bearer " + token))
                .andExpect(status().isBadRequest());
        assertThat(queued).isEqualTo(1);
        assertThat(outboxMessages("PENDING")).isEqualTo(1);
    }
}
