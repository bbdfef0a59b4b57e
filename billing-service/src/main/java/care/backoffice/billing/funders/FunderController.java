package care.backoffice.billing.funders;

import care.backoffice.support.idempotency.IdempotentRequests;
import care.backoffice.support.problem.ApiException;
import care.backoffice.support.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/billing/funders")
@Tag(name = "Funders", description = "Who pays for care: NHS commissioners, councils, self-funders")
public class FunderController {

    private final FunderRepository funders;
    private final IdempotentRequests idempotent;
    private final org.springframework.transaction.support.TransactionTemplate tx;

    public FunderController(FunderRepository funders, IdempotentRequests idempotent,
            org.springframework.transaction.support.TransactionTemplate tx) {
        this.funders = funders;
        this.idempotent = idempotent;
        this.tx = tx;
    }

    @PostMapping
    @Operation(summary = "Register a funder (back office); an Idempotency-Key replay returns the first answer")
    @PreAuthorize("hasRole('back-office')")
    public ResponseEntity<?> create(@RequestBody NewFunder request,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        request.check();
        String user = CurrentUser.get().name();
        return idempotent.once("funder", idempotencyKey, request, () -> {
            Funder created = funders.insert(request, user);
            return ResponseEntity.created(URI.create("/api/billing/funders/" + created.id())).body(created);
        });
    }

    /**
     * Corrects or changes a funder's details (new address, PEPPOL id, payment terms...). Invoices already issued
     * keep their documents as issued; the previous values are kept in the funder's history.
     */
    @PutMapping("/{id}")
    @Operation(summary = "Change a funder's details; the previous values are kept as history")
    @PreAuthorize("hasRole('back-office')")
    public Funder update(@PathVariable UUID id, @RequestBody NewFunder request) {
        request.check();
        String user = CurrentUser.get().name();
        return tx.execute(s -> funders.update(id, request, user))
                .orElseThrow(() -> ApiException.notFound("Funder " + id));
    }

    @GetMapping("/{id}/history")
    @Operation(summary = "Earlier versions of a funder's details, oldest first, with who changed them and when")
    @PreAuthorize("hasAnyRole('back-office','finance')")
    public List<FunderRepository.Change> history(@PathVariable UUID id) {
        funders.find(id).orElseThrow(() -> ApiException.notFound("Funder " + id));
        return funders.history(id);
    }

    /** Service accounts read funders too, e.g. finance naming the debtor behind a journal line. */
    @GetMapping
    @Operation(summary = "Every funder, by name")
    @PreAuthorize("hasAnyRole('back-office','finance','service-finance','service-payroll')")
    public List<Funder> list() {
        return funders.findAll();
    }

    @GetMapping("/{id}")
    @Operation(summary = "One funder")
    @PreAuthorize("hasAnyRole('back-office','finance','service-finance','service-payroll')")
    public Funder get(@PathVariable UUID id) {
        return funders.find(id).orElseThrow(() -> ApiException.notFound("Funder " + id));
    }
}
