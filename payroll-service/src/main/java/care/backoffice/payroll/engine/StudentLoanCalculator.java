package care.backoffice.payroll.engine;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;

/**
 * Student and postgraduate loan deductions (reference §3): per pay period, non-cumulative, on the earnings
 * subject to Class 1 NI (not taxable pay). Deduction = (NI-able pay − period threshold) × rate, rounded down to
 * whole pounds. The period threshold is the annual threshold divided by the periods in the year (52, 26, 13, 12),
 * truncated to pence (DERIVED in the reference from Payetools' tests; it reproduces the published weekly and
 * monthly figures, e.g. Plan 2 2026-27: £565.09 a week, £2,448.75 a month). Only one of plans 1, 2, 4, 5 at a
 * time; the postgraduate loan may be deducted alongside it. A plan the year's data does not list (Plan 5 before
 * 2026-27) is refused, not ignored.
 */
public final class StudentLoanCalculator {

    public enum Plan { PLAN_1, PLAN_2, PLAN_4, PLAN_5, POSTGRADUATE }

    /** @param planDeduction the plan 1/2/4/5 deduction (whole pounds), {@code postgraduate} the PGL one */
    public record Result(Plan plan, BigDecimal planDeduction, BigDecimal postgraduate) {
        public BigDecimal total() {
            return planDeduction.add(postgraduate);
        }
    }

    private static final BigDecimal ZERO = BigDecimal.ZERO.setScale(2);

    private StudentLoanCalculator() {}

    /** Checks a set of plans for one employee and one year; problems are named under {@code field}. */
    public static void check(TaxYearParameters year, Collection<Plan> plans, String field, EngineInputException.Collector problems) {
        long undergraduate = plans.stream().filter(p -> p != Plan.POSTGRADUATE).count();
        if (undergraduate > 1) {
            problems.add(field, "only one of PLAN_1, PLAN_2, PLAN_4, PLAN_5 can be deducted at a time (plus POSTGRADUATE)");
        }
        for (Plan p : plans) {
            if (!year.studentLoans().plans().containsKey(p.name())) {
                problems.add(field, p + " is not collected through payroll in " + year.taxYear());
            }
        }
    }

    public static Result calculate(TaxYearParameters year, PayFrequency frequency, Set<Plan> plans, BigDecimal niablePay) {
        Plan plan = null;
        BigDecimal main = ZERO;
        BigDecimal pg = ZERO;
        for (Plan p : plans.isEmpty() ? EnumSet.noneOf(Plan.class) : plans) {
            BigDecimal d = deduction(year.studentLoans().plans().get(p.name()), frequency, niablePay);
            if (p == Plan.POSTGRADUATE) {
                pg = d;
            } else {
                plan = p;
                main = d;
            }
        }
        return new Result(plan, main, pg);
    }

    static BigDecimal deduction(TaxYearParameters.LoanPlan plan, PayFrequency frequency, BigDecimal pay) {
        BigDecimal threshold = periodThreshold(plan, frequency);
        if (pay.compareTo(threshold) <= 0) {
            return ZERO;
        }
        // Rounded down to whole pounds.
        return pay.subtract(threshold).multiply(plan.rate()).setScale(0, RoundingMode.FLOOR).setScale(2);
    }

    /** Annual threshold / periods in the year, truncated to pence. */
    public static BigDecimal periodThreshold(TaxYearParameters.LoanPlan plan, PayFrequency frequency) {
        return plan.annualThreshold().divide(BigDecimal.valueOf(frequency.periodsInYear()), 2, RoundingMode.DOWN);
    }
}
