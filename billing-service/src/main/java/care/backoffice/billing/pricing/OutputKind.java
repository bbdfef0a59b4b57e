package care.backoffice.billing.pricing;

/** How a funder takes its invoice: PEPPOL e-invoice, a council portal CSV upload, or a PDF by email. */
public enum OutputKind {
    PEPPOL,
    COUNCIL_CSV,
    PDF_EMAIL
}
