package care.backoffice.billing.care;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/billing/care-delivered")
@Tag(name = "Care delivered", description = "Visits passed on by payroll-service from the hours teams submit")
public class CareDeliveredController {

    /** What happened to a posted record: stored new, replaced by a later version, voided, or a replay. */
    public enum Outcome { RECORDED, AMENDED, VOIDED, REPLAY }

    public record Answer(String hoursEntryId, int version, String status, Outcome outcome, boolean billable,
            String unbillableReason) {}

    private final CareDeliveredRepository care;
    private final TransactionTemplate tx;

    public CareDeliveredController(CareDeliveredRepository care, TransactionTemplate tx) {
        this.care = care;
        this.tx = tx;
    }

    /**
     * Idempotent on hoursEntryId + version, so payroll's outbox may deliver the same record any number of
     * times. Care for a client billing does not know is stored all the same and reported as unbillable: care
     * that was given is never dropped for a missing master record.
     */
    @PostMapping
    @Operation(summary = "Record, amend (higher version) or void a visit; 201 when new, 200 otherwise "
            + "(outcome AMENDED, VOIDED or REPLAY for an equal or lower version, which changes nothing)")
    @PreAuthorize("hasRole('service-payroll')")
    public ResponseEntity<Answer> record(@RequestBody CareRecord request) {
        request.check();
        Answer answer = tx.execute(s -> {
            Outcome outcome;
            String status = request.status();
            int version = request.version();
            if (care.insertIfNew(request)) {
                outcome = Outcome.RECORDED;
            } else {
                CareDeliveredRepository.Stored stored = care.lock(request.uuid());
                if (request.version() <= stored.version()) {
                    outcome = Outcome.REPLAY;
                    version = stored.version();
                    status = stored.status();
                } else {
                    care.replace(request);
                    outcome = "VOID".equals(request.status()) ? Outcome.VOIDED : Outcome.AMENDED;
                }
            }
            care.keepVersion(request);
            String reason = care.unbillableReason(request.uuid()).orElse(null);
            return new Answer(request.hoursEntryId(), version,
                    status, outcome,
                    reason == null && !"VOID".equals(status), reason);
        });
        return ResponseEntity.status(answer.outcome() == Outcome.RECORDED ? 201 : 200).body(answer);
    }

    @GetMapping("/unbillable")
    @Operation(summary = "Care that cannot be charged yet (unknown client, no funding or price on the day), to fix")
    @PreAuthorize("hasAnyRole('back-office','finance')")
    public List<CareDeliveredRepository.Unbillable> unbillable() {
        return care.unbillable();
    }
}
