package care.backoffice.billing.delivery;

import java.time.Duration;

/**
 * How long the relay waits before trying a delivery again, and when it stops trying. The wait doubles from
 * {@code firstWait} after each failed attempt up to {@code longestWait}; after {@code maxAttempts} failed attempts
 * the delivery is FAILED and waits for the back office. With the defaults (10 attempts, 1 minute doubling to 2 hours)
 * an access point or mail server that is down for up to about six hours delays a document; a longer outage lists it.
 */
public record RetryPolicy(int maxAttempts, Duration firstWait, Duration longestWait) {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("billing.delivery.max-attempts must be at least 1, not " + maxAttempts);
        }
        if (firstWait.isNegative() || longestWait.compareTo(firstWait) < 0) {
            throw new IllegalArgumentException("billing.delivery: first-retry-after must be ≥ 0 and ≤ longest-retry-wait");
        }
    }

    /** The wait after the given number of failed attempts (1 = the first attempt failed). */
    public Duration waitAfter(int failedAttempts) {
        Duration wait = firstWait;
        for (int i = 1; i < failedAttempts && wait.compareTo(longestWait) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(longestWait) > 0 ? longestWait : wait;
    }

    /** Whether this many failed attempts are enough to stop and ask the back office. */
    public boolean givesUpAfter(int failedAttempts) {
        return failedAttempts >= maxAttempts;
    }
}
