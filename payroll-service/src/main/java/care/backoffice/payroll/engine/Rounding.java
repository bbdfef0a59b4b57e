package care.backoffice.payroll.engine;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Every rounding step of the engine, each named after the HMRC rule it implements (see
 * ../shared/reference/uk-payroll.md, which HMRC's test data confirms). Amounts are pounds.
 */
public final class Rounding {

    private Rounding() {}

    /** PAYE spec: taxable pay to date is rounded down to whole pounds. Also student loan deductions. */
    public static BigDecimal downToPounds(BigDecimal x) {
        return x.setScale(0, RoundingMode.FLOOR);
    }

    /** PAYE spec: band limits and cumulative band tax for period n are truncated to 4 decimal places. */
    public static BigDecimal truncateTo4dp(BigDecimal x) {
        return x.setScale(4, RoundingMode.DOWN);
    }

    /** PAYE spec: v(i), the band limit compared with taxable pay, is c(i) rounded up to whole pounds. */
    public static BigDecimal upToPounds(BigDecimal x) {
        return x.setScale(0, RoundingMode.CEILING);
    }

    /** PAYE spec Tables A: the remainder part of free pay is rounded up to the next penny. */
    public static BigDecimal upToPenny(BigDecimal x) {
        return x.setScale(2, RoundingMode.CEILING);
    }

    /** PAYE spec: tax due to date is rounded down to the penny. */
    public static BigDecimal downToPenny(BigDecimal x) {
        return x.setScale(2, RoundingMode.FLOOR);
    }

    /**
     * NI exact-percentage method, per band: ignore everything after the third decimal; a third decimal of 5 or
     * less rounds down, 6 or more rounds up (£0.0056 → £0.00, £0.0064 → £0.01, £0.0256 → £0.02). Non-negative input.
     */
    public static BigDecimal niBand(BigDecimal x) {
        long mills = x.setScale(3, RoundingMode.DOWN).unscaledValue().longValueExact();
        return BigDecimal.valueOf(Math.floorDiv(mills + 4, 10), 2);
    }

    /** Pension contributions: scheme-specific, so the scheme names its rounding mode. */
    public static BigDecimal pension(BigDecimal x, RoundingMode mode) {
        return x.setScale(2, mode);
    }

    /** Money as it travels: two decimals. */
    public static BigDecimal money(BigDecimal x) {
        return x.setScale(2, RoundingMode.UNNECESSARY);
    }
}
