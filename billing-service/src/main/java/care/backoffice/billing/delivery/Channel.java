package care.backoffice.billing.delivery;

/**
 * How a document reaches its buyer, chosen from the contract's output when the run queues it: the UBL over PEPPOL,
 * the PDF by email (funders on {@code PDF_EMAIL}, and every self-funding client), or the council CSV and PDF uploaded
 * to the council's portal by the back office (portals differ and most have no API).
 */
public enum Channel {
    PEPPOL,
    EMAIL,
    PORTAL
}
