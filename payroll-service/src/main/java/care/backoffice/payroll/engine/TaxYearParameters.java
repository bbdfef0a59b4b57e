package care.backoffice.payroll.engine;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything that changes from one tax year to the next, read from {@code payroll/tax-years/<yyyy-yy>.json}.
 * Adding a tax year is adding a file; no code here names a year.
 */
public record TaxYearParameters(String taxYear, LocalDate firstDay, IncomeTax incomeTax,
        NationalInsurance nationalInsurance, StudentLoans studentLoans, Pension pension, StatutoryPay statutoryPay) {

    public TaxYearParameters {
        Objects.requireNonNull(taxYear, "taxYear");
        Objects.requireNonNull(firstDay, "firstDay");
        Objects.requireNonNull(incomeTax, "incomeTax");
        Objects.requireNonNull(nationalInsurance, "nationalInsurance");
        Objects.requireNonNull(studentLoans, "studentLoans");
        Objects.requireNonNull(pension, "pension");
        Objects.requireNonNull(statutoryPay, "statutoryPay");
    }

    public LocalDate lastDay() {
        return firstDay.plusYears(1).minusDays(1);
    }

    // ---- income tax ---------------------------------------------------------------------------------------

    public record IncomeTax(BigDecimal personalAllowance, String emergencyCode, FreePay freePay,
            BigDecimal regulatoryLimitRate, Map<TaxRegime, Regime> regimes) {
        public IncomeTax {
            Objects.requireNonNull(freePay, "incomeTax.freePay");
            Objects.requireNonNull(regulatoryLimitRate, "incomeTax.regulatoryLimitRate");
            Objects.requireNonNull(regimes, "incomeTax.regimes");
            for (TaxRegime r : TaxRegime.values()) {
                Objects.requireNonNull(regimes.get(r), "incomeTax.regimes." + r);
            }
        }
    }

    /** Tables A: free pay per block of 500 code units (£5,000/52 and £5,000/12, each rounded up to the penny). */
    public record FreePay(int codeBlock, BigDecimal blockWeekly, BigDecimal blockMonthly) {}

    /**
     * A band table: {@code upTo} is the cumulative annual upper limit of taxable pay (null for the top band).
     * {@code bandTaxScaling} says how the tax on the full bands below is scaled to n periods (see
     * {@link BandTaxScaling}); missing means CUMULATIVE.
     */
    public record Regime(String prefix, List<Band> bands, Map<String, BigDecimal> fixedRateCodes,
            BandTaxScaling bandTaxScaling) {
        public Regime {
            bandTaxScaling = bandTaxScaling == null ? BandTaxScaling.CUMULATIVE : bandTaxScaling;
            Objects.requireNonNull(bands, "bands");
            if (bands.isEmpty() || bands.get(bands.size() - 1).upTo() != null) {
                throw new IllegalArgumentException("the last band must be open-ended (upTo null)");
            }
            fixedRateCodes = fixedRateCodes == null ? Map.of() : Map.copyOf(fixedRateCodes);
        }
    }

    public record Band(BigDecimal upTo, BigDecimal rate) {}

    /**
     * k(i), the tax on the full bands below band i for n of base periods, truncated to 4 dp:
     * CUMULATIVE scales the annual cumulative tax K(i) as one figure (HMRC's rUK and Welsh tables, whose
     * 2025-26 test rows are 1p out 14 times otherwise); PER_BAND scales and truncates each band's tax on its own
     * and adds them (HMRC's Scottish tables, defined by band widths, whose 2025-26 rows are 1p out 6 times
     * otherwise).
     */
    public enum BandTaxScaling { CUMULATIVE, PER_BAND }

    // ---- National Insurance --------------------------------------------------------------------------------

    /** Thresholds by earnings period (WEEKLY, FORTNIGHTLY, FOUR_WEEKLY, MONTHLY, ANNUAL) and name (LEL, PT, …). */
    public record NationalInsurance(Map<String, Map<String, BigDecimal>> thresholds, Map<String, NiCategory> categories) {
        public NationalInsurance {
            Objects.requireNonNull(thresholds, "nationalInsurance.thresholds");
            Objects.requireNonNull(categories, "nationalInsurance.categories");
        }
    }

    /**
     * One category letter. Employee: {@code employeeMainRate} from PT to UEL, {@code employeeUpperRate} above UEL.
     * Employer: 0% from ST up to the named relief threshold (UST, AUST, VUST, FUST, IZUST) if any, then
     * {@code employerRate}.
     */
    public record NiCategory(String description, BigDecimal employeeMainRate, BigDecimal employeeUpperRate,
            BigDecimal employerRate, String employerReliefUpTo, Boolean noContributions) {
        public boolean none() {
            return Boolean.TRUE.equals(noContributions);
        }
    }

    // ---- student loans ---------------------------------------------------------------------------------------

    public record StudentLoans(Map<String, LoanPlan> plans) {
        public StudentLoans {
            Objects.requireNonNull(plans, "studentLoans.plans");
        }
    }

    public record LoanPlan(BigDecimal annualThreshold, BigDecimal rate, String fpsPlanType) {}

    // ---- pension ---------------------------------------------------------------------------------------------

    public record Pension(Map<PayFrequency, QualifyingBand> qualifyingEarnings, Map<PayFrequency, BigDecimal> earningsTrigger,
            BigDecimal reliefAtSourceRate) {
        public Pension {
            Objects.requireNonNull(qualifyingEarnings, "pension.qualifyingEarnings");
            Objects.requireNonNull(reliefAtSourceRate, "pension.reliefAtSourceRate");
        }
    }

    public record QualifyingBand(BigDecimal lower, BigDecimal upper) {}

    // ---- statutory payments ------------------------------------------------------------------------------------

    public record StatutoryPay(Ssp ssp, Smp smp) {
        public StatutoryPay {
            Objects.requireNonNull(ssp, "statutoryPay.ssp");
            Objects.requireNonNull(smp, "statutoryPay.smp");
        }
    }

    /**
     * SSP rules of the year: weekly flat rate, waiting days, whether average weekly earnings must reach the LEL,
     * and (from 2026-27) the cap as a share of average weekly earnings.
     */
    public record Ssp(BigDecimal weeklyRate, int waitingDays, boolean lowerEarningsLimitTest,
            BigDecimal averageEarningsCapRate, int maximumWeeks) {}

    /** SMP: the earnings-related rate for the first weeks, then the lower of the standard rate or that rate. */
    public record Smp(BigDecimal standardWeeklyRate, BigDecimal earningsRelatedRate, int earningsRelatedWeeks,
            int totalWeeks) {}
}
