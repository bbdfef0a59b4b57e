package care.backoffice.billing;

import care.backoffice.testing.TestDatabase;
import care.backoffice.testing.TestTokens;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base for billing tests: the whole service on a real PostgreSQL, tokens verified as in production, and
 * WireMock standing in for finance-service (the journal's receiver). One Spring context for all tests.
 */
@SpringBootTest
@AutoConfigureMockMvc
public abstract class BillingIntegrationTest {

    protected static final WireMockServer FINANCE = new WireMockServer(WireMockConfiguration.options().dynamicPort());

    static {
        FINANCE.start();
    }

    @DynamicPropertySource
    static void realDatabaseAndTokens(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry, "billing");
        TestTokens.register(registry);
        registry.add("backoffice.services.finance.url", FINANCE::baseUrl);
        // No Keycloak in tests: the relay calls WireMock without a client-credentials token.
        registry.add("backoffice.oauth.client-id", () -> "");
        registry.add("backoffice.outbox.poll-interval", () -> "PT0.3S");
        registry.add("backoffice.outbox.initial-delay", () -> "PT0.3S");
        // Tests validate a handful of small documents: warming the validator up on large ones would only slow them.
        // The benchmark keeps the service's default.
        if (!Boolean.getBoolean("benchmark")) {
            registry.add("billing.peppol.warm-up-lines", () -> "1");
            // Small slices, so that every test run commits its pricing in several transactions, as a month does.
            registry.add("billing.runs.price-slice", () -> "3");
        }
    }
}
