package care.backoffice.payroll.hours;

import care.backoffice.support.problem.Problems;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;

/**
 * The rules for amending or voiding one entry, the same as for submitting it: the new version must be inside the
 * employment, not in the future, 1..1440 minutes, CARE with a client and a known care type, not overlapping the
 * person's other entries, and neither the old nor the new date may lie in a pay period already paid (a paid period
 * is corrected by an adjustment in the next run, not by rewriting what was paid). Plain Java: the caller supplies
 * what the database knows.
 */
final class Amendment {

    /** What a PATCH may change; absent fields keep their value. {@code reason} is kept in the history. */
    record Request(String date, String start, Integer minutes, String activity, String clientId, String careType,
            String reason) {}

    /** What the rules need to know besides the entry itself. */
    record Context(LocalDate today, LocalDate employeeStart, LocalDate employeeLeaving, List<LocalDate[]> paidPeriods,
            List<StoredEntry> othersOfThePerson) {}

    private static final int MAX_TEXT = 64;

    private Amendment() {}

    static StoredEntry amend(StoredEntry current, Request r, Context ctx, String by, Instant at) {
        Problems p = new Problems();
        if (current.voided()) {
            p.add("id", "the entry was voided; submit a new entry instead");
            p.throwIfAny(409, "Conflict");
        }
        LocalDate date = current.date();
        if (r.date() != null) {
            try {
                date = LocalDate.parse(r.date());
            } catch (DateTimeParseException e) {
                p.add("date", "is not a date in the form YYYY-MM-DD");
            }
        }
        LocalTime start = current.start();
        if (r.start() != null) {
            try {
                start = LocalTime.parse(r.start());
            } catch (DateTimeParseException e) {
                p.add("start", "is not a time in the form HH:mm");
            }
        }
        int minutes = current.minutes();
        if (r.minutes() != null) {
            minutes = r.minutes();
            p.require(minutes > 0 && minutes <= 24 * 60, "minutes", "must be more than 0 and at most 1440 (24 hours)");
        }
        Activity activity = current.activity();
        if (r.activity() != null) {
            try {
                activity = Activity.valueOf(r.activity());
            } catch (IllegalArgumentException e) {
                p.add("activity", "must be one of " + Arrays.toString(Activity.values()));
            }
        }
        String clientId = r.clientId() != null ? blankToNull(r.clientId()) : current.clientId();
        String careType = r.careType() != null ? blankToNull(r.careType()) : current.careType();
        if (clientId != null && clientId.length() > MAX_TEXT) {
            p.add("clientId", "must be at most " + MAX_TEXT + " characters");
        }
        if (activity == Activity.CARE) {
            p.require(clientId != null, "clientId", "is required for CARE (care is charged to the client's funder)");
            p.require(CareType.isValid(careType), "careType", "is required for CARE, one of "
                    + Arrays.toString(CareType.values()));
        }
        if (r.reason() != null && r.reason().length() > 500) {
            p.add("reason", "must be at most 500 characters");
        }
        if (!p.isEmpty()) {
            p.throwIfAny();
        }
        if (date.equals(current.date()) && start.equals(current.start()) && minutes == current.minutes()
                && activity == current.activity() && java.util.Objects.equals(clientId, current.clientId())
                && java.util.Objects.equals(careType, current.careType())) {
            p.add("entry", "changes nothing: send the fields to change");
            p.throwIfAny();
        }
        datesAllowed(p, current.date(), date, ctx);
        StoredEntry next = current.next(date, start, minutes, activity, clientId, careType, by, at);
        for (StoredEntry other : ctx.othersOfThePerson()) {
            if (!other.id().equals(current.id()) && !other.voided() && overlaps(next, other)) {
                p.add("start", "overlaps entry " + other.id() + " (" + other.from() + " for " + other.minutes()
                        + " minutes) for the same person");
            }
        }
        p.throwIfAny(422, "The amendment breaks a rule for hours");
        return next;
    }

    static StoredEntry voidIt(StoredEntry current, String reason, Context ctx, String by, Instant at) {
        Problems p = new Problems();
        if (current.voided()) {
            p.add("id", "the entry is already void");
            p.throwIfAny(409, "Conflict");
        }
        if (reason == null || reason.isBlank()) {
            p.add("reason", "is required: say why the entry is void");
        } else if (reason.length() > 500) {
            p.add("reason", "must be at most 500 characters");
        }
        p.throwIfAny();
        paid(p, "date", current.date(), ctx.paidPeriods());
        p.throwIfAny(422, "The entry cannot be voided");
        return current.voidedBy(by, at);
    }

    private static void datesAllowed(Problems p, LocalDate oldDate, LocalDate newDate, Context ctx) {
        paid(p, "date", oldDate, ctx.paidPeriods());
        if (!newDate.equals(oldDate)) {
            paid(p, "date", newDate, ctx.paidPeriods());
        }
        if (newDate.isAfter(ctx.today())) {
            p.add("date", "is in the future");
        }
        if (newDate.isBefore(ctx.employeeStart())) {
            p.add("date", "is before the employee's start date " + ctx.employeeStart());
        }
        if (ctx.employeeLeaving() != null && newDate.isAfter(ctx.employeeLeaving())) {
            p.add("date", "is after the employee's leaving date " + ctx.employeeLeaving());
        }
    }

    private static void paid(Problems p, String field, LocalDate date, List<LocalDate[]> paidPeriods) {
        for (LocalDate[] period : paidPeriods) {
            if (!date.isBefore(period[0]) && !date.isAfter(period[1])) {
                p.add(field, date + " falls in the pay period " + period[0] + " to " + period[1]
                        + ", which is already paid: a correction goes in as an adjustment in the next run");
            }
        }
    }

    static boolean overlaps(StoredEntry a, StoredEntry b) {
        LocalDateTime aFrom = a.from();
        LocalDateTime bFrom = b.from();
        return aFrom.isBefore(b.until()) && bFrom.isBefore(a.until());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
