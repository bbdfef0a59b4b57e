package care.backoffice.payroll.engine;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Workplace pension contributions for one pay reference period (reference §4).
 *
 * <ul>
 * <li>Basis: qualifying earnings (the part of pensionable pay between the period's lower and upper limits) or
 *     all pensionable pay, as the scheme says.</li>
 * <li>NET_PAY: the employee contribution comes off pay before income tax (not before NI).</li>
 * <li>RELIEF_AT_SOURCE: the employee contribution is taken from net pay less basic-rate relief (80% of it), which
 *     the provider claims from HMRC.</li>
 * <li>SALARY_SACRIFICE: the employee's share is a contractual pay reduction (lower pay for tax, NI and student
 *     loans) paid in by the employer on top of the employer's own share. The statutory check that pay stays above
 *     the National Minimum Wage needs hours, so it belongs to the payroll run, not to this calculation.</li>
 * </ul>
 * Contribution rounding is scheme-specific, so the scheme names a rounding mode (default: nearest penny, half up).
 */
public final class PensionCalculator {

    public enum Arrangement { NET_PAY, RELIEF_AT_SOURCE, SALARY_SACRIFICE }

    public enum Basis { QUALIFYING_EARNINGS, ALL_PAY }

    public record Scheme(Arrangement arrangement, Basis basis, BigDecimal employeeRate, BigDecimal employerRate,
            RoundingMode rounding) {
        public Scheme {
            basis = basis == null ? Basis.QUALIFYING_EARNINGS : basis;
            rounding = rounding == null ? RoundingMode.HALF_UP : rounding;
        }
    }

    /**
     * @param pensionableEarnings the earnings contributions were worked out on (qualifying earnings or all pay)
     * @param employeeGross       the employee's contribution before any relief (salary sacrifice: the sacrifice)
     * @param employeeFromPay     what comes off the employee's pay: before tax (NET_PAY), from net pay
     *                            (RELIEF_AT_SOURCE: 80%), or by the pay reduction (SALARY_SACRIFICE: 0 here)
     * @param salarySacrifice     the pay reduction (SALARY_SACRIFICE), else 0
     * @param employer            everything the employer pays in, including a sacrificed amount
     */
    public record Result(Arrangement arrangement, BigDecimal pensionableEarnings, BigDecimal employeeGross,
            BigDecimal employeeFromPay, BigDecimal salarySacrifice, BigDecimal employer) {

        public BigDecimal beforeTax() {
            return arrangement == Arrangement.NET_PAY ? employeeFromPay : BigDecimal.ZERO;
        }

        public BigDecimal fromNetPay() {
            return arrangement == Arrangement.RELIEF_AT_SOURCE ? employeeFromPay : BigDecimal.ZERO;
        }
    }

    private static final BigDecimal ZERO = BigDecimal.ZERO.setScale(2);
    private static final BigDecimal ONE = BigDecimal.ONE;

    private PensionCalculator() {}

    /** The part of pay between the period's lower and upper qualifying-earnings limits. */
    public static BigDecimal qualifyingEarnings(TaxYearParameters.Pension params, PayFrequency f, BigDecimal pay) {
        TaxYearParameters.QualifyingBand band = params.qualifyingEarnings().get(f);
        if (pay.compareTo(band.lower()) <= 0) {
            return ZERO;
        }
        return pay.min(band.upper()).subtract(band.lower()).setScale(2);
    }

    /** @param pensionablePay pay before any salary sacrifice (including SSP/SMP, which count as qualifying earnings) */
    public static Result calculate(TaxYearParameters.Pension params, PayFrequency f, Scheme scheme, BigDecimal pensionablePay) {
        BigDecimal earnings = scheme.basis() == Basis.ALL_PAY ? pensionablePay.max(BigDecimal.ZERO).setScale(2)
                : qualifyingEarnings(params, f, pensionablePay);
        BigDecimal employeeGross = Rounding.pension(earnings.multiply(scheme.employeeRate()), scheme.rounding());
        BigDecimal employer = Rounding.pension(earnings.multiply(scheme.employerRate()), scheme.rounding());
        return switch (scheme.arrangement()) {
            case NET_PAY -> new Result(Arrangement.NET_PAY, earnings, employeeGross, employeeGross, ZERO, employer);
            case RELIEF_AT_SOURCE -> new Result(Arrangement.RELIEF_AT_SOURCE, earnings, employeeGross,
                    Rounding.pension(employeeGross.multiply(ONE.subtract(params.reliefAtSourceRate())), scheme.rounding()),
                    ZERO, employer);
            case SALARY_SACRIFICE -> new Result(Arrangement.SALARY_SACRIFICE, earnings, employeeGross, ZERO,
                    employeeGross, employer.add(employeeGross));
        };
    }
}
