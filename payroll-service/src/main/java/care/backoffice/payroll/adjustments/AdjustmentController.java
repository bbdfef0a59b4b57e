package care.backoffice.payroll.adjustments;

import care.backoffice.support.idempotency.IdempotentRequests;
import care.backoffice.support.problem.ApiException;
import care.backoffice.support.problem.InvalidRequestException;
import care.backoffice.support.problem.Problems;
import care.backoffice.support.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * One-off pay adjustments, recorded by the back office for a colleague and a pay period: bonuses, back pay,
 * expenses, and deductions. The run of that period pays them. A period that is paid (finalised) is closed: a
 * correction to it goes into a later period, naming the period it corrects. A period whose run exists but is not
 * finalised takes no new adjustments until that run is rolled back, so what a run pays never changes under it.
 */
@RestController
@Tag(name = "Pay adjustments")
public class AdjustmentController {

    /** {@code type}: see AdjustmentType; {@code taxable}/{@code niable} only for OTHER_PAYMENT and OTHER_DEDUCTION. */
    public record NewAdjustment(String period, String type, String amount, Boolean taxable, Boolean niable,
            String reason, String correctsPeriod) {}

    public record Void(String reason) {}

    private final AdjustmentRepository adjustments;
    private final IdempotentRequests idempotent;
    private final TransactionTemplate tx;

    public AdjustmentController(AdjustmentRepository adjustments, IdempotentRequests idempotent,
            TransactionTemplate tx) {
        this.adjustments = adjustments;
        this.idempotent = idempotent;
        this.tx = tx;
    }

    @PostMapping("/api/payroll/members/{id}/adjustments")
    @Operation(summary = "Record a one-off payment or deduction for a colleague's pay period (back office)",
            description = "period (as runs name it: YYYY-MM, or 2026-27-W05, 2026-27-2W03, 2026-27-4W02 for the "
                    + "colleague's schedule), type (BONUS, BACK_PAY, EXPENSES, OTHER_PAYMENT, PAY_CORRECTION, "
                    + "RECOVERY_FROM_NET_PAY, OTHER_DEDUCTION), amount, reason (on the payslip), correctsPeriod "
                    + "(optional, an earlier period), taxable/niable (OTHER_* only; the other types carry HMRC's "
                    + "treatment). 422 when the period is paid already or the colleague is not employed in it; 409 "
                    + "while the period has a run that is not rolled back. Accepts an Idempotency-Key.")
    @PreAuthorize("hasRole('back-office')")
    public ResponseEntity<?> create(@PathVariable UUID id,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
            @RequestBody(required = false) NewAdjustment body) {
        NewAdjustment b = body == null ? new NewAdjustment(null, null, null, null, null, null, null) : body;
        String by = CurrentUser.get().name();
        // The request's own fields first, so a malformed one is a 400 whatever the colleague's state.
        AdjustmentRules.Request request = new AdjustmentRules.Request(b.period(), b.type(), b.amount(), b.taxable(),
                b.niable(), b.reason(), b.correctsPeriod());
        AdjustmentRules.Checked c = AdjustmentRules.check(request);
        return idempotent.once("POST /api/payroll/members/" + id + "/adjustments", idempotencyKey, b, () -> {
            LocalDate[] employment = adjustments.lockEmployee(id)
                    .orElseThrow(() -> ApiException.notFound("employee " + id));
            AdjustmentRules.requireEmployed(c, employment[0], employment[1],
                    adjustments.scheduleAt(id, c.period().end()).orElse(null));
            String period = c.period().name();
            adjustments.lockPeriod(period);
            requireOpen(period);
            Adjustment a = new Adjustment(UUID.randomUUID(), id, period, c.type(), c.type().kind().name(), c.amount(),
                    c.taxable(), c.niable(), c.reason(), c.correctsPeriod() == null ? null : c.correctsPeriod().name(),
                    by, Instant.now(), "ACTIVE", null, null, null);
            adjustments.insert(a);
            return ResponseEntity.created(URI.create("/api/payroll/adjustments/" + a.id())).body(a);
        });
    }

    @GetMapping("/api/payroll/members/{id}/adjustments")
    @Operation(summary = "A colleague's adjustments, by period, voided ones included (back office)")
    @PreAuthorize("hasRole('back-office')")
    public List<Adjustment> list(@PathVariable UUID id) {
        return adjustments.ofEmployee(id);
    }

    @GetMapping("/api/payroll/adjustments/{id}")
    @Operation(summary = "One adjustment (back office)")
    @PreAuthorize("hasRole('back-office')")
    public Adjustment get(@PathVariable UUID id) {
        return adjustments.find(id).orElseThrow(() -> ApiException.notFound("adjustment " + id));
    }

    @DeleteMapping("/api/payroll/adjustments/{id}")
    @Operation(summary = "Void an adjustment with a reason, while its period has no run (back office); it stays on "
            + "record as VOID")
    @PreAuthorize("hasRole('back-office')")
    public Adjustment voidIt(@PathVariable UUID id, @RequestParam(required = false) String reason,
            @RequestBody(required = false) Void body) {
        String why = reason != null ? reason : body == null ? null : body.reason();
        Problems p = new Problems();
        p.require(why != null && !why.isBlank() && why.length() <= 500, "reason", "is required (at most 500 characters)");
        p.throwIfAny();
        String by = CurrentUser.get().name();
        return tx.execute(s -> {
            Adjustment a = adjustments.lock(id).orElseThrow(() -> ApiException.notFound("adjustment " + id));
            if (a.voidedAt() != null) {
                throw ApiException.conflict("Adjustment " + id + " is void already");
            }
            adjustments.lockPeriod(a.period());
            requireOpen(a.period());
            adjustments.voided(id, by, Instant.now(), why.strip());
            return adjustments.find(id).orElseThrow();
        });
    }

    /** A paid period is closed for good; one being run is closed until its run is rolled back. */
    private void requireOpen(String period) {
        adjustments.liveRunStatus(period).ifPresent(status -> {
            if ("FINALISED".equals(status)) {
                throw new InvalidRequestException(422, "The period is paid", List.of(new InvalidRequestException.FieldProblem(
                        "period", period + " is paid already: put the correction in a later period, with correctsPeriod "
                                + period)));
            }
            throw ApiException.conflict("The payroll run of " + period + " is " + status
                    + ": roll it back to change what it pays, or use a later period");
        });
    }
}
