package care.backoffice.billing.invoices;

public enum InvoiceKind {
    INVOICE,
    CREDIT_NOTE
}
