package care.backoffice.payroll.hours;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.UUID;

/**
 * Ids for new hours entries: RFC 9562 version 7 UUIDs (48 bits of Unix milliseconds, then 74 random bits).
 *
 * <p>Why not {@link UUID#randomUUID()}: a bulk submission inserts 10,000 keys into hours_entry's primary key and
 * 8,000 message keys ({@code id:1}) into the outbox's unique index. Random keys land on 10,000 random index pages
 * of an ever larger index; time-ordered keys land together at its right-hand end. Measured on PostgreSQL 17 with
 * 300,000 rows already stored: about a fifth less PostgreSQL CPU for the COPY and the outbox rows (README,
 * "Hours intake"). The ids stay unguessable enough for what they are (the random part comes from SecureRandom, and
 * every read checks the caller's team anyway). JDK 17 makes only version 3 and 4 UUIDs, and the build has no UUID
 * library, hence these few lines.
 */
final class EntryIds {

    private static final SecureRandom RANDOM = new SecureRandom();

    private EntryIds() {}

    /** {@code n} new ids, in ascending order of their time part (one SecureRandom call for all of them). */
    static UUID[] next(int n) {
        ByteBuffer random = ByteBuffer.wrap(new byte[n * 10]);
        RANDOM.nextBytes(random.array());
        long millis = System.currentTimeMillis();
        UUID[] ids = new UUID[n];
        for (int i = 0; i < n; i++) {
            long randA = random.getShort() & 0x0fffL;
            long randB = random.getLong();
            ids[i] = new UUID((millis << 16) | 0x7000L | randA, (randB & 0x3fffffffffffffffL) | 0x8000000000000000L);
        }
        return ids;
    }
}
