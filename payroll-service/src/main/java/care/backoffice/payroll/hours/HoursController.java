package care.backoffice.payroll.hours;

import care.backoffice.support.idempotency.IdempotentRequests;
import care.backoffice.support.problem.Problems;
import care.backoffice.support.security.CurrentUser;
import care.backoffice.support.security.Roles;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Hours are submitted once, in bulk, by the team: stored whole or not at all. Every rejected entry is named by
 * its index ({@code entries[3].minutes}) with the reason, in one answer.
 */
@RestController
@RequestMapping("/api/payroll/hours")
@Tag(name = "Hours")
public class HoursController {

    public static final int MAX_ENTRIES = 10_000;
    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final int MAX_TEXT = 64;

    /** The stored entries' ids, in the order of the request. */
    public record Accepted(int accepted, List<UUID> ids) {}

    private final HoursRepository hours;
    private final IdempotentRequests idempotent;
    private final Clock clock;
    private final CareDeliveredHandOff billing;

    public HoursController(HoursRepository hours, IdempotentRequests idempotent, Optional<Clock> clock,
            CareDeliveredHandOff billing) {
        this.billing = billing;
        this.hours = hours;
        this.idempotent = idempotent;
        this.clock = clock.orElse(Clock.system(LONDON));
    }

    @PostMapping
    @Operation(summary = "Submit hours in bulk (up to 10,000 entries; all or nothing)",
            description = "A team member submits for the members of their own team; the back office for anyone. "
                    + "Rejected, naming the entry's index: unknown employee or not of your team, a date before the "
                    + "start or after the leaving date, a future date, minutes not in 1..1440, overlapping entries "
                    + "for the same person (in the request or already stored), CARE without clientId and careType, "
                    + "a date in a pay period already paid. Accepts Idempotency-Key.")
    @PreAuthorize("hasAnyRole('team-member', 'back-office')")
    public ResponseEntity<?> submit(@RequestHeader(name = "Idempotency-Key", required = false) String key,
            @RequestBody(required = false) HoursRequest body) {
        CurrentUser user = CurrentUser.get();
        // A team member acts for their own team; the back office for every team.
        Optional<String> team = user.has(Roles.BACK_OFFICE) ? Optional.empty() : Optional.of(user.requireTeam());
        List<HoursRequest.Entry> raw = body == null || body.entries() == null ? List.of() : body.entries();
        Problems problems = new Problems();
        if (raw.isEmpty() || raw.size() > MAX_ENTRIES) {
            problems.add("entries", "must hold 1 to " + MAX_ENTRIES + " entries");
            problems.throwIfAny();
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        List<HoursEntry> entries = parse(raw, LocalDate.now(clock.withZone(LONDON)), user.name(), now, problems);
        return idempotent.once("POST /api/payroll/hours", key, raw, () -> {
            checkAgainstStored(entries, team, problems);
            problems.throwIfAny();
            hours.insert(entries);
            billing.submitted(entries);
            return ResponseEntity.status(201).body(new Accepted(entries.size(), entries.stream().map(HoursEntry::id).toList()));
        });
    }

    /** Field formats and the rules that need nothing stored. Bad entries are left out (as null) and named. */
    private static List<HoursEntry> parse(List<HoursRequest.Entry> raw, LocalDate today, String by, Instant at,
            Problems problems) {
        List<HoursEntry> out = new ArrayList<>(raw.size());
        for (int i = 0; i < raw.size(); i++) {
            HoursRequest.Entry e = raw.get(i);
            String p = "entries[" + i + "]";
            if (e == null) {
                problems.add(p, "is empty");
                out.add(null);
                continue;
            }
            Problems mine = new Problems();
            UUID employee = uuid(mine, p + ".employeeId", e.employeeId());
            LocalDate date = null;
            if (blank(e.date())) {
                mine.add(p + ".date", "is required (YYYY-MM-DD)");
            } else {
                try {
                    date = LocalDate.parse(e.date());
                    if (date.isAfter(today)) {
                        mine.add(p + ".date", "is in the future");
                    }
                } catch (DateTimeParseException ex) {
                    mine.add(p + ".date", "is not a date in the form YYYY-MM-DD");
                }
            }
            LocalTime start = null;
            if (blank(e.start())) {
                mine.add(p + ".start", "is required (HH:mm)");
            } else {
                try {
                    start = LocalTime.parse(e.start());
                } catch (DateTimeParseException ex) {
                    mine.add(p + ".start", "is not a time in the form HH:mm");
                }
            }
            if (e.minutes() == null) {
                mine.add(p + ".minutes", "is required");
            } else if (e.minutes() <= 0 || e.minutes() > 24 * 60) {
                mine.add(p + ".minutes", "must be more than 0 and at most 1440 (24 hours)");
            }
            Activity activity = null;
            if (blank(e.activity())) {
                mine.add(p + ".activity", "is required");
            } else {
                try {
                    activity = Activity.valueOf(e.activity());
                } catch (IllegalArgumentException ex) {
                    mine.add(p + ".activity", "must be one of " + java.util.Arrays.toString(Activity.values()));
                }
            }
            if (activity == Activity.CARE && blank(e.clientId())) {
                mine.add(p + ".clientId", "is required for CARE (care is charged to the client's funder)");
            }
            if (activity == Activity.CARE && blank(e.careType())) {
                mine.add(p + ".careType", "is required for CARE");
            } else if (activity == Activity.CARE && !CareType.isValid(e.careType().strip())) {
                // billing prices these kinds only; anything else would be refused there for good
                mine.add(p + ".careType", "must be one of " + java.util.Arrays.toString(CareType.values()));
            }
            if (e.clientId() != null && e.clientId().length() > MAX_TEXT) {
                mine.add(p + ".clientId", "must be at most " + MAX_TEXT + " characters");
            }
            if (e.careType() != null && e.careType().length() > MAX_TEXT) {
                mine.add(p + ".careType", "must be at most " + MAX_TEXT + " characters");
            }
            mine.list().forEach(x -> problems.add(x.field(), x.reason()));
            out.add(!mine.isEmpty() ? null : new HoursEntry(UUID.randomUUID(), employee, null, date,
                    start, e.minutes(), activity, blankToNull(e.clientId()), blankToNull(e.careType()), by, at));
        }
        return out;
    }

    /**
     * The rules that need the database: the employee exists and is in the caller's team, the date is inside their
     * employment and outside paid periods, and no two entries of one person overlap. Runs in the transaction that
     * stores the entries, with the employees locked. Fills in each entry's team.
     */
    private void checkAgainstStored(List<HoursEntry> entries, Optional<String> callerTeam, Problems problems) {
        Set<UUID> ids = new LinkedHashSet<>();
        LocalDate min = null;
        LocalDate max = null;
        for (HoursEntry e : entries) {
            if (e != null) {
                ids.add(e.employeeId());
                min = min == null || e.date().isBefore(min) ? e.date() : min;
                max = max == null || e.date().isAfter(max) ? e.date() : max;
            }
        }
        if (ids.isEmpty()) {
            return;
        }
        Map<UUID, HoursRepository.Employee> employees = hours.lockEmployees(ids);
        List<LocalDate[]> paid = hours.paidPeriods(min, max);
        Map<UUID, List<Interval>> byEmployee = new HashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            HoursEntry e = entries.get(i);
            if (e == null) {
                continue;
            }
            String p = "entries[" + i + "]";
            HoursRepository.Employee emp = employees.get(e.employeeId());
            if (emp == null || (callerTeam.isPresent() && !callerTeam.get().equals(emp.team()))) {
                problems.add(p + ".employeeId", callerTeam.map(t -> "is not a member of team " + t).orElse("is not a known employee"));
                entries.set(i, null);
                continue;
            }
            if (e.date().isBefore(emp.startDate())) {
                problems.add(p + ".date", "is before the employee's start date " + emp.startDate());
            }
            if (emp.leavingDate() != null && e.date().isAfter(emp.leavingDate())) {
                problems.add(p + ".date", "is after the employee's leaving date " + emp.leavingDate());
            }
            for (LocalDate[] period : paid) {
                if (!e.date().isBefore(period[0]) && !e.date().isAfter(period[1])) {
                    problems.add(p + ".date", "falls in the pay period " + period[0] + " to " + period[1]
                            + ", which is already paid: a correction goes in as an adjustment in the next run");
                }
            }
            HoursEntry withTeam = new HoursEntry(e.id(), e.employeeId(), emp.team(), e.date(), e.start(), e.minutes(),
                    e.activity(), e.clientId(), e.careType(), e.submittedBy(), e.submittedAt());
            entries.set(i, withTeam);
            byEmployee.computeIfAbsent(e.employeeId(), k -> new ArrayList<>())
                    .add(new Interval(i, null, withTeam.from(), withTeam.until()));
        }
        for (HoursRepository.Stored s : hours.activeEntries(byEmployee.keySet(), min, max)) {
            byEmployee.get(s.employeeId()).add(new Interval(-1, s.id(), s.from(), s.until()));
        }
        byEmployee.values().forEach(list -> overlaps(list, problems));
    }

