package care.backoffice.payroll;

import care.backoffice.testing.TestDatabase;
import care.backoffice.testing.TestTokens;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Base for payroll tests: the whole service on a real PostgreSQL, tokens verified as in production. */
@SpringBootTest(properties = {
        // No real Keycloak in these tests: nothing listens here, so logins stay pending unless a test stands one in.
        "backoffice.keycloak.url=http://127.0.0.1:9", "backoffice.keycloak.timeout=PT1S",
        // Scheduled retries would race the tests' own calls; tests run them explicitly.
        "backoffice.keycloak.retry-initial-delay=PT1H", "backoffice.outbox.initial-delay=PT1H"})
@AutoConfigureMockMvc
public abstract class PayrollIntegrationTest {

    @DynamicPropertySource
    static void realDatabaseAndTokens(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry, "payroll");
        TestTokens.register(registry);
    }
}
