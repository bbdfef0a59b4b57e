package care.backoffice.payroll.hours;

import care.backoffice.support.problem.ApiException;
import care.backoffice.support.security.CurrentUser;
import care.backoffice.support.security.Roles;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Amending and voiding one entry. The entry keeps its id; each change raises its version and the replaced version
 * goes into the history. A CARE entry's change travels to billing as a new version of the same visit.
 */
@RestController
@RequestMapping("/api/payroll/hours/{id}")
@Tag(name = "Hours")
public class HoursCorrectionController {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    /** One entry now, and every version it replaced. */
    public record EntryView(UUID id, UUID employeeId, String team, LocalDate date, LocalTime start, int minutes,
            Activity activity, String clientId, String careType, int version, String status, String voidReason,
            String changedBy, Instant changedAt, List<HoursHistoryRepository.Version> history) {}

    /** A void's reason, when sent as a JSON body rather than as {@code ?reason=}. */
    public record VoidRequest(String reason) {}

    private final HoursHistoryRepository entries;
    private final HoursRepository hours;
    private final CareDeliveredHandOff billing;
    private final TransactionTemplate tx;
    private final Clock clock;

    public HoursCorrectionController(HoursHistoryRepository entries, HoursRepository hours,
            CareDeliveredHandOff billing, TransactionTemplate tx, Optional<Clock> clock) {
        this.entries = entries;
        this.hours = hours;
        this.billing = billing;
        this.tx = tx;
        this.clock = clock.orElse(Clock.system(LONDON));
    }

    @GetMapping
    @Operation(summary = "One entry with its history (the entry's team, or the back office)")
    @PreAuthorize("hasAnyRole('team-member', 'back-office')")
    public EntryView get(@PathVariable UUID id) {
        StoredEntry e = entries.find(id).orElseThrow(() -> ApiException.notFound("hours entry " + id));
        mayChange(e);
        return view(e);
    }

    @PatchMapping
    @Operation(summary = "Amend an entry: date, start, minutes, activity, clientId, careType (absent fields stay), "
            + "with an optional reason. The same rules as for submitting apply; an entry in a paid period cannot "
            + "be amended (it is corrected by an adjustment in the next run). CARE changes go to billing.")
    @PreAuthorize("hasAnyRole('team-member', 'back-office')")
    public EntryView amend(@PathVariable UUID id, @RequestBody(required = false) Amendment.Request body) {
        Amendment.Request r = body == null ? new Amendment.Request(null, null, null, null, null, null, null) : body;
        String by = CurrentUser.get().name();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return tx.execute(s -> {
            StoredEntry current = lockForChange(id);
            LocalDate newDate = r.date() != null && r.date().matches("\\d{4}-\\d{2}-\\d{2}")
                    ? safeDate(r.date(), current.date()) : current.date();
            StoredEntry next = Amendment.amend(current, r, context(current, newDate), by, now);
            entries.keep(current, by, now, r.reason());
            entries.amend(next, r.reason());
            billing.changed(current, next);
            return view(next);
        });
    }

    @DeleteMapping
    @Operation(summary = "Void an entry with a reason (?reason= or a JSON body {reason}); the entry and its history "
            + "stay. A CARE entry's void goes to billing, which withdraws the visit.")
    @PreAuthorize("hasAnyRole('team-member', 'back-office')")
    public EntryView voidEntry(@PathVariable UUID id, @RequestParam(required = false) String reason,
            @RequestBody(required = false) VoidRequest body) {
        String why = reason != null ? reason : body == null ? null : body.reason();
        String by = CurrentUser.get().name();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return tx.execute(s -> {
            StoredEntry current = lockForChange(id);
            StoredEntry voided = Amendment.voidIt(current, why, context(current, current.date()), by, now);
            entries.keep(current, by, now, why.strip());
            entries.markVoid(voided, why.strip());
            billing.changed(current, voided);
            return view(voided);
        });
    }

    /**
     * Locks the person first, then the entry: the same order as the bulk intake (which locks the people it
     * submits for), so an amendment and a submission for one person never both pass the overlap check.
     */
    private StoredEntry lockForChange(UUID id) {
        StoredEntry seen = entries.find(id).orElseThrow(() -> ApiException.notFound("hours entry " + id));
        mayChange(seen);
        hours.lockEmployees(Set.of(seen.employeeId()));
        return entries.lock(id).orElseThrow(() -> ApiException.notFound("hours entry " + id));
    }

    private Amendment.Context context(StoredEntry current, LocalDate newDate) {
        HoursRepository.Employee emp = hours.lockEmployees(Set.of(current.employeeId())).get(current.employeeId());
        LocalDate from = newDate.isBefore(current.date()) ? newDate : current.date();
        LocalDate to = newDate.isAfter(current.date()) ? newDate : current.date();
        return new Amendment.Context(LocalDate.now(clock.withZone(LONDON)), emp.startDate(), emp.leavingDate(),
                hours.paidPeriods(from, to, emp.payFrequency()), entries.ofPersonAround(current.employeeId(), from, to));
    }

    private static LocalDate safeDate(String text, LocalDate fallback) {
        try {
            return LocalDate.parse(text);
        } catch (java.time.format.DateTimeParseException e) {
            return fallback;
        }
    }

    /** A team member changes their own team's entries; the back office any. */
    private static void mayChange(StoredEntry e) {
        CurrentUser user = CurrentUser.get();
        if (user.has(Roles.BACK_OFFICE) || (user.has(Roles.TEAM_MEMBER) && user.isMemberOf(e.team()))) {
            return;
        }
        throw new AccessDeniedException("not a member of team " + e.team());
    }

    private EntryView view(StoredEntry e) {
        return new EntryView(e.id(), e.employeeId(), e.team(), e.date(), e.start(), e.minutes(), e.activity(),
                e.clientId(), e.careType(), e.version(), e.voided() ? "VOID" : "ACTIVE",
                e.voided() ? entries.voidReason(e.id()).orElse(null) : null, e.madeBy(), e.madeAt(),
                entries.history(e.id()));
    }
}
