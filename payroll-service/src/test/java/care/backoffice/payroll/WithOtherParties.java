package care.backoffice.payroll;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Payroll with the other parties it talks to stood in by one WireMock server: billing-service and finance-service
 * (through the outbox) and Keycloak (the token endpoint for our client credentials). The relay's schedule is pushed
 * out of the way, so tests deliver by calling {@code OutboxRelay.deliverDue()} themselves.
 */
public abstract class WithOtherParties extends PayrollIntegrationTest {

    protected static final WireMockServer others = new WireMockServer(WireMockConfiguration.options().dynamicPort());

    static {
        others.start();
    }

    @DynamicPropertySource
    static void otherParties(DynamicPropertyRegistry registry) {
        registry.add("backoffice.services.billing.url", others::baseUrl);
        registry.add("backoffice.services.finance.url", others::baseUrl);
        registry.add("backoffice.oauth.token-uri", () -> others.baseUrl() + "/realms/backoffice/protocol/openid-connect/token");
        registry.add("backoffice.keycloak.url", others::baseUrl);
    }

    @Autowired
    protected JdbcClient jdbc;

    /** A fresh stand-in: Keycloak hands out our service token; no other answers until a test sets them. */
    protected void resetOthers() {
        others.resetAll();
        others.stubFor(post("/realms/backoffice/protocol/openid-connect/token").willReturn(aResponse()
                .withHeader("Content-Type", "application/json")
                .withBody("{\"access_token\":\"payroll-service-token\",\"token_type\":\"Bearer\",\"expires_in\":300}")));
        jdbc.sql("delete from outbox_message").update();
    }
}
