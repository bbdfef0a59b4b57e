package care.backoffice.payroll.hours;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.UUID;

/**
 * One submitted entry whose fields are well-formed. Small on purpose: a bulk request holds 10,000 of them, and
 * repeated values (the colleague's id, the day, the start time) are one shared object per request, not one per
 * entry (see {@link HoursReader}). The team, the submitter and the time come from the request, not the entry.
 */
record HoursEntry(UUID employeeId, LocalDate date, LocalTime start, int minutes, Activity activity, String clientId,
        String careType) {

    private static final long MICROS_PER_DAY = 86_400_000_000L;

    /**
     * The start in microseconds since 1970-01-01 00:00 local time (PostgreSQL's {@code time} keeps microseconds):
     * the overlap sweep compares plain numbers instead of building two LocalDateTimes per entry.
     */
    static long from(LocalDate date, LocalTime start) {
        return date.toEpochDay() * MICROS_PER_DAY + start.toNanoOfDay() / 1_000;
    }

    static long until(long from, int minutes) {
        return from + minutes * 60_000_000L;
    }

    long from() {
        return from(date, start);
    }

    long until() {
        return until(from(), minutes);
    }
}
