package care.backoffice.finance.periods;

import care.backoffice.support.problem.InvalidRequestException;
import care.backoffice.support.problem.Problems;
import care.backoffice.support.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/finance/periods")
@Tag(name = "Accounting periods", description = "Calendar months: open, soft-closed (reopenable) or hard-locked")
@PreAuthorize("hasRole('finance')")
public class PeriodController {

    public record PeriodView(String month, PeriodStatus status, List<PeriodRepository.Event> events) {}

    public record ChangeRequest(String reason) {}

    private final PeriodRepository periods;
    private final PeriodService service;

    public PeriodController(PeriodRepository periods, PeriodService service) {
        this.periods = periods;
        this.service = service;
    }

    @GetMapping
    @Operation(summary = "Status of each month from..to (yyyy-MM)")
    public List<PeriodView> list(@RequestParam String from, @RequestParam String to) {
        Problems p = new Problems();
        YearMonth f = month("from", from, p);
        YearMonth t = month("to", to, p);
        p.throwIfAny();
        if (t.isBefore(f) || f.plusMonths(240).isBefore(t)) {
            throw InvalidRequestException.of("to", "must be on or after from, at most 20 years later");
        }
        Map<YearMonth, PeriodStatus> known = periods.statuses(f, t);
        List<PeriodView> out = new ArrayList<>();
        for (YearMonth m = f; !m.isAfter(t); m = m.plusMonths(1)) {
            out.add(new PeriodView(m.toString(), known.getOrDefault(m, PeriodStatus.OPEN), null));
        }
        return out;
    }

    @GetMapping("/{month}")
    @Operation(summary = "One month with its history of closes, reopenings and locks")
    public PeriodView get(@PathVariable String month) {
        YearMonth m = parse(month);
        return new PeriodView(m.toString(), periods.status(m), periods.events(m));
    }

    @PostMapping("/{month}/close")
    @Operation(summary = "Soft-close a month: no posting into it afterwards (finance may reopen it)")
    public PeriodView close(@PathVariable String month, @RequestBody(required = false) ChangeRequest body) {
        return change(month, PeriodRules.Action.CLOSE, body == null ? null : body.reason(), false);
    }

    @PostMapping("/{month}/reopen")
    @Operation(summary = "Reopen a soft-closed month; a reason is required and recorded with who reopened it")
    public PeriodView reopen(@PathVariable String month, @RequestBody(required = false) ChangeRequest body) {
        return change(month, PeriodRules.Action.REOPEN, body == null ? null : body.reason(), true);
    }

    @PostMapping("/{month}/lock")
    @Operation(summary = "Hard-lock a month (year end): it can never be reopened; a reason is required")
    public PeriodView lock(@PathVariable String month, @RequestBody(required = false) ChangeRequest body) {
        return change(month, PeriodRules.Action.LOCK, body == null ? null : body.reason(), true);
    }

    private PeriodView change(String month, PeriodRules.Action action, String reason, boolean reasonRequired) {
        Problems p = new Problems();
        YearMonth m = month("month", month, p);
        if (reasonRequired && (reason == null || reason.isBlank())) {
            p.add("reason", "is required: say why the period is " + (action == PeriodRules.Action.LOCK ? "locked" : "reopened"));
        } else if (reason != null && reason.length() > 1000) {
            p.add("reason", "is longer than 1000 characters");
        }
        p.throwIfAny();
        service.change(m, action, CurrentUser.get().name(), reason == null ? null : reason.strip());
        return get(month);
    }

    private static YearMonth parse(String month) {
        Problems p = new Problems();
        YearMonth m = month("month", month, p);
        p.throwIfAny();
        return m;
    }

    static YearMonth month(String field, String value, Problems p) {
        try {
            return YearMonth.parse(value);
        } catch (DateTimeParseException | NullPointerException e) {
            p.add(field, "is not a month in the form yyyy-MM: " + value);
            return null;
        }
    }
}
