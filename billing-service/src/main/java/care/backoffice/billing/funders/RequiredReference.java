package care.backoffice.billing.funders;

/**
 * References a funder demands on every invoice: NHS bodies and many councils reject one without their
 * purchase-order number, some want their own reference for each client on the lines.
 */
public enum RequiredReference {
    /** The purchase-order number written on the funder's contract. */
    PURCHASE_ORDER_NUMBER,
    /** The funder's own reference for the client, kept on the client's funding. */
    CLIENT_REFERENCE,
    /** The funder's reference for the contract itself. */
    CONTRACT_REFERENCE;

    public static boolean isValid(String value) {
        for (RequiredReference r : values()) {
            if (r.name().equals(value)) {
                return true;
            }
        }
        return false;
    }
}
