package care.backoffice.billing.care;

/**
 * The kinds of care a contract prices. Payroll-service sends these names with each care record; a contract
 * states one hourly price per kind.
 */
public enum CareType {
    PERSONAL_CARE,
    NURSING_CARE,
    DOMESTIC_SUPPORT,
    SOCIAL_SUPPORT,
    RESPITE_CARE;

    public static boolean isValid(String value) {
        for (CareType t : values()) {
            if (t.name().equals(value)) {
                return true;
            }
        }
        return false;
    }

    public String label() {
        String s = name().replace('_', ' ').toLowerCase(java.util.Locale.ROOT);
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
