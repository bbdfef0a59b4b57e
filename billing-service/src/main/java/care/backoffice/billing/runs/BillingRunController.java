package care.backoffice.billing.runs;

import care.backoffice.support.idempotency.IdempotentRequests;
import care.backoffice.support.problem.Problems;
import care.backoffice.support.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
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

@RestController
@RequestMapping("/api/billing/runs")
@Tag(name = "Billing runs", description = "Monthly runs: price unbilled care, issue invoices and credit notes, post the journal")
public class BillingRunController {

    public record RunRequest(String month, Boolean dryRun) {}

    private final BillingRunService service;
    private final IdempotentRequests idempotent;

    public BillingRunController(BillingRunService service, IdempotentRequests idempotent) {
        this.service = service;
        this.idempotent = idempotent;
    }

    @PostMapping
    @Operation(summary = "Start a run for a month (202; follow it at the Location). A dry run prices and previews "
            + "without issuing anything")
    @PreAuthorize("hasRole('back-office')")
    public ResponseEntity<?> start(@RequestBody RunRequest request,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        Problems p = new Problems();
        YearMonth month = null;
        if (request.month() == null) {
            p.add("month", "is required, as YYYY-MM");
        } else {
            try {
                month = YearMonth.parse(request.month());
            } catch (DateTimeParseException e) {
                p.add("month", "must be a month as YYYY-MM, e.g. 2026-10");
            }
        }
        p.throwIfAny();
        YearMonth m = month;
        String user = CurrentUser.get().name();
        return idempotent.once("billing-run", idempotencyKey, request, () -> {
            UUID id = service.start(m, Boolean.TRUE.equals(request.dryRun()), user);
            return ResponseEntity.accepted().location(URI.create("/api/billing/runs/" + id))
                    .body(Map.of("id", id.toString(), "status", "STARTING"));
        });
    }

    @GetMapping("/{id}")
    @Operation(summary = "A run with its progress (care records priced / total, documents issued / total), its "
            + "documents, or for a dry run the preview")
    @PreAuthorize("hasAnyRole('back-office','finance')")
    public BillingRun get(@PathVariable UUID id) {
        return service.find(id);
    }

    @GetMapping
    @Operation(summary = "The latest runs")
    @PreAuthorize("hasAnyRole('back-office','finance')")
    public List<BillingRun> list() {
        return service.recent();
    }

    @PostMapping("/{id}/restart")
    @Operation(summary = "Restart a failed run (or one whose process died); nothing done is done twice")
    @PreAuthorize("hasRole('back-office')")
    public ResponseEntity<?> restart(@PathVariable UUID id) {
        service.restart(id);
        return ResponseEntity.accepted().location(URI.create("/api/billing/runs/" + id))
                .body(Map.of("id", id.toString(), "status", "STARTING"));
    }
}
