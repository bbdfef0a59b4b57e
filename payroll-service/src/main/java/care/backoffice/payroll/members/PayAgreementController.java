package care.backoffice.payroll.members;

import care.backoffice.support.idempotency.IdempotentRequests;
import care.backoffice.support.problem.ApiException;
import care.backoffice.support.problem.Problems;
import care.backoffice.support.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A colleague's pay agreement after onboarding: a pay award, new contracted hours, enhancements. A change is a new
 * agreement from its effective date; the earlier ones stay. A run pays by the agreement in force at the period's end.
 */
@RestController
@RequestMapping("/api/payroll/members/{id}/pay-agreements")
@Tag(name = "Team members")
public class PayAgreementController {

    /** As at onboarding ({@code annualSalary} + {@code contractedWeeklyHours}, or {@code hourlyRate} + enhancements). */
    public record Change(String effectiveFrom, String annualSalary, String contractedWeeklyHours, String hourlyRate,
            MemberRequest.Enhancements enhancements, String payFrequency, String reason) {}

    private final MemberRepository members;
    private final IdempotentRequests idempotent;

    public PayAgreementController(MemberRepository members, IdempotentRequests idempotent) {
        this.members = members;
        this.idempotent = idempotent;
    }

    @GetMapping
    @Operation(summary = "A colleague's pay agreements, oldest first (back office)")
    @PreAuthorize("hasRole('back-office')")
    public List<MemberRepository.PayChange> history(@PathVariable UUID id) {
        members.find(id).orElseThrow(() -> ApiException.notFound("employee " + id));
        return members.payHistory(id);
    }

    @PostMapping
    @Operation(summary = "A new pay agreement from a date (back office); accepts an Idempotency-Key",
            description = "effectiveFrom, then annualSalary with contractedWeeklyHours, or hourlyRate with optional "
                    + "enhancements {nightPercent, weekendPercent, bankHolidayPercent, nightStart, nightEnd} "
                    + "(percentages of the hourly rate; night 22:00–06:00 unless set), payFrequency (MONTHLY, "
                    + "WEEKLY, FORTNIGHTLY, FOUR_WEEKLY: the schedule whose runs pay them) and a reason.")
    @PreAuthorize("hasRole('back-office')")
    public ResponseEntity<?> change(@PathVariable UUID id,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
            @RequestBody(required = false) Change body) {
        Change c = body == null ? new Change(null, null, null, null, null, null, null) : body;
        String by = CurrentUser.get().name();
        Problems p = new Problems();
        LocalDate from = Onboarding.date(p, "effectiveFrom", c.effectiveFrom());
        Member.Pay pay = PayAgreementRules.check(p, "", "hourlyRate", new MemberRequest.PayAgreement(c.annualSalary(),
                c.contractedWeeklyHours(), c.hourlyRate(), c.enhancements(), c.payFrequency()), from);
        p.require(c.reason() == null || c.reason().length() <= 500, "reason", "must be at most 500 characters");
        p.throwIfAny();
        return idempotent.once("POST /api/payroll/members/" + id + "/pay-agreements", idempotencyKey, c, () -> {
            if (!members.lock(id)) {
                throw ApiException.notFound("employee " + id);
            }
            Member m = members.find(id).orElseThrow();
            Problems late = new Problems();
            late.require(!from.isBefore(m.startDate()), "effectiveFrom",
                    "is before the colleague's start date " + m.startDate());
            late.throwIfAny(422, "The agreement cannot start then");
            members.addPayAgreement(id, pay, c.reason(), by, MemberRepository.now());
            return ResponseEntity.status(201).body(members.payHistory(id));
        });
    }
}
