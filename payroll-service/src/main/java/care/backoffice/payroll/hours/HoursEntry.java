package care.backoffice.payroll.hours;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.UUID;

/** One checked entry, ready to store. */
record HoursEntry(UUID id, UUID employeeId, String team, LocalDate date, LocalTime start, int minutes,
        Activity activity, String clientId, String careType, String submittedBy, Instant submittedAt) {

    LocalDateTime from() {
        return date.atTime(start);
    }

    LocalDateTime until() {
        return from().plusMinutes(minutes);
    }
}
