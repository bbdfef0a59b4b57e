package care.backoffice.payroll.engine;

import static care.backoffice.payroll.engine.Rounding.niBand;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;

/**
 * Class 1 National Insurance by the exact-percentage method (reference §2.3; reproduces every row of HMRC's
 * 2025-26 weekly and monthly test data). Employee and employer contributions are worked out separately on
 * unrounded earnings; each rate band's amount is rounded on its own ({@link Rounding#niBand}) and then added.
 *
 * <p>Employee bands: PT–UEL at the category's main rate, above UEL at its upper rate. Employer bands: from ST up
 * to the category's relief threshold (UST, AUST, VUST, FUST or IZUST) at 0%, then up to UEL and above UEL at the
 * employer rate. Thresholds are the published ones for each earnings period (2- and 4-weekly are not weekly × 2
 * or × 4).
 *
 * <p>Directors have an annual earnings period (or a pro-rata one: the weeks left in the year counting the week of
 * appointment, each threshold = annual × weeks / 52 rounded up to the pound). Standard method: NI on earnings to
 * date on those thresholds, less NI already paid. Alternative method: each period as an ordinary employee, and
 * the annual recalculation in the last regular period of the year.
 */
public final class NationalInsuranceCalculator {

    public enum DirectorMethod { STANDARD, ALTERNATIVE }

    /**
     * @param weeksInEarningsPeriod 52 for an annual earnings period, fewer for a director appointed in the year
     * @param grossPayToDate        NI-able pay in the earnings period to date, including this period
     * @param employeeNiToDate      employee NI paid in the earnings period before this period
     * @param employerNiToDate      employer NI paid in the earnings period before this period
     */
    public record Director(DirectorMethod method, int weeksInEarningsPeriod, BigDecimal grossPayToDate,
            BigDecimal employeeNiToDate, BigDecimal employerNiToDate) {}

    public record Input(PayFrequency frequency, int period, String category, BigDecimal pay, Director director) {}

    /**
     * The earnings bands are this period's (for a director on the cumulative calculation, the earnings period's
     * to date): earnings at LEL, between LEL and PT, between PT and UEL, as the FPS reports them.
     */
    public record Result(BigDecimal employee, BigDecimal employer, BigDecimal earningsAtLel, BigDecimal earningsLelToPt,
            BigDecimal earningsPtToUel) {}

    private static final BigDecimal ZERO = BigDecimal.ZERO.setScale(2);
    private static final BigDecimal FIFTY_TWO = BigDecimal.valueOf(52);

    private NationalInsuranceCalculator() {}

    /** Thresholds of one earnings period, resolved once. */
    public record Thresholds(BigDecimal lel, BigDecimal pt, BigDecimal st, BigDecimal uel, Map<String, BigDecimal> all) {
        static Thresholds of(Map<String, BigDecimal> t) {
            return new Thresholds(t.get("LEL"), t.get("PT"), t.get("ST"), t.get("UEL"), t);
        }

        BigDecimal named(String name) {
            BigDecimal v = all.get(name);
            if (v == null) {
                throw new IllegalStateException("No NI threshold " + name + " in the tax year's data");
            }
            return v;
        }
    }

    public static TaxYearParameters.NiCategory category(TaxYearParameters.NationalInsurance params, String letter,
            String field) {
        TaxYearParameters.NiCategory c = letter == null ? null : params.categories().get(letter);
        if (c == null) {
            throw EngineInputException.of(field, "is not an NI category letter of this tax year ("
                    + String.join(", ", new java.util.TreeSet<>(params.categories().keySet())) + ")");
        }
        return c;
    }

    public static Thresholds thresholds(TaxYearParameters.NationalInsurance params, PayFrequency f) {
        return Thresholds.of(params.thresholds().get(f.name()));
    }

    public static Result calculate(TaxYearParameters.NationalInsurance params, Input in) {
        TaxYearParameters.NiCategory cat = category(params, in.category(), "category");
        Director d = in.director();
        if (d == null || (d.method() == DirectorMethod.ALTERNATIVE && in.period() < in.frequency().periodsInYear())) {
            return onEarnings(cat, thresholds(params, in.frequency()), in.pay());
        }
        Thresholds annual = directorThresholds(params, d.weeksInEarningsPeriod());
        Result toDate = onEarnings(cat, annual, d.grossPayToDate());
        return new Result(toDate.employee().subtract(d.employeeNiToDate()), toDate.employer().subtract(d.employerNiToDate()),
                toDate.earningsAtLel(), toDate.earningsLelToPt(), toDate.earningsPtToUel());
    }

    /** Annual thresholds, or pro-rata ones (annual × weeks / 52, rounded up to the pound) for a shorter period. */
    static Thresholds directorThresholds(TaxYearParameters.NationalInsurance params, int weeks) {
        Map<String, BigDecimal> annual = params.thresholds().get("ANNUAL");
        if (weeks >= 52) {
            return Thresholds.of(annual);
        }
        BigDecimal w = BigDecimal.valueOf(weeks);
        Map<String, BigDecimal> scaled = new java.util.HashMap<>();
        annual.forEach((k, v) -> scaled.put(k, v.multiply(w).divide(FIFTY_TWO, 0, RoundingMode.CEILING)));
        return Thresholds.of(scaled);
    }

    /** The exact-percentage method on one amount of earnings with one set of thresholds. */
    public static Result onEarnings(TaxYearParameters.NiCategory cat, Thresholds t, BigDecimal pay) {
        BigDecimal atLel = pay.compareTo(t.lel()) >= 0 ? t.lel() : BigDecimal.ZERO;
        BigDecimal lelToPt = band(pay, t.lel(), t.pt());
        BigDecimal ptToUel = band(pay, t.pt(), t.uel());
        if (cat.none()) {
            return new Result(ZERO, ZERO, money(atLel), money(lelToPt), money(ptToUel));
        }
        BigDecimal employee = niBand(ptToUel.multiply(cat.employeeMainRate()))
                .add(niBand(above(pay, t.uel()).multiply(cat.employeeUpperRate())));
        BigDecimal relief = cat.employerReliefUpTo() == null ? t.st() : t.named(cat.employerReliefUpTo()).max(t.st());
        BigDecimal employer = niBand(band(pay, relief, t.uel().max(relief)).multiply(cat.employerRate()))
                .add(niBand(above(pay, t.uel().max(relief)).multiply(cat.employerRate())));
        return new Result(employee, employer, money(atLel), money(lelToPt), money(ptToUel));
    }

    /** Earnings between two thresholds (none if pay does not exceed the lower one). */
    private static BigDecimal band(BigDecimal pay, BigDecimal from, BigDecimal to) {
        if (pay.compareTo(from) <= 0) {
            return BigDecimal.ZERO;
        }
        return pay.min(to).subtract(from).max(BigDecimal.ZERO);
    }

    private static BigDecimal above(BigDecimal pay, BigDecimal threshold) {
        return pay.compareTo(threshold) > 0 ? pay.subtract(threshold) : BigDecimal.ZERO;
    }

    private static BigDecimal money(BigDecimal x) {
        return x.setScale(2, RoundingMode.UNNECESSARY);
    }
}
