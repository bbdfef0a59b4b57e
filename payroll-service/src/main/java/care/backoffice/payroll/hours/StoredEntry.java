package care.backoffice.payroll.hours;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.UUID;

/** An hours entry as it stands now: its current version, and whether it was voided. */
record StoredEntry(UUID id, UUID employeeId, String team, LocalDate date, LocalTime start, int minutes,
        Activity activity, String clientId, String careType, int version, boolean voided, String madeBy,
        Instant madeAt) {

    LocalDateTime from() {
        return date.atTime(start);
    }

    LocalDateTime until() {
        return from().plusMinutes(minutes);
    }

    StoredEntry next(LocalDate date, LocalTime start, int minutes, Activity activity, String clientId,
            String careType, String by, Instant at) {
        return new StoredEntry(id, employeeId, team, date, start, minutes, activity, clientId, careType, version + 1,
                false, by, at);
    }

    StoredEntry voidedBy(String by, Instant at) {
        return new StoredEntry(id, employeeId, team, date, start, minutes, activity, clientId, careType, version + 1,
                true, by, at);
    }
}