    private record Interval(int index, UUID storedId, java.time.LocalDateTime from,
            java.time.LocalDateTime until) {
        String describe() {
            return index >= 0 ? "entries[" + index + "]" : "entry " + storedId + ", already submitted";
        }
    }

    /** Sweeps one person's entries in time order; each new entry that overlaps another is named once. */
    private static void overlaps(List<Interval> list, Problems problems) {
        list.sort(java.util.Comparator.comparing(Interval::from).thenComparing(Interval::until));
        Interval longest = null;
        Set<Integer> named = new java.util.HashSet<>();
        for (Interval cur : list) {
            if (longest != null && cur.from().isBefore(longest.until())) {
                Interval newer = cur.index() >= 0 ? cur : longest;
                Interval other = newer == cur ? longest : cur;
                if (newer.index() >= 0 && named.add(newer.index())) {
                    problems.add("entries[" + newer.index() + "].start", "overlaps " + other.describe()
                            + " for the same person");
                }
            }
            if (longest == null || cur.until().isAfter(longest.until())) {
                longest = cur;
            }
        }
    }

    private static UUID uuid(Problems problems, String field, String value) {
        if (blank(value)) {
            problems.add(field, "is required");
            return null;
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            problems.add(field, "is not an employee id (a UUID)");
            return null;
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String blankToNull(String s) {
        return blank(s) ? null : s.strip();
    }
}
