package care.backoffice.procurement.invoices;

import care.backoffice.procurement.suppliers.Supplier;
import care.backoffice.procurement.suppliers.SupplierAccounts;
import care.backoffice.support.idempotency.IdempotentRequests;
import care.backoffice.support.problem.InvalidRequestException;
import care.backoffice.support.problem.Problems;
import care.backoffice.support.security.CurrentUser;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.w3c.dom.Document;

/** Supplier credit notes, as JSON or UBL CreditNote, from the back office or the supplier's own account. */
@RestController
public class CreditNoteController {

    public record RefundRequest(String receivedOn) {}

    private final CreditNoteService service;
    private final IdempotentRequests idempotent;
    private final SupplierAccounts accounts;
    private final PeppolBillingValidator validator;

    public CreditNoteController(CreditNoteService service, IdempotentRequests idempotent, SupplierAccounts accounts,
            PeppolBillingValidator validator) {
        this.service = service;
        this.idempotent = idempotent;
        this.accounts = accounts;
        this.validator = validator;
    }

    @PostMapping(value = "/api/procurement/credit-notes", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasAnyRole('back-office','supplier')")
    public ResponseEntity<?> receiveJson(@RequestBody CreditNoteRequest request,
            @RequestHeader(name = "Idempotency-Key", required = false) String key) {
        Optional<Supplier> caller = accounts.actingFor();
        if (caller.isPresent()) {
            String own = caller.get().id().toString();
            if (request.supplierId() != null && !request.supplierId().trim().equalsIgnoreCase(own)) {
                throw new AccessDeniedException("a supplier posts its own credit notes only");
            }
            request = new CreditNoteRequest(own, request.creditNoteNumber(), request.invoiceNumber(),
                    request.issueDate(), request.total(), request.reason(), request.lines());
        }
        return receive(request, "JSON", null, key, field -> field);
    }

    /** A UBL CreditNote: checked against PEPPOL BIS Billing 3 exactly as invoices are, then read and applied. */
    @PostMapping(value = "/api/procurement/credit-notes", consumes = {MediaType.APPLICATION_XML_VALUE, MediaType.TEXT_XML_VALUE})
    @PreAuthorize("hasAnyRole('back-office','supplier')")
    public ResponseEntity<?> receiveUbl(@RequestBody(required = false) String xml,
            @RequestHeader(name = "Idempotency-Key", required = false) String key) {
        Optional<Supplier> caller = accounts.actingFor();
        Document doc = UblDocuments.parse(xml, "CreditNote");
        List<PeppolBillingValidator.Failure> failures = validator.creditNoteFailures(xml, doc);
        if (!failures.isEmpty()) {
            throw PeppolBillingValidator.rejected("credit note", PeppolBillingValidator.CREDIT_NOTE_RULES, failures);
        }
        UblCreditNoteReader.Read read = UblCreditNoteReader.read(doc);
        String supplierId = accounts.supplierOfDocument(caller, read.sellerEndpoint()).map(UUID::toString).orElse(null);
        CreditNoteRequest r = read.request();
        return receive(new CreditNoteRequest(supplierId, r.creditNoteNumber(), r.invoiceNumber(), r.issueDate(),
                r.total(), r.reason(), r.lines()), "UBL", xml, key, UblFields::creditNote);
    }

    private ResponseEntity<?> receive(CreditNoteRequest request, String format, String document, String key,
            UnaryOperator<String> fieldNames) {
        CreditNoteService.Checked checked = UblFields.renamed(() -> service.check(request), fieldNames);
        String who = CurrentUser.get().name();
        return idempotent.once("credit-note", key, request, () -> {
            Map<String, Object> note = service.receive(checked, format, document, who);
            return ResponseEntity.created(URI.create("/api/procurement/credit-notes/" + note.get("id"))).body(note);
        });
    }

    @GetMapping("/api/procurement/credit-notes")
    @PreAuthorize("hasAnyRole('back-office','finance','supplier')")
    public List<Map<String, Object>> list(@RequestParam(required = false) String outcome,
            @RequestParam(defaultValue = "200") int limit) {
        if (outcome != null && !List.of("INVOICE_REDUCED", "PAYABLE_REDUCED", "REFUND_DUE", "REFUNDED").contains(outcome)) {
            throw InvalidRequestException.of("outcome", "must be INVOICE_REDUCED, PAYABLE_REDUCED, REFUND_DUE or REFUNDED");
        }
        UUID supplier = accounts.actingFor().map(Supplier::id).orElse(null);
        return service.list(supplier, outcome, Math.max(1, Math.min(limit, 1000)));
    }

    @GetMapping("/api/procurement/credit-notes/{id}")
    @PreAuthorize("hasAnyRole('back-office','finance','supplier')")
    public Map<String, Object> one(@PathVariable UUID id) {
        Optional<Supplier> caller = accounts.actingFor();
        Map<String, Object> note = service.view(id);
        accounts.requireActingFor(caller, (UUID) note.get("supplierId"));
        return note;
    }

    /** The supplier's refund of a credit note on an invoice we had already paid arrived in our bank account. */
    @PostMapping("/api/procurement/credit-notes/{id}/refund")
    @PreAuthorize("hasRole('back-office')")
    @Transactional
    public Map<String, Object> refundReceived(@PathVariable UUID id, @RequestBody RefundRequest request) {
        Problems p = new Problems();
        LocalDate receivedOn = p.date("receivedOn", request == null ? null : request.receivedOn(), true);
        p.throwIfAny();
        return service.refundReceived(id, receivedOn, CurrentUser.get().name());
    }
}
