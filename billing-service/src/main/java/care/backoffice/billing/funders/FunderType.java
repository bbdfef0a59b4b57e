package care.backoffice.billing.funders;

/** Who pays: decides the income account and, for self-funders, that each client gets their own invoice. */
public enum FunderType {
    NHS_ICB,
    NHS_CHC,
    LOCAL_AUTHORITY,
    SELF_FUNDER,
    OTHER;

    public static boolean isValid(String value) {
        for (FunderType t : values()) {
            if (t.name().equals(value)) {
                return true;
            }
        }
        return false;
    }
}
