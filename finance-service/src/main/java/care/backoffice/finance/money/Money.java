package care.backoffice.finance.money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

/**
 * GBP amounts: {@code BigDecimal} at scale 2. The ledger never rounds: a posted amount must already
 * be whole pence (more decimals are refused, not rounded), and statements only add and subtract,
 * which keeps scale 2 exactly. JSON carries amounts as strings with two decimals.
 */
public final class Money {

    public static final BigDecimal ZERO = new BigDecimal("0.00");

    private Money() {}

    /** Parses "120", "120.5", "120.50"; empty when not a number or finer than a penny. */
    public static Optional<BigDecimal> parsePence(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            BigDecimal v = new BigDecimal(text.trim());
            if (v.stripTrailingZeros().scale() > 2) {
                return Optional.empty();
            }
            // Exact: scale 2 or less, so no rounding happens here.
            return Optional.of(v.setScale(2, RoundingMode.UNNECESSARY));
        } catch (NumberFormatException | ArithmeticException e) {
            return Optional.empty();
        }
    }

    public static BigDecimal of(BigDecimal v) {
        return v == null ? ZERO : v.setScale(2, RoundingMode.UNNECESSARY);
    }

    public static String format(BigDecimal v) {
        return of(v).toPlainString();
    }

    /** Null for zero: a journal line shows either its debit or its credit. */
    public static String formatOrNull(BigDecimal v) {
        return v == null || v.signum() == 0 ? null : format(v);
    }
}
