package care.backoffice.billing;

import care.backoffice.testing.TestDatabase;
import care.backoffice.testing.TestTokens;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base for billing tests: the whole service on a real PostgreSQL, tokens verified as in production,
 * WireMock standing in for finance-service (the journal's receiver) and for the PEPPOL access point provider, and a
 * real SMTP server (GreenMail) for invoice emails. One Spring context for all tests.
 */
@SpringBootTest
@AutoConfigureMockMvc
public abstract class BillingIntegrationTest {

    protected static final WireMockServer FINANCE = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    /** The organisation's PEPPOL access point provider, an outside party; accepts every document unless told otherwise. */
    protected static final WireMockServer PEPPOL_AP = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    protected static final String PEPPOL_AP_KEY = "test-access-point-key";
    /** A real SMTP server for invoice emails, with the one account billing logs in as. */
    protected static final GreenMail SMTP = new GreenMail(ServerSetupTest.SMTP.dynamicPort());

    static {
        FINANCE.start();
        PEPPOL_AP.start();
        acceptEveryPeppolDocument();
        SMTP.setUser("billing@care.example", "billing-smtp", "smtp-test-secret");
        SMTP.start();
    }

    /** The access point's default answer: accepted, with a message id of its own derived from our Idempotency-Key. */
    protected static void acceptEveryPeppolDocument() {
        PEPPOL_AP.stubFor(WireMock.post(WireMock.urlEqualTo("/documents")).atPriority(10)
                .willReturn(WireMock.aResponse().withStatus(202).withHeader("Content-Type", "application/json")
                        .withBody("{\"messageId\": \"ap-{{request.headers.Idempotency-Key}}\"}")
                        .withTransformers("response-template")));
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
        // Deliveries are sent by the tests calling the relay (DeliveryRelay.deliverDue), so that what was sent when
        // is theirs to say; the scheduled relay of the service stays idle.
        registry.add("billing.delivery.enabled", () -> "false");
        registry.add("billing.delivery.batch-size", () -> "3");
        registry.add("billing.delivery.max-attempts", () -> "3");
        registry.add("billing.delivery.first-retry-after", () -> "PT0.5S");
        registry.add("billing.delivery.longest-retry-wait", () -> "PT1S");
        registry.add("billing.delivery.peppol.url", PEPPOL_AP::baseUrl);
        registry.add("billing.delivery.peppol.api-key", () -> PEPPOL_AP_KEY);
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
        registry.add("spring.mail.username", () -> "billing-smtp");
        registry.add("spring.mail.password", () -> "smtp-test-secret");
        registry.add("spring.mail.properties.mail.smtp.auth", () -> "true");
        // Tests validate a handful of small documents: warming the validator up on large ones would only slow them.
        // The benchmark keeps the service's default.
        if (!Boolean.getBoolean("benchmark")) {
            registry.add("billing.peppol.warm-up-lines", () -> "1");
            // Small slices, so that every test run commits its pricing in several transactions, as a month does.
            registry.add("billing.runs.price-slice", () -> "3");
        }
    }
}
