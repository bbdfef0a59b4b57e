package care.backoffice.payroll.hours;

import care.backoffice.support.idempotency.IdempotentRequests;
import care.backoffice.support.problem.Problems;
import care.backoffice.support.security.CurrentUser;
import care.backoffice.support.security.Roles;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.MediaType;
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

    /** The stored entries' ids, in the order of the request. */
    public record Accepted(int accepted, List<UUID> ids) {}

    /** What the Idempotency-Key is checked against: the body's SHA-256, not the body (10,000 entries) itself. */
    record BodyDigest(String sha256) {}

    private final HoursReader reader;
    private final HoursRepository hours;
    private final IdempotentRequests idempotent;
    private final Clock clock;
    private final CareDeliveredHandOff billing;

    public HoursController(HoursReader reader, HoursRepository hours, IdempotentRequests idempotent,
            Optional<Clock> clock, CareDeliveredHandOff billing) {
        this.reader = reader;
        this.billing = billing;
        this.hours = hours;
        this.idempotent = idempotent;
        this.clock = clock.orElse(Clock.system(LONDON));
    }

    /**
     * The body is taken as bytes and read by {@link HoursReader} (streaming, into compact entries); its schema is
     * still {@link HoursRequest}, as the OpenAPI docs say.
     */
    @PostMapping(consumes = {MediaType.APPLICATION_JSON_VALUE, "application/*+json"})
    @Operation(summary = "Submit hours in bulk (up to 10,000 entries; all or nothing)",
            description = "A team member submits for the members of their own team; the back office for anyone. "
                    + "Rejected, naming the entry's index: unknown employee or not of your team, a date before the "
                    + "start or after the leaving date, a future date, minutes not in 1..1440, overlapping entries "
                    + "for the same person (in the request or already stored), CARE without clientId and careType, "
                    + "a date in a pay period already paid. Accepts Idempotency-Key.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = HoursRequest.class))))
    @PreAuthorize("hasAnyRole('team-member', 'back-office')")
    public ResponseEntity<?> submit(@RequestHeader(name = "Idempotency-Key", required = false) String key,
            @RequestBody(required = false) byte[] body) {
        CurrentUser user = CurrentUser.get();
        // A team member acts for their own team; the back office for every team.
        Optional<String> team = user.has(Roles.BACK_OFFICE) ? Optional.empty() : Optional.of(user.requireTeam());
        Problems problems = new Problems();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        List<HoursEntry> entries = reader.read(body, LocalDate.now(clock.withZone(LONDON)), problems);
        // Same key and the same bytes: the first answer again; same key, other bytes: 409.
        BodyDigest digest = key == null || key.isBlank() ? null : new BodyDigest(sha256(body));
        return idempotent.once("POST /api/payroll/hours", key, digest, () -> {
            Map<UUID, String> teams = checkAgainstStored(entries, team, problems);
            problems.throwIfAny();
            UUID[] ids = EntryIds.next(entries.size());
            hours.insert(entries, ids, teams, user.name(), now);
            billing.submitted(entries, ids, teams);
            return ResponseEntity.status(201).body(new Accepted(ids.length, Arrays.asList(ids)));
        });
    }

    /**
     * The rules that need the database: the employee exists and is in the caller's team, the date is inside their
     * employment and outside paid periods, and no two entries of one person overlap. Runs in the transaction that
     * stores the entries, with the employees locked. Three queries for the whole request: the employees, the paid
     * periods and the stored entries that could overlap; the rest is done in memory.
     *
     * @return each employee's team
     */
    private Map<UUID, String> checkAgainstStored(List<HoursEntry> entries, Optional<String> callerTeam,
            Problems problems) {
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
            return Map.of();
        }
        Map<UUID, HoursRepository.Employee> employees = hours.lockEmployees(ids);
        List<LocalDate[]> paid = hours.paidPeriods(min, max);
        Map<UUID, List<Interval>> byEmployee = new HashMap<>();
        Map<UUID, String> teams = new HashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            HoursEntry e = entries.get(i);
            if (e == null) {
                continue;
            }
            HoursRepository.Employee emp = employees.get(e.employeeId());
            if (emp == null || (callerTeam.isPresent() && !callerTeam.get().equals(emp.team()))) {
                problems.add("entries[" + i + "].employeeId", callerTeam.map(t -> "is not a member of team " + t)
                        .orElse("is not a known employee"));
                continue;
            }
            if (e.date().isBefore(emp.startDate())) {
                problems.add("entries[" + i + "].date", "is before the employee's start date " + emp.startDate());
            }
            if (emp.leavingDate() != null && e.date().isAfter(emp.leavingDate())) {
                problems.add("entries[" + i + "].date", "is after the employee's leaving date " + emp.leavingDate());
            }
            for (LocalDate[] period : paid) {
                if (!e.date().isBefore(period[0]) && !e.date().isAfter(period[1])) {
                    problems.add("entries[" + i + "].date", "falls in the pay period " + period[0] + " to " + period[1]
                            + ", which is already paid: a correction goes in as an adjustment in the next run");
                }
            }
            teams.putIfAbsent(e.employeeId(), emp.team());
            long from = e.from();
            byEmployee.computeIfAbsent(e.employeeId(), k -> new ArrayList<>())
                    .add(new Interval(i, null, from, HoursEntry.until(from, e.minutes())));
        }
        for (HoursRepository.Stored s : hours.activeEntries(byEmployee.keySet(), min, max)) {
            byEmployee.get(s.employeeId()).add(new Interval(-1, s.id(), s.from(), s.until()));
        }
        byEmployee.values().forEach(list -> overlaps(list, problems));
        return teams;
    }

    /** One entry of a person, from and until as {@link HoursEntry#from} numbers; index -1 for a stored one. */
    private record Interval(int index, UUID storedId, long from, long until) {
        String describe() {
            return index >= 0 ? "entries[" + index + "]" : "entry " + storedId + ", already submitted";
        }
    }

    private static final Comparator<Interval> IN_TIME_ORDER = (a, b) -> a.from() != b.from()
            ? Long.compare(a.from(), b.from()) : Long.compare(a.until(), b.until());

    /** Sweeps one person's entries in time order; each new entry that overlaps another is named once. */
    private static void overlaps(List<Interval> list, Problems problems) {
        list.sort(IN_TIME_ORDER);
        Interval longest = null;
        Set<Integer> named = new HashSet<>();
        for (Interval cur : list) {
            if (longest != null && cur.from() < longest.until()) {
                Interval newer = cur.index() >= 0 ? cur : longest;
                Interval other = newer == cur ? longest : cur;
                if (newer.index() >= 0 && named.add(newer.index())) {
                    problems.add("entries[" + newer.index() + "].start", "overlaps " + other.describe()
                            + " for the same person");
                }
            }
            if (longest == null || cur.until() > longest.until()) {
                longest = cur;
            }
        }
    }

    private static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
