package care.backoffice.payroll;

import care.backoffice.testing.TestDatabase;
import care.backoffice.testing.TestTokens;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Base for payroll tests: the whole service on a real PostgreSQL, tokens verified as in production. */
@SpringBootTest
@AutoConfigureMockMvc
public abstract class PayrollIntegrationTest {

    @DynamicPropertySource
    static void realDatabaseAndTokens(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry, "payroll");
        TestTokens.register(registry);
    }
}
