package care.backoffice.procurement.suppliers;

import care.backoffice.support.idempotency.IdempotentRequests;
import care.backoffice.support.problem.ApiException;
import care.backoffice.support.problem.Problems;
import care.backoffice.support.security.CurrentUser;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
@RequestMapping("/api/procurement/suppliers")
public class SupplierController {

    private final SupplierRepository suppliers;
    private final IdempotentRequests idempotent;

    public SupplierController(SupplierRepository suppliers, IdempotentRequests idempotent) {
        this.suppliers = suppliers;
        this.idempotent = idempotent;
    }

    @PostMapping
    @PreAuthorize("hasRole('back-office')")
    public ResponseEntity<?> create(@RequestBody SupplierRequest request,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        SupplierRules.Checked checked = SupplierRules.check(request);
        return idempotent.once("supplier", idempotencyKey, request, () -> {
            Supplier s = suppliers.insert(checked, CurrentUser.get().name());
            return ResponseEntity.created(URI.create("/api/procurement/suppliers/" + s.id())).body(view(s));
        });
    }

    public record AccountCodeRequest(String accountCode) {}

    /**
     * Links the supplier's own service account to it: tokens whose {@code supplier} claim is this code may post
     * this supplier's invoices and credit notes and read their status. A null or blank code unlinks it.
     */
    @PutMapping("/{id}/account-code")
    @PreAuthorize("hasRole('back-office')")
    public Map<String, Object> setAccountCode(@PathVariable UUID id, @RequestBody AccountCodeRequest request) {
        Problems p = new Problems();
        String code = SupplierRules.accountCode(p, "accountCode", request == null ? null : request.accountCode());
        p.throwIfAny();
        suppliers.find(id).orElseThrow(() -> ApiException.notFound("Supplier " + id));
        if (!suppliers.setAccountCode(id, code, CurrentUser.get().name())) {
            throw SupplierRepository.accountCodeTaken(code);
        }
        return view(suppliers.find(id).orElseThrow());
    }

    /** Every colleague may see who we buy from, including bank details' last digits only. */
    @GetMapping
    @PreAuthorize("hasAnyRole('team-member','back-office','finance')")
    public List<Map<String, Object>> list() {
        return suppliers.all().stream().map(SupplierController::view).toList();
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasAnyRole('team-member','back-office','finance')")
    public Map<String, Object> one(@PathVariable UUID id) {
        return view(suppliers.find(id).orElseThrow(() -> ApiException.notFound("Supplier " + id)));
    }

    static Map<String, Object> view(Supplier s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("name", s.name());
        Map<String, Object> address = new LinkedHashMap<>();
        address.put("line1", s.addressLine1());
        address.put("line2", s.addressLine2());
        address.put("town", s.town());
        address.put("postcode", s.postcode());
        address.put("countryCode", s.countryCode());
        m.put("address", address);
        m.put("peppolParticipantId", s.peppolParticipantId());
        m.put("orderEndpointUrl", s.orderEndpointUrl());
        // Bank details are needed by the payment run, not by colleagues: show only enough to recognise them.
        m.put("bankDetails", Map.of("accountName", s.bankAccountName(),
                "sortCode", s.sortCode().substring(0, 2) + "-" + s.sortCode().substring(2, 4) + "-" + s.sortCode().substring(4),
                "accountNumberEnding", s.accountNumber().substring(4)));
        m.put("paymentTermsDays", s.paymentTermsDays());
        m.put("accountCode", s.accountCode());
        m.put("createdBy", s.createdBy());
        m.put("createdAt", s.createdAt());
        return m;
    }
}
