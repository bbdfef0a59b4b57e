package care.backoffice.payroll.engine;

import static care.backoffice.payroll.engine.Rounding.downToPenny;
import static care.backoffice.payroll.engine.Rounding.downToPounds;
import static care.backoffice.payroll.engine.Rounding.truncateTo4dp;
import static care.backoffice.payroll.engine.Rounding.upToPenny;
import static care.backoffice.payroll.engine.Rounding.upToPounds;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * PAYE income tax by HMRC's table-routine method ("Specification for PAYE Tax Table Routines"; reference §1.3),
 * which reproduces every row of HMRC's 2025-26 test data.
 *
 * <ol>
 * <li>Free pay (or, for K codes, additional pay) for one period by the 500-blocks method (Tables A).</li>
 * <li>Taxable pay to date = pay to date − n × free pay (+ for K codes), rounded down to whole pounds.</li>
 * <li>Tax to date from the band table, band limits and band tax scaled to n periods and truncated to 4 dp (see {@link TaxYearParameters.BandTaxScaling}),
 *     the result rounded down to the penny.</li>
 * <li>Tax this period = tax to date − tax paid to date (a refund if negative; none on a non-cumulative basis);
 *     for K codes a positive deduction is capped at 50% of the period's pay (the overriding limit).</li>
 * </ol>
 */
public final class IncomeTaxCalculator {

    private static final BigDecimal TEN = BigDecimal.TEN;
    private static final BigDecimal NINE = BigDecimal.valueOf(9);

    private IncomeTaxCalculator() {}

    /**
     * @param pay                this period's taxable pay
     * @param taxablePayToDate   taxable pay to date including this period (ignored on a non-cumulative basis)
     * @param taxPaidToDate      tax deducted to date before this period (ignored on a non-cumulative basis)
     * @param nonCumulative      W1/M1 basis requested (the code's own W1/M1/X marker also counts)
     */
    public record Input(PayFrequency frequency, int period, TaxCode code, boolean nonCumulative, BigDecimal pay,
            BigDecimal taxablePayToDate, BigDecimal taxPaidToDate) {}

    /**
     * @param taxDue             tax to deduct this period (negative: a refund)
     * @param taxDueToDate       tax paid to date after this period
     * @param heldBackByLimit    tax the 50% overriding limit held back this period (K codes), else 0
     * @param nonCumulativeBasis whether the period was calculated on a non-cumulative basis
     */
    public record Result(BigDecimal taxDue, BigDecimal taxDueToDate, BigDecimal heldBackByLimit,
            boolean nonCumulativeBasis) {}

    public static Result calculate(TaxYearParameters.IncomeTax params, Input in) {
        PayFrequency f = in.frequency();
        // Week 53/54/56 payments are taxed non-cumulatively on the number of weeks they cover (spec §14).
        boolean nonCumulative = in.nonCumulative() || in.code().nonCumulativeMarker() || f.isExtraPeriod(in.period());
        int n;
        BigDecimal payToDate;
        BigDecimal paidToDate;
        if (nonCumulative) {
            n = f.weekBased() ? f.weeksPerPeriod() : 1;
            payToDate = in.pay();
            paidToDate = BigDecimal.ZERO;
        } else {
            n = f.weekBased() ? in.period() * f.weeksPerPeriod() : in.period();
            payToDate = in.taxablePayToDate();
            paidToDate = in.taxPaidToDate();
        }
        int base = f.tableBase();
        TaxCode code = in.code();
        BigDecimal taxToDate = switch (code.kind()) {
            case NO_TAX -> BigDecimal.ZERO.setScale(2);
            case FIXED_RATE -> downToPenny(downToPounds(payToDate).max(BigDecimal.ZERO).multiply(code.fixedRate()));
            case ALLOWANCE, K -> {
                BigDecimal perPeriod = freePay(params.freePay(), code.number(), base);
                BigDecimal adjustment = perPeriod.multiply(BigDecimal.valueOf(n));
                BigDecimal taxable = code.kind() == TaxCode.Kind.K ? payToDate.add(adjustment) : payToDate.subtract(adjustment);
                yield taxOnBands(params.regimes().get(code.regime()), downToPounds(taxable), n, base);
            }
        };
        BigDecimal due = taxToDate.subtract(paidToDate);
        if (nonCumulative && due.signum() < 0) {
            due = BigDecimal.ZERO.setScale(2); // no refunds on a non-cumulative basis
        }
        BigDecimal heldBack = BigDecimal.ZERO.setScale(2);
        if (code.kind() == TaxCode.Kind.K && due.signum() > 0) {
            // Overriding (regulatory) limit: a deduction may not exceed 50% of the period's pay. In cumulative mode
            // the tax held back stays in tax-due-to-date and is collected by later periods' cumulative calculation.
            BigDecimal limit = downToPenny(in.pay().max(BigDecimal.ZERO).multiply(params.regulatoryLimitRate()));
            if (due.compareTo(limit) > 0) {
                heldBack = due.subtract(limit);
                due = limit;
            }
        }
        return new Result(due.setScale(2), in.taxPaidToDate().add(due).setScale(2), heldBack, nonCumulative);
    }

