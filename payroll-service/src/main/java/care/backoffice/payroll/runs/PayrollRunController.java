package care.backoffice.payroll.runs;

import care.backoffice.support.problem.ApiException;
import care.backoffice.support.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Payroll runs of a pay schedule's period, for the back office. */
@RestController
@RequestMapping("/api/payroll/runs")
@Tag(name = "Payroll runs")
public class PayrollRunController {

    /**
     * {@code schedule}: MONTHLY (the default), WEEKLY, FORTNIGHTLY or FOUR_WEEKLY. Monthly: {@code month}, the calendar
     * month paid (YYYY-MM). Week-based: {@code taxYear} ("2026-27") and {@code period}, the tax week (1–53), 2-week
     * period (1–27) or 4-week period (1–14) in HMRC's numbering from 6 April. {@code payDate}: when the money arrives;
     * its tax month or week is the one PAYE uses.
     */
    public record StartRun(String month, String payDate, String schedule, String taxYear, Integer period) {

        public StartRun(String month, String payDate) {
            this(month, payDate, null, null, null);
        }
    }

    public record Progress(int employeesDone, Integer employeesTotal) {}

    /** {@code taxWeek}: the pay date's tax week; {@code taxPeriod}: the period the engine taxed, in the schedule. */
    public record Run(UUID id, String schedule, String period, LocalDate periodStart, LocalDate periodEnd,
            LocalDate payDate, String taxYear, int taxMonth, Integer taxWeek, int taxPeriod, String status,
            Progress progress, PayrollRunRepository.Totals totals, List<PayrollRunRepository.Warning> warnings,
            String failure, String requestedBy, OffsetDateTime requestedAt, OffsetDateTime finishedAt,
            String finalisedBy, OffsetDateTime finalisedAt) {}

    private final PayrollRunService service;
    private final PayrollRunRepository runs;

    public PayrollRunController(PayrollRunService service, PayrollRunRepository runs) {
        this.service = service;
        this.runs = runs;
    }

    @PostMapping
    @Operation(summary = "Start the payroll run of a schedule's period (back office): 202 with the run; one live run "
            + "per period. Only colleagues on that schedule are paid.")
    @PreAuthorize("hasRole('back-office')")
    public ResponseEntity<Run> start(@RequestBody(required = false) StartRun body) {
        PayPeriod period = StartRunRules.period(body == null ? new StartRun(null, null) : body);
        UUID id = service.start(period, CurrentUser.get().name());
        return ResponseEntity.accepted().location(URI.create("/api/payroll/runs/" + id)).body(view(id));
    }

    @GetMapping("/{id}")
    @Operation(summary = "A run's status, progress (employees done / total) and totals")
    @PreAuthorize("hasRole('back-office')")
    public Run get(@PathVariable UUID id) {
        return view(id);
    }

    @PostMapping("/{id}/restart")
    @Operation(summary = "Restart a failed run (or one whose process died) where it stopped")
    @PreAuthorize("hasRole('back-office')")
    public ResponseEntity<Run> restart(@PathVariable UUID id) {
        service.restart(id);
        return ResponseEntity.accepted().body(view(id));
    }

    @PostMapping("/{id}/rollback")
    @Operation(summary = "Roll back a run that is not finalised: its payslips go and the month may be run again")
    @PreAuthorize("hasRole('back-office')")
    public Run rollBack(@PathVariable UUID id) {
        service.rollBack(id);
        return view(id);
    }

    @PostMapping("/{id}/finalise")
    @Operation(summary = "Finalise a completed run: the month is paid (hours for it are refused from then on); "
            + "it can no longer be rolled back")
    @PreAuthorize("hasRole('back-office')")
    public Run finalise(@PathVariable UUID id) {
        service.finalise(id, CurrentUser.get().name());
        return view(id);
    }

    private Run view(UUID id) {
        PayrollRunRepository.Row r = runs.find(id).orElseThrow(() -> ApiException.notFound("payroll run " + id));
        return new Run(r.id(), r.payFrequency(), r.period(), r.periodStart(), r.periodEnd(), r.payDate(), r.taxYear(),
                r.taxMonth(), r.taxWeek(), r.taxPeriod(), r.status(), new Progress(runs.payslipsDone(id), r.employeesTotal()),
                runs.totals(id), runs.warnings(id), r.failure(),
                r.requestedBy(), r.requestedAt(), r.finishedAt(), r.finalisedBy(), r.finalisedAt());
    }
}
