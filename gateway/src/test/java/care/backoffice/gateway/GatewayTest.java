package care.backoffice.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import care.backoffice.testing.TestTokens;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"backoffice.gateway.max-request-size=1KB", "backoffice.gateway.rate-limit.capacity=30",
                "backoffice.gateway.rate-limit.refill-per-second=1"})
class GatewayTest {

    /** Stands in for the four services behind the gateway. */
    static final WireMockServer services = new WireMockServer(WireMockConfiguration.options().dynamicPort());

    static {
        services.start();
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestTokens.register(registry);
        for (String s : new String[] {"BILLING_URL", "PAYROLL_URL", "FINANCE_URL", "PROCUREMENT_URL"}) {
            registry.add(s, services::baseUrl);
        }
    }

    @AfterAll
    static void stop() {
        services.stop();
    }

    @LocalServerPort
    int port;

    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void stubs() {
        services.resetAll();
        services.stubFor(get("/api/finance/accounts").willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withBody("[{\"code\":\"0010\"}]")));
        services.stubFor(post("/api/payroll/hours").willReturn(aResponse().withStatus(201)));
        services.stubFor(get("/api/billing/api-docs").willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withBody("{\"openapi\":\"3.1.0\"}")));
    }

    @Test
    void routesAnAuthenticatedRequestWithItsTokenAndACorrelationId() throws Exception {
        String token = TestTokens.teamMember("team-arnhem-noord");
        HttpResponse<String> res = send(HttpRequest.newBuilder(uri("/api/finance/accounts"))
                .header("Authorization", "Bearer " + token).GET());

        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.body()).contains("0010");
        String correlationId = res.headers().firstValue("X-Correlation-Id").orElseThrow();
        services.verify(getRequestedFor(urlEqualTo("/api/finance/accounts"))
                .withHeader("Authorization", equalTo("Bearer " + token))
                .withHeader("X-Correlation-Id", equalTo(correlationId)));
    }

    @Test
    void keepsTheCallersCorrelationIdButNotAnUnsafeOne() throws Exception {
        String token = TestTokens.backOffice();
        HttpResponse<String> kept = send(HttpRequest.newBuilder(uri("/api/finance/accounts"))
                .header("Authorization", "Bearer " + token).header("X-Correlation-Id", "month-end-2026-10").GET());
        assertThat(kept.headers().firstValue("X-Correlation-Id")).hasValue("month-end-2026-10");

        HttpResponse<String> replaced = send(HttpRequest.newBuilder(uri("/api/finance/accounts"))
                .header("Authorization", "Bearer " + token).header("X-Correlation-Id", "x y;drop table <script>").GET());
        assertThat(replaced.headers().firstValue("X-Correlation-Id").orElseThrow()).matches("[0-9a-f-]{36}");
    }

    @Test
    void refusesMissingExpiredUnsignedAndForeignTokensBeforeAnyServiceSeesThem() throws Exception {
        assertThat(send(HttpRequest.newBuilder(uri("/api/finance/accounts")).GET()).statusCode()).isEqualTo(401);
        for (String bad : List.of(TestTokens.expired("team-arnhem-noord"), TestTokens.unsigned(),
                TestTokens.signedByStranger(), TestTokens.forAnotherAudience())) {
            HttpResponse<String> res = send(HttpRequest.newBuilder(uri("/api/finance/accounts"))
                    .header("Authorization", "Bearer " + bad).GET());
            assertThat(res.statusCode()).isEqualTo(401);
            assertThat(res.headers().firstValue("Content-Type")).hasValueSatisfying(
                    ct -> assertThat(ct).startsWith("application/problem+json"));
        }
        services.verify(0, getRequestedFor(urlEqualTo("/api/finance/accounts")));
    }

    @Test
    void anUnknownRouteIsNotFoundNotAServerError() throws Exception {
        HttpResponse<String> res = send(HttpRequest.newBuilder(uri("/api/nowhere/at-all"))
                .header("Authorization", "Bearer " + TestTokens.backOffice()).GET());
        assertThat(res.statusCode()).isEqualTo(404);
    }

    @Test
    void refusesABodyOverTheCap() throws Exception {
        String token = TestTokens.teamMember("team-arnhem-noord");
        HttpResponse<String> small = send(HttpRequest.newBuilder(uri("/api/payroll/hours"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("[]")));
        assertThat(small.statusCode()).isEqualTo(201);

        HttpResponse<String> big = send(HttpRequest.newBuilder(uri("/api/payroll/hours"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("[\"" + "x".repeat(4096) + "\"]")));
        assertThat(big.statusCode()).isEqualTo(413);
        assertThat(big.headers().firstValue("Content-Type")).hasValueSatisfying(
                ct -> assertThat(ct).startsWith("application/problem+json"));
        assertThat(big.body()).contains("at most 1024");
    }

    @Test
    void limitsTheRatePerClientWithoutSlowingOthers() throws Exception {
        String flooder = TestTokens.withRoles("flooding-script", "team-leeds-east", "team-member");
        List<Integer> statuses = new ArrayList<>();
        String retryAfter = null;
        for (int i = 0; i < 40; i++) {
            HttpResponse<String> res = send(HttpRequest.newBuilder(uri("/api/finance/accounts"))
                    .header("Authorization", "Bearer " + flooder).GET());
            statuses.add(res.statusCode());
            if (res.statusCode() == 429) {
                retryAfter = res.headers().firstValue("Retry-After").orElse(null);
            }
        }
        assertThat(statuses).contains(429);
        assertThat(statuses.stream().filter(s -> s == 200).count()).isBetween(30L, 32L);
        assertThat(retryAfter).isNotNull();

        HttpResponse<String> someoneElse = send(HttpRequest.newBuilder(uri("/api/finance/accounts"))
                .header("Authorization", "Bearer " + TestTokens.teamMember("team-arnhem-noord")).GET());
        assertThat(someoneElse.statusCode()).isEqualTo(200);
    }

    @Test
    void servesTheCombinedApiDocsWithoutAToken() throws Exception {
        HttpResponse<String> config = send(HttpRequest.newBuilder(uri("/api-docs/swagger-config")).GET());
        assertThat(config.statusCode()).isEqualTo(200);
        assertThat(config.body()).contains("/api/billing/api-docs", "/api/payroll/api-docs",
                "/api/finance/api-docs", "/api/procurement/api-docs");
        HttpResponse<String> billingDocs = send(HttpRequest.newBuilder(uri("/api/billing/api-docs")).GET());
        assertThat(billingDocs.statusCode()).isEqualTo(200);
        assertThat(billingDocs.body()).contains("openapi");
        services.verify(getRequestedFor(urlEqualTo("/api/billing/api-docs"))
                .withHeader("X-Correlation-Id", matching(".+")));
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
