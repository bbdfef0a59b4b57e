package care.backoffice.billing.invoices;

import care.backoffice.billing.pricing.VatTreatment;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** Everything a document needs, computed before anything is stored, so that it can be validated first. */
public record InvoiceDraft(InvoiceKind kind, String number, LocalDate issueDate, LocalDate dueDate,
        LocalDate periodStart, LocalDate periodEnd, Party seller, Party buyer, String purchaseOrderNumber,
        String contractReference, String buyerReference, String originalInvoiceNumber, LocalDate originalIssueDate,
        VatTreatment vat, int paymentTermsDays, List<InvoiceLine> lines, BigDecimal net, BigDecimal vatAmount,
        BigDecimal total, String bankAccount, String bankAccountName) {

    /** A UBL document can only be addressed to a buyer with a PEPPOL participant id (BT-49, PEPPOL-EN16931-R010). */
    public boolean buyerOnPeppol() {
        return buyer.endpointId() != null;
    }
}
