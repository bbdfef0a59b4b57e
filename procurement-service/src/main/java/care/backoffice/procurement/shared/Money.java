package care.backoffice.procurement.shared;

import care.backoffice.support.problem.Problems;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * GBP amounts: {@code BigDecimal} with scale 2, written in JSON as strings with two decimals so that no
 * client turns them into binary floating point.
 */
public final class Money {

    public static final BigDecimal ZERO = new BigDecimal("0.00");

    private Money() {}

    /**
     * Reads an amount typed by a person or sent by a system. More than two decimals is refused rather than
     * rounded: a price of £1.005 is a mistake to show, not a value to guess.
     */
    public static BigDecimal parse(Problems problems, String field, String value, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                problems.add(field, "is required");
            }
            return null;
        }
        try {
            BigDecimal amount = new BigDecimal(value.trim());
            if (amount.scale() > 2 && amount.stripTrailingZeros().scale() > 2) {
                problems.add(field, "must have at most 2 decimals");
                return null;
            }
            if (amount.signum() < 0) {
                problems.add(field, "must not be negative");
                return null;
            }
            if (amount.compareTo(new BigDecimal("1000000000")) >= 0) {
                problems.add(field, "is too large");
                return null;
            }
            return amount.setScale(2, RoundingMode.UNNECESSARY);
        } catch (NumberFormatException | ArithmeticException e) {
            problems.add(field, "is not an amount like 12.50");
            return null;
        }
    }

    public static String format(BigDecimal amount) {
        return amount == null ? null : amount.setScale(2, RoundingMode.UNNECESSARY).toPlainString();
    }

    public static BigDecimal of(String amount) {
        return new BigDecimal(amount).setScale(2, RoundingMode.UNNECESSARY);
    }
}
