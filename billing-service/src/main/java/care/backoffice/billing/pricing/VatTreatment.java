package care.backoffice.billing.pricing;

/**
 * Care is exempt from VAT: VAT Act 1994, Schedule 9, Group 7 (health and welfare), items 1 and 9. A contract
 * may say STANDARD for the rare taxable supply (e.g. training sold to a council), charged at 20%.
 */
public enum VatTreatment {
    EXEMPT,
    STANDARD
}
