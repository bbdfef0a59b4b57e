package care.backoffice.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import care.backoffice.support.idempotency.IdempotentRequests;
import care.backoffice.support.outbox.Outbox;
import care.backoffice.support.outbox.OutboxRelay;
import care.backoffice.support.problem.ApiException;
import care.backoffice.testing.TestDatabase;
import care.backoffice.testing.TestTokens;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {"backoffice.outbox.initial-delay=PT1H", "backoffice.oauth.client-id=billing-service",
                "backoffice.oauth.client-secret=test-only"})
class OutboxAndIdempotencyTest {

    /** Stands in for finance-service and for Keycloak's token endpoint: other parties, not our database. */
    static final WireMockServer other = new WireMockServer(WireMockConfiguration.options().dynamicPort());

    static {
        other.start();
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry, "support");
        TestTokens.register(registry);
        registry.add("backoffice.services.finance.url", other::baseUrl);
        registry.add("backoffice.oauth.token-uri", () -> other.baseUrl() + "/token");
    }

    @AfterAll
    static void stop() {
        other.stop();
    }

    @Autowired Outbox outbox;
    @Autowired OutboxRelay relay;
    @Autowired IdempotentRequests idempotent;
    @Autowired TransactionTemplate tx;
    @Autowired JdbcClient jdbc;

    @BeforeEach
    void reset() {
        other.resetAll();
        other.stubFor(post("/token").willReturn(aResponse().withHeader("Content-Type", "application/json")
                .withBody("{\"access_token\":\"service-token\",\"token_type\":\"Bearer\",\"expires_in\":300}")));
        jdbc.sql("delete from outbox_message").update();
    }

    @Test
    void aMessageExistsOnlyIfItsBusinessTransactionCommitted() {
        assertThatThrownBy(() -> tx.executeWithoutResult(s -> {
            outbox.enqueue("finance", "/api/finance/journals", "run-1", Map.of("amount", "10.00"));
            throw new IllegalStateException("the business change failed");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(count("PENDING")).isZero();

        tx.executeWithoutResult(s -> outbox.enqueue("finance", "/api/finance/journals", "run-1", Map.of("amount", "10.00")));
        tx.executeWithoutResult(s -> outbox.enqueue("finance", "/api/finance/journals", "run-1", Map.of("amount", "10.00")));
        assertThat(count("PENDING")).as("the same key queued twice is one message").isEqualTo(1);
    }

    @Test
    void aBatchOfMessagesIsQueuedInOneGoWithTheSameKeyRule() {
        tx.executeWithoutResult(s -> outbox.enqueueAll("finance", "/api/finance/journals",
                java.util.List.of(Map.of("n", "1"), Map.of("n", "2"), Map.of("n", "1")), m -> "batch-" + m.get("n")));
        assertThat(count("PENDING")).as("three payloads, two keys").isEqualTo(2);
        assertThatThrownBy(() -> outbox.enqueueAll("finance", "/x", java.util.List.of(Map.of("n", "3")), m -> "batch-3"))
                .as("only inside the business transaction")
                .isInstanceOf(org.springframework.transaction.IllegalTransactionStateException.class);
    }

    @Test
    void deliversWithTheServicesOwnTokenAndOnlyOnce() {
        other.stubFor(post("/api/finance/journals").willReturn(aResponse().withStatus(201)));
        tx.executeWithoutResult(s -> outbox.enqueue("finance", "/api/finance/journals", "run-2", Map.of("amount", "12.50")));

        relay.deliverDue();
        relay.deliverDue();

        other.verify(1, postRequestedFor(urlEqualTo("/api/finance/journals"))
                .withHeader("Authorization", equalTo("Bearer service-token"))
                .withHeader("Idempotency-Key", equalTo("finance:run-2"))
                .withRequestBody(equalToJson("{\"amount\":\"12.50\"}")));
        assertThat(count("DELIVERED")).isEqualTo(1);
    }

    @Test
    void aReceiverThatIsDownDelaysTheHandOffButNeverDropsIt() {
        other.stubFor(post("/api/finance/journals").willReturn(aResponse().withStatus(503)));
        tx.executeWithoutResult(s -> outbox.enqueue("finance", "/api/finance/journals", "run-3", Map.of("amount", "1.00")));

        relay.deliverDue();
        assertThat(count("PENDING")).isEqualTo(1);
        assertThat(relay.deliverDue()).as("not due again before its back-off").isZero();

        other.stubFor(post("/api/finance/journals").willReturn(aResponse().withStatus(201)));
        jdbc.sql("update outbox_message set next_attempt_at = now()").update();
        relay.deliverDue();

        assertThat(count("DELIVERED")).isEqualTo(1);
        other.verify(2, postRequestedFor(urlEqualTo("/api/finance/journals")));
    }

    @Test
    void aRefusedMessageIsKeptAsFailedWithTheReason() {
        other.stubFor(post("/api/finance/journals").willReturn(aResponse().withStatus(409).withBody("different body")));
        tx.executeWithoutResult(s -> outbox.enqueue("finance", "/api/finance/journals", "run-4", Map.of("amount", "1.00")));

        relay.deliverDue();

        assertThat(count("FAILED")).isEqualTo(1);
        assertThat(jdbc.sql("select last_error from outbox_message").query(String.class).single())
                .contains("409").contains("different body");
    }

    @Test
    void aReplayGetsTheFirstAnswerAndADifferentBodyIsAConflict() {
        AtomicInteger created = new AtomicInteger();
        ResponseEntity<?> first = idempotent.once("orders", "key-1", Map.of("item", "laptop"),
                () -> ResponseEntity.status(201).body(Map.of("id", created.incrementAndGet())));
        ResponseEntity<?> replay = idempotent.once("orders", "key-1", Map.of("item", "laptop"),
                () -> ResponseEntity.status(201).body(Map.of("id", created.incrementAndGet())));

        assertThat(created).hasValue(1);
        assertThat(replay.getStatusCode().value()).isEqualTo(201);
        assertThat(replay.getBody()).isEqualTo("{\"id\":1}");
        assertThat(first.getBody()).isEqualTo(Map.of("id", 1));
        assertThatThrownBy(() -> idempotent.once("orders", "key-1", Map.of("item", "monitor"),
                () -> ResponseEntity.status(201).build()))
                .isInstanceOf(ApiException.class).extracting("status").isEqualTo(409);
    }

    @Test
    void oneCallersKeyNeverReplaysAnotherCallersAnswer() {
        ResponseEntity<?> anna = asUser("anna", () -> idempotent.once("orders", "key-9", Map.of("item", "a"),
                () -> ResponseEntity.status(201).body(Map.of("by", "anna"))));
        ResponseEntity<?> chloe = asUser("chloe", () -> idempotent.once("orders", "key-9", Map.of("item", "b"),
                () -> ResponseEntity.status(201).body(Map.of("by", "chloe"))));
        assertThat(anna.getBody()).isEqualTo(Map.of("by", "anna"));
        assertThat(chloe.getBody()).as("not a 409, not anna's answer").isEqualTo(Map.of("by", "chloe"));
    }

    private static <T> T asUser(String name, java.util.function.Supplier<T> action) {
        var jwt = org.springframework.security.oauth2.jwt.Jwt.withTokenValue("t").header("alg", "RS256")
                .claim("preferred_username", name).build();
        org.springframework.security.core.context.SecurityContextHolder.getContext().setAuthentication(
                new org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken(jwt,
                        java.util.List.of(), name));
        try {
            return action.get();
        } finally {
            org.springframework.security.core.context.SecurityContextHolder.clearContext();
        }
    }

    @Test
    void aFailedCreateLeavesTheKeyFree() {
        assertThatThrownBy(() -> idempotent.once("orders", "key-2", Map.of("item", "chair"), () -> {
            throw new IllegalStateException("refused");
        })).isInstanceOf(IllegalStateException.class);
        ResponseEntity<?> retry = idempotent.once("orders", "key-2", Map.of("item", "chair"),
                () -> ResponseEntity.status(201).body(Map.of("id", 7)));
        assertThat(retry.getStatusCode().value()).isEqualTo(201);
    }

    @Test
    void concurrentRequestsWithOneKeyCreateOnce() throws Exception {
        AtomicInteger created = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Callable<ResponseEntity<?>>> calls = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                calls.add(() -> idempotent.once("orders", "key-3", Map.of("item", "bp-monitor"), () -> {
                    int id = created.incrementAndGet();
                    return ResponseEntity.status(201).body(Map.of("id", id));
                }));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<ResponseEntity<?>> f : pool.invokeAll(calls)) {
                statuses.add(f.get().getStatusCode().value());
            }
            assertThat(created).hasValue(1);
            assertThat(statuses).containsOnly(201).hasSize(50);
        } finally {
            pool.shutdownNow();
        }
    }

    private int count(String status) {
        return jdbc.sql("select count(*) from outbox_message where status = ?").param(status).query(Integer.class).single();
    }
}
