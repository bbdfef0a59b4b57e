package care.backoffice.payroll.hours;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

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

    // Asked once per CARE entry of a bulk submission: a set lookup, not a stream over the values.
    private static final Set<String> NAMES = Arrays.stream(values()).map(Enum::name).collect(Collectors.toUnmodifiableSet());

    public static boolean isValid(String value) {
        return value != null && NAMES.contains(value);
    }
}
