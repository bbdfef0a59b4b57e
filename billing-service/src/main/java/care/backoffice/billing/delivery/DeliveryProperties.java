package care.backoffice.billing.delivery;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code billing.delivery.*}: the relay's pace and patience, and the access point provider's address and key
 * (from the environment; see application.yml and the README).
 */
@ConfigurationProperties("billing.delivery")
public record DeliveryProperties(boolean enabled, int batchSize, Duration lease, int maxAttempts,
        Duration firstRetryAfter, Duration longestRetryWait, String instance, Peppol peppol, Email email) {

    /** The access point provider's API: base URL, API key, and how long to wait for it. */
    public record Peppol(String url, String apiKey, Duration connectTimeout, Duration readTimeout) {}

    /** The sender of invoice emails. */
    public record Email(String from) {}

    public RetryPolicy retryPolicy() {
        return new RetryPolicy(maxAttempts, firstRetryAfter, longestRetryWait);
    }

    /** The name this instance records on its claims and events: the configured one, else pid@host. */
    public String instanceName() {
        return instance != null && !instance.isBlank() ? instance
                : java.lang.management.ManagementFactory.getRuntimeMXBean().getName();
    }
}
