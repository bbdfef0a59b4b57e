package care.backoffice.procurement.invoices;

import care.backoffice.procurement.suppliers.Supplier;
import care.backoffice.procurement.suppliers.SupplierAccounts;
import care.backoffice.procurement.suppliers.SupplierRepository;
import care.backoffice.support.idempotency.IdempotentRequests;
import care.backoffice.support.problem.InvalidRequestException;
import care.backoffice.support.security.CurrentUser;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.w3c.dom.Document;

/** Supplier invoices arrive here as JSON or as a UBL Invoice, and are matched at once. */
@RestController
public class InvoiceController {

    private final InvoiceService service;
    private final IdempotentRequests idempotent;
    private final SupplierRepository suppliers;
    private final SupplierAccounts accounts;
    private final PeppolBillingValidator validator;

    public InvoiceController(InvoiceService service, IdempotentRequests idempotent, SupplierRepository suppliers,
            SupplierAccounts accounts, PeppolBillingValidator validator) {
        this.service = service;
        this.idempotent = idempotent;
        this.suppliers = suppliers;
        this.accounts = accounts;
        this.validator = validator;
    }

    /**
     * A JSON invoice, from the back office (any supplier) or from a supplier's own service account (its own
     * invoices only: {@code supplierId} may be left out, and naming another supplier is a 403).
     */
    @PostMapping(value = "/api/procurement/invoices", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasAnyRole('back-office','supplier')")
    public ResponseEntity<?> receiveJson(@RequestBody InvoiceRequest request,
            @RequestHeader(name = "Idempotency-Key", required = false) String key) {
        Optional<Supplier> caller = accounts.actingFor();
        if (caller.isPresent()) {
            String own = caller.get().id().toString();
            if (request.supplierId() != null && !request.supplierId().trim().equalsIgnoreCase(own)) {
                throw new AccessDeniedException("a supplier posts its own invoices only");
            }
            request = new InvoiceRequest(own, request.invoiceNumber(), request.orderNumber(), request.issueDate(),
                    request.total(), request.lines());
        }
        return receive(request, "JSON", null, key, field -> field);
    }

    /**
     * A UBL Invoice: checked against PEPPOL BIS Billing 3 (schema, EN 16931, PEPPOL rules) before anything else;
     * a document that breaks any rule is refused with every failed rule listed, and nothing is recorded. A valid
     * one is read into the same request as the JSON form and matched the same way.
     */
    @PostMapping(value = "/api/procurement/invoices", consumes = {MediaType.APPLICATION_XML_VALUE, MediaType.TEXT_XML_VALUE})
    @PreAuthorize("hasAnyRole('back-office','supplier')")
    public ResponseEntity<?> receiveUbl(@RequestBody(required = false) String xml,
            @RequestHeader(name = "Idempotency-Key", required = false) String key) {
        Optional<Supplier> caller = accounts.actingFor();
        Document doc = UblDocuments.parse(xml, "Invoice");
        List<PeppolBillingValidator.Failure> failures = validator.invoiceFailures(xml, doc);
        if (!failures.isEmpty()) {
            throw PeppolBillingValidator.rejected("invoice", PeppolBillingValidator.INVOICE_RULES, failures);
        }
        UblInvoiceReader.Read read = UblInvoiceReader.read(doc);
        String supplierId = accounts.supplierOfDocument(caller, read.sellerEndpoint()).map(UUID::toString).orElse(null);
        InvoiceRequest r = read.request();
        InvoiceRequest request = new InvoiceRequest(supplierId, r.invoiceNumber(), r.orderNumber(), r.issueDate(),
                r.total(), r.lines());
        return receive(request, "UBL", xml, key, UblFields::invoice);
    }

    private ResponseEntity<?> receive(InvoiceRequest request, String format, String document, String key,
            UnaryOperator<String> fieldNames) {
        InvoiceService.Checked checked = UblFields.renamed(() -> service.check(request), fieldNames);
        String who = CurrentUser.get().name();
        return idempotent.once("invoice", key, request, () -> {
            Map<String, Object> invoice = service.receive(checked, format, document, who);
            return ResponseEntity.created(URI.create("/api/procurement/invoices/" + invoice.get("id"))).body(invoice);
        });
    }

    /** The exceptions list is {@code ?status=EXCEPTION}: every invoice that did not match, with its reasons. */
    @GetMapping("/api/procurement/invoices")
    @PreAuthorize("hasAnyRole('back-office','finance','supplier')")
    public List<Map<String, Object>> list(@RequestParam(defaultValue = "EXCEPTION") String status,
            @RequestParam(defaultValue = "200") int limit) {
        if (!List.of("EXCEPTION", "MATCHED", "REJECTED").contains(status)) {
            throw InvalidRequestException.of("status", "must be EXCEPTION, MATCHED or REJECTED");
        }
        int bounded = Math.max(1, Math.min(limit, 1000));
        Optional<Supplier> caller = accounts.actingFor();
        if (caller.isPresent()) {
            return service.listOfSupplier(caller.get().id(), status, bounded).stream()
                    .map(InvoiceService::supplierView).toList();
        }
        return service.list(status, bounded);
    }

    public record ResolutionRequest(String decision, String note) {}

    /** The back office settles an exception: ACCEPT an agreed price difference, or REJECT the invoice. */
    @PostMapping("/api/procurement/invoices/{id}/resolution")
    @PreAuthorize("hasRole('back-office')")
    @org.springframework.transaction.annotation.Transactional
    public Map<String, Object> resolve(@PathVariable UUID id, @RequestBody ResolutionRequest request) {
        return service.resolve(id, request.decision(), request.note(), CurrentUser.get().name());
    }

    /** One invoice; a supplier's own account sees its own invoices only, without our internal notes. */
    @GetMapping("/api/procurement/invoices/{id}")
    @PreAuthorize("hasAnyRole('back-office','finance','supplier')")
    public Map<String, Object> one(@PathVariable UUID id) {
        Optional<Supplier> caller = accounts.actingFor();
        Map<String, Object> invoice = service.view(id);
        if (caller.isPresent()) {
            accounts.requireActingFor(caller, (UUID) invoice.get("supplierId"));
            return InvoiceService.supplierView(invoice);
        }
        return invoice;
    }
}
