package care.backoffice.payroll.hours;

import java.util.Arrays;

/**
 * The kinds of care billing-service prices (its {@code CareType}, the agreed contract). Payroll accepts only these
 * for CARE entries: anything else would be refused by billing for good, and care given must reach billing.
 */
public enum CareType {
    PERSONAL_CARE,
    NURSING_CARE,
    DOMESTIC_SUPPORT,
    SOCIAL_SUPPORT,
    RESPITE_CARE;

    public static boolean isValid(String value) {
        return value != null && Arrays.stream(values()).anyMatch(t -> t.name().equals(value));
    }
}