    /**
     * Tables A "programmer's method": q blocks of 500 code units plus a remainder r in 1..500;
     * remainder part (r × 10 + 9) / base truncated to 4 dp and rounded up to the penny; block part q × £96.16
     * (weekly) or q × £416.67 (monthly). Code 0 has no free pay (the +9 does not apply).
     */
    static BigDecimal freePay(TaxYearParameters.FreePay fp, int codeNumber, int base) {
        if (codeNumber == 0) {
            return BigDecimal.ZERO;
        }
        int q = (codeNumber - 1) / fp.codeBlock();
        int r = ((codeNumber - 1) % fp.codeBlock()) + 1;
        BigDecimal remainder = upToPenny(truncateTo4dp(BigDecimal.valueOf(r).multiply(TEN).add(NINE)
                .divide(BigDecimal.valueOf(base), 4, RoundingMode.DOWN)));
        BigDecimal block = base == 52 ? fp.blockWeekly() : fp.blockMonthly();
        return block.multiply(BigDecimal.valueOf(q)).add(remainder);
    }

    /**
     * Tax to date on taxable pay to date {@code t} (whole pounds) after n of {@code base} periods: find the first
     * band whose scaled limit, rounded up to pounds, is at least t; tax = scaled tax on the bands below plus the
     * part in this band at its rate, rounded down to the penny.
     */
    static BigDecimal taxOnBands(TaxYearParameters.Regime regime, BigDecimal t, int n, int base) {
        if (t.signum() <= 0) {
            return BigDecimal.ZERO.setScale(2);
        }
        boolean perBand = regime.bandTaxScaling() == TaxYearParameters.BandTaxScaling.PER_BAND;
        BigDecimal nb = BigDecimal.valueOf(n);
        BigDecimal b = BigDecimal.valueOf(base);
        BigDecimal prevLimit = BigDecimal.ZERO;       // C(i-1), annual
        BigDecimal prevTax = BigDecimal.ZERO;         // K(i-1), annual
        BigDecimal prevScaledLimit = BigDecimal.ZERO; // c(i-1)
        BigDecimal prevScaledTax = BigDecimal.ZERO;   // k(i-1)
        for (TaxYearParameters.Band band : regime.bands()) {
            BigDecimal rate = band.rate();
            if (band.upTo() != null) {
                BigDecimal c = band.upTo().multiply(nb).divide(b, 4, RoundingMode.DOWN);
                if (t.compareTo(upToPounds(c)) > 0) {
                    BigDecimal bandTax = band.upTo().subtract(prevLimit).multiply(rate);
                    prevTax = prevTax.add(bandTax);
                    prevScaledTax = perBand
                            ? prevScaledTax.add(bandTax.multiply(nb).divide(b, 4, RoundingMode.DOWN))
                            : prevTax.multiply(nb).divide(b, 4, RoundingMode.DOWN);
                    prevLimit = band.upTo();
                    prevScaledLimit = c;
                    continue;
                }
            }
            return downToPenny(prevScaledTax.add(t.subtract(prevScaledLimit).multiply(rate)));
        }
        throw new IllegalStateException("band table has no open top band");
    }
}
