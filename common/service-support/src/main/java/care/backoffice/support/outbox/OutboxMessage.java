package care.backoffice.support.outbox;

import java.time.OffsetDateTime;

/** A hand-off as the back office sees it: where it goes, how often it was tried, and why it last failed. */
public record OutboxMessage(long id, String destination, String path, String messageKey, String payload,
        String status, int attempts, OffsetDateTime nextAttemptAt, String lastError, OffsetDateTime createdAt,
        OffsetDateTime deliveredAt) {}
