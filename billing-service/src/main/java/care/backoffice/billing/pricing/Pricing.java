package care.backoffice.billing.pricing;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The price rules of a contract, as plain arithmetic.
 *
 * <p>Two roundings, in this order, and no other:
 * <ol>
 * <li>Time, per visit: the charged minutes (actual or planned) are brought to a whole billing unit with the
 * contract's rounding (up / nearest / down). This is what councils' contracts specify: "charged in 15-minute
 * units, rounded to the nearest unit" is about each visit.</li>
 * <li>Money, once per invoice line (client × care type × hourly rate): hourly rate × minutes / 60, rounded
 * half-up to the penny. Rounding once per line, not per visit, keeps every UBL line exactly
 * quantity × price / base quantity (EN 16931 BT-131, checked by PEPPOL-EN16931-R120) and never lets per-visit
 * rounding drift add up against the funder.</li>
 * </ol>
 */
public final class Pricing {

    private static final BigDecimal SIXTY = BigDecimal.valueOf(60);

    private Pricing() {}

    /** Minutes to charge for one visit under the contract's billing unit and rounding. */
    public static int billableMinutes(int minutes, BillingUnit unit, Rounding rounding) {
        if (minutes < 0) {
            throw new IllegalArgumentException("minutes must not be negative: " + minutes);
        }
        int step = unit.minutes();
        int whole = minutes / step;
        int rest = minutes % step;
        if (rest == 0) {
            return minutes;
        }
        return switch (rounding) {
            case DOWN -> whole * step;
            case UP -> (whole + 1) * step;
            // A half unit or more rounds up: 2 * rest >= step avoids fractions (7.5 of 15 rounds up, 7 rounds down).
            case NEAREST -> (2 * rest >= step ? whole + 1 : whole) * step;
        };
    }

    /**
     * Which minutes the funder pays for. PLANNED falls back to the actual minutes when the visit had no plan
     * (an unplanned visit is charged for the time spent; the run report shows it as such).
     */
    public static int chargedMinutes(ChargedTime chargedTime, int actualMinutes, Integer plannedMinutes) {
        return chargedTime == ChargedTime.PLANNED && plannedMinutes != null ? plannedMinutes : actualMinutes;
    }

    /** The money for a line: hourly rate × minutes / 60, half-up to the penny (see the class comment). */
    public static BigDecimal lineAmount(BigDecimal hourlyRate, long minutes) {
        return hourlyRate.multiply(BigDecimal.valueOf(minutes)).divide(SIXTY, 2, RoundingMode.HALF_UP);
    }

    /** VAT on a line total, half-up to the penny (HMRC VAT Notice 700 s.17.5 allows rounding to the nearest penny). */
    public static BigDecimal vat(BigDecimal net, VatTreatment treatment) {
        return treatment == VatTreatment.STANDARD
                ? net.multiply(new BigDecimal("0.20")).setScale(2, RoundingMode.HALF_UP)
                : BigDecimal.ZERO.setScale(2);
    }
}
