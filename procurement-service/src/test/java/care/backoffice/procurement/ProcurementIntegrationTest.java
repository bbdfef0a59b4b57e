package care.backoffice.procurement;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import care.backoffice.testing.TestDatabase;
import care.backoffice.testing.TestTokens;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base for procurement tests: the whole service on a real PostgreSQL, tokens verified as in production.
 * One WireMock server stands in for the outside world: suppliers' order endpoints, Keycloak's token endpoint
 * (for our client-credentials calls) and finance-service. The dispatcher and the outbox relay do not run on
 * their timers; tests run them when they want to see them work.
 */
@SpringBootTest(properties = {"procurement.dispatch.scheduled=false", "backoffice.outbox.initial-delay=PT1H"})
@AutoConfigureMockMvc
public abstract class ProcurementIntegrationTest {

    protected static final WireMockServer OUTSIDE = new WireMockServer(WireMockConfiguration.options().dynamicPort());

    static {
        OUTSIDE.start();
        Runtime.getRuntime().addShutdownHook(new Thread(OUTSIDE::stop));
    }

    @DynamicPropertySource
    static void realDatabaseAndTokens(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry, "procurement");
        TestTokens.register(registry);
        registry.add("backoffice.services.finance.url", () -> OUTSIDE.baseUrl() + "/finance");
        registry.add("backoffice.oauth.client-id", () -> "procurement-service");
        registry.add("backoffice.oauth.client-secret", () -> "test-only");
        registry.add("backoffice.oauth.token-uri", () -> OUTSIDE.baseUrl() + "/token");
    }

    /** Keycloak's answer to our client-credentials request, for tests that let the outbox relay run. */
    protected static void stubTokenEndpoint() {
        OUTSIDE.stubFor(post(urlEqualTo("/token")).willReturn(aResponse().withHeader("Content-Type", "application/json")
                .withBody("{\"access_token\":\"procurement-service-token\",\"token_type\":\"Bearer\",\"expires_in\":300}")));
    }

    protected static String supplierUrl(String path) {
        return OUTSIDE.baseUrl() + path;
    }
}
