package care.backoffice.billing.invoices;

import care.backoffice.billing.runs.InvoiceViews;
import care.backoffice.support.problem.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Locale;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/billing/invoices")
@Tag(name = "Invoices", description = "Issued invoices and credit notes and their documents (UBL, PDF, council CSV)")
@PreAuthorize("hasAnyRole('back-office','finance')")
public class InvoiceController {

    private final InvoiceRepository invoices;
    private final InvoiceDeliveries deliveries;

    public InvoiceController(InvoiceRepository invoices, InvoiceDeliveries deliveries) {
        this.invoices = invoices;
        this.deliveries = deliveries;
    }

    @GetMapping("/{id}")
    @Operation(summary = "An invoice or credit note with its lines and where each of its documents went")
    public InvoiceWithDeliveries get(@PathVariable UUID id) {
        return invoices.header(id).map(h -> new InvoiceWithDeliveries(InvoiceViews.of(h, invoices, true),
                        deliveries.of(id)))
                .orElseThrow(() -> ApiException.notFound("Invoice " + id));
    }

    @GetMapping("/{id}/documents/{kind}")
    @Operation(summary = "A document of the invoice: ubl (PEPPOL BIS 3 XML), pdf or csv (council portal)")
    public ResponseEntity<byte[]> document(@PathVariable UUID id, @PathVariable String kind) {
        String k = kind.toUpperCase(Locale.ROOT);
        InvoiceRepository.Document d = invoices.document(id, k)
                .orElseThrow(() -> ApiException.notFound("Document " + kind + " of invoice " + id));
        String number = invoices.header(id).map(InvoiceRepository.Header::number).orElse(id.toString());
        String ext = switch (k) {
            case "UBL" -> "xml";
            case "PDF" -> "pdf";
            default -> "csv";
        };
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(d.contentType()))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + number + "." + ext + "\"")
                .body(d.content());
    }
}
