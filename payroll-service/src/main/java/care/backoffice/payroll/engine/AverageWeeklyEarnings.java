package care.backoffice.payroll.engine;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * Average weekly earnings (AWE) for SSP and SMP, from the earnings paid on the normal paydays in the relevant period:
 * the 8 weeks that end with the last payday before the absence (HMRC "Statutory Sick Pay: employer guide", "Work out
 * average weekly earnings"). Earnings are gross pay subject to Class 1 NI (SSP and SMP included).
 *
 * <ul>
 * <li>Weekly pay: the last 8 paydays, ÷ 8. Fortnightly: the last 4, ÷ 8. Four-weekly: the last 2, ÷ 8.</li>
 * <li>Monthly pay: the last 2 paydays; HMRC: divide by the number of months, multiply by 12, divide by 52.</li>
 * <li>Fewer paydays (a recent starter): the same with the paydays there are, over the weeks they cover. [UNSURE:
 * HMRC's guide counts the days of the relevant period for a starter; for paydays that each cover a whole period the
 * two agree.]</li>
 * </ul>
 * HMRC states no rounding for AWE; it is kept to the penny, half up (as HMRC's own SSP calculator shows it), and
 * compared with the LEL and multiplied by 80% from there.
 */
public final class AverageWeeklyEarnings {

    private static final BigDecimal WEEKS_IN_YEAR = BigDecimal.valueOf(52);
    private static final BigDecimal MONTHS_IN_YEAR = BigDecimal.valueOf(12);

    private AverageWeeklyEarnings() {}

    /** How many normal paydays make up the 8-week relevant period. */
    public static int paydaysInRelevantPeriod(PayFrequency f) {
        return f == PayFrequency.MONTHLY ? 2 : 8 / f.weeksPerPeriod();
    }

    /**
     * @param earnings the earnings of the last paydays before the absence, at most
     *                 {@link #paydaysInRelevantPeriod(PayFrequency)} of them
     * @return AWE to the penny; null when there was no payday to average
     */
    public static BigDecimal of(PayFrequency f, List<BigDecimal> earnings) {
        if (earnings.isEmpty()) {
            return null;
        }
        if (earnings.size() > paydaysInRelevantPeriod(f)) {
            throw new IllegalArgumentException("the relevant period has at most " + paydaysInRelevantPeriod(f)
                    + " paydays of " + f);
        }
        BigDecimal total = earnings.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal paydays = BigDecimal.valueOf(earnings.size());
        if (f == PayFrequency.MONTHLY) {
            return total.multiply(MONTHS_IN_YEAR).divide(paydays.multiply(WEEKS_IN_YEAR), 2, RoundingMode.HALF_UP);
        }
        return total.divide(paydays.multiply(BigDecimal.valueOf(f.weeksPerPeriod())), 2, RoundingMode.HALF_UP);
    }
}
