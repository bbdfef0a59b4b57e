package care.backoffice.billing.runs;

import care.backoffice.billing.invoices.Invoice;
import care.backoffice.billing.invoices.InvoiceRepository;
import java.util.List;

public final class InvoiceViews {

    private InvoiceViews() {}

    public static Invoice of(InvoiceRepository.Header h, InvoiceRepository invoices, boolean withLines) {
        return new Invoice(h.id(), h.number(), h.kind(), h.status(), h.runId(), h.funderId(), h.funderType(),
                h.clientId(), h.purchaseOrderNumber(), h.originalInvoiceId(), h.issueDate(), h.dueDate(),
                h.periodStart(), h.periodEnd(), h.net(), h.vat(), h.total(), h.rejection(),
                withLines ? invoices.lines(h.id()) : List.of(), invoices.documentKinds(h.id()));
    }
}
