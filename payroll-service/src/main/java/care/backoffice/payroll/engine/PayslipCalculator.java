package care.backoffice.payroll.engine;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One pay period for one employee: gross pay (with SSP and SMP), salary sacrifice, pension, PAYE, Class 1 NI,
 * student and postgraduate loans, net pay, employer cost, and the new year-to-date figures.
 *
 * <p>Order of the calculation: statutory payments are added to gross pay; a salary sacrifice reduces it (for tax,
 * NI and loans); a net-pay-arrangement contribution reduces taxable pay only; tax on taxable pay; NI and loans on
 * NI-able pay; a relief-at-source contribution comes off net pay.
 */
public final class PayslipCalculator {

    /** Director NI: the method and earnings period; the figures to date come from the year to date. */
    public record DirectorNi(NationalInsuranceCalculator.DirectorMethod method, int weeksInEarningsPeriod) {}

    public record Input(PayFrequency frequency, int period, String taxCode, boolean nonCumulative, String niCategory,
            BigDecimal grossPay, StatutoryPayCalculator.SspInput ssp, StatutoryPayCalculator.SmpInput smp,
            Set<StudentLoanCalculator.Plan> studentLoans, PensionCalculator.Scheme pension, DirectorNi director,
            YearToDate yearToDate, List<Adjustment> adjustments) {

        /** A period without one-off adjustments. */
        public Input(PayFrequency frequency, int period, String taxCode, boolean nonCumulative, String niCategory,
                BigDecimal grossPay, StatutoryPayCalculator.SspInput ssp, StatutoryPayCalculator.SmpInput smp,
                Set<StudentLoanCalculator.Plan> studentLoans, PensionCalculator.Scheme pension, DirectorNi director,
                YearToDate yearToDate) {
            this(frequency, period, taxCode, nonCumulative, niCategory, grossPay, ssp, smp, studentLoans, pension,
                    director, yearToDate, List.of());
        }
    }

    public enum AdjustmentKind { PAYMENT, DEDUCTION }

    /**
     * A one-off payment or deduction in this period, with how HMRC treats it. The engine supports the treatments
     * that exist for cash pay:
     * <ul>
     * <li>payment, taxable and NI-able (bonus, back pay, overtime): earnings, pensionable (qualifying earnings include
     * bonuses and overtime, reference §4), taxed and NI'd with the rest of the period's pay;</li>
     * <li>payment, taxable but not NI-able (e.g. the part of a termination award above £30,000, which carries
     * employer's Class 1A instead of Class 1): taxable pay only, not pensionable;</li>
     * <li>payment, neither (business expenses reimbursed under the exemption for paid or reimbursed expenses, ITEPA
     * 2003 s289A): added to net pay; reported on the FPS as {@code NonTaxOrNICPmt};</li>
     * <li>deduction, before tax and NI (unpaid absence; an overpayment of pay in this tax year recovered by reducing
     * pay): reduces earnings, taxable and NI-able pay;</li>
     * <li>deduction, after tax and NI (a salary advance or a net overpayment recovered): from net pay, reported as
     * {@code DednsFromNetPay}.</li>
     * </ul>
     * Other combinations (a cash payment NI-able but not taxable, a deduction only from one of the two) have no
     * treatment here and are refused. The amount is positive pounds and pence; its sign comes from the kind.
     */
    public record Adjustment(AdjustmentKind kind, String code, String description, BigDecimal amount,
            boolean taxable, boolean niable) {}

    /** Year-to-date figures (before this period in the input, after it in the result). */
    public record YearToDate(BigDecimal grossPay, BigDecimal taxablePay, BigDecimal tax, BigDecimal niablePay,
            BigDecimal employeeNi, BigDecimal employerNi, BigDecimal earningsAtLel, BigDecimal earningsLelToPt,
            BigDecimal earningsPtToUel, BigDecimal studentLoan, BigDecimal postgraduateLoan,
            BigDecimal employeePensionBeforeTax, BigDecimal employeePensionFromNetPay, BigDecimal employerPension,
            BigDecimal ssp, BigDecimal smp, BigDecimal netPay) {

        public static final YearToDate ZERO = zero();

        private static YearToDate zero() {
            BigDecimal z = BigDecimal.ZERO.setScale(2);
            return new YearToDate(z, z, z, z, z, z, z, z, z, z, z, z, z, z, z, z, z);
        }
    }

    /**
     * EARNINGS make up gross pay; DEDUCTIONS come off it; NOT_TAXED payments (reimbursed expenses) are added to net
     * pay without tax or NI; EMPLOYER lines are paid on top.
     */
    public enum Section { EARNINGS, DEDUCTIONS, NOT_TAXED, EMPLOYER }

    public record Line(Section section, String code, String description, BigDecimal amount) {}

    public record Result(String taxYear, PayFrequency frequency, int period, String taxCode, boolean nonCumulativeBasis,
            String niCategory, List<Line> lines, BigDecimal grossPay, BigDecimal taxablePay, BigDecimal niablePay,
            BigDecimal tax, BigDecimal taxHeldBackByLimit, BigDecimal employeeNi, BigDecimal employerNi,
            NationalInsuranceCalculator.Result niBands, StudentLoanCalculator.Result studentLoans,
            PensionCalculator.Result pension, BigDecimal ssp, BigDecimal smp, BigDecimal totalDeductions,
            BigDecimal netPay, BigDecimal employerCost, YearToDate yearToDate, BigDecimal notTaxedPayments,
            BigDecimal deductionsFromNetPay) {}

    private static final BigDecimal ZERO = BigDecimal.ZERO.setScale(2);
    private static final ConcurrentHashMap<String, TaxCode.Cache> CODES = new ConcurrentHashMap<>();

    private PayslipCalculator() {}

    public static Result calculate(TaxYearParameters year, Input in) {
        validate(year, in);
        PayFrequency f = in.frequency();
        YearToDate ytd = in.yearToDate() == null ? YearToDate.ZERO : in.yearToDate();
        TaxCode code = codes(year).get(in.taxCode(), "taxCode");
        List<Line> lines = new ArrayList<>(12);

        // Earnings
        BigDecimal basic = in.grossPay();
        lines.add(new Line(Section.EARNINGS, "PAY", "Pay", basic));
        BigDecimal ssp = ZERO;
        if (in.ssp() != null) {
            ssp = StatutoryPayCalculator.ssp(year, in.ssp()).amount();
            lines.add(new Line(Section.EARNINGS, "SSP", "Statutory sick pay", ssp));
        }
        BigDecimal smp = ZERO;
        if (in.smp() != null) {
            smp = StatutoryPayCalculator.smp(year, in.smp()).amount();
            lines.add(new Line(Section.EARNINGS, "SMP", "Statutory maternity pay", smp));
        }
        // One-off adjustments, each by its tax and NI treatment (see Adjustment).
        BigDecimal earningsAdjustments = ZERO;
        BigDecimal taxableOnly = ZERO;
        BigDecimal notTaxed = ZERO;
        BigDecimal fromNetPay = ZERO;
        List<Line> notTaxedLines = new ArrayList<>(0);
        List<Line> netDeductionLines = new ArrayList<>(0);
        for (Adjustment a : in.adjustments() == null ? List.<Adjustment>of() : in.adjustments()) {
            boolean payment = a.kind() == AdjustmentKind.PAYMENT;
            if (a.taxable() && a.niable()) {
                earningsAdjustments = payment ? earningsAdjustments.add(a.amount()) : earningsAdjustments.subtract(a.amount());
                lines.add(new Line(Section.EARNINGS, a.code(), a.description(), payment ? a.amount() : a.amount().negate()));
            } else if (payment && a.taxable()) {
                taxableOnly = taxableOnly.add(a.amount());
                lines.add(new Line(Section.EARNINGS, a.code(), a.description() + " (not NI-able)", a.amount()));
            } else if (payment) {
                notTaxed = notTaxed.add(a.amount());
                notTaxedLines.add(new Line(Section.NOT_TAXED, a.code(), a.description(), a.amount()));
            } else {
                fromNetPay = fromNetPay.add(a.amount());
                netDeductionLines.add(new Line(Section.DEDUCTIONS, a.code(), a.description(), a.amount()));
            }
        }
        BigDecimal beforeSacrifice = basic.add(ssp).add(smp).add(earningsAdjustments);
        if (beforeSacrifice.signum() < 0) {
            throw EngineInputException.of("adjustments", "deductions before tax and NI (" + earningsAdjustments.negate()
                    + ") exceed the period's pay (" + basic.add(ssp).add(smp) + ")");
        }
        PensionCalculator.Result pension = in.pension() == null ? null
                : PensionCalculator.calculate(year.pension(), f, in.pension(), beforeSacrifice);
        BigDecimal sacrifice = pension == null ? ZERO : pension.salarySacrifice();
        if (sacrifice.signum() != 0) {
            lines.add(new Line(Section.EARNINGS, "PENSION_SALARY_SACRIFICE", "Pension (salary sacrifice)", sacrifice.negate()));
        }
        BigDecimal niable = beforeSacrifice.subtract(sacrifice);
        BigDecimal gross = niable.add(taxableOnly);
        BigDecimal pensionBeforeTax = pension == null ? ZERO : pension.beforeTax();
        BigDecimal taxable = gross.subtract(pensionBeforeTax);

        // Income tax
        IncomeTaxCalculator.Result tax = IncomeTaxCalculator.calculate(year.incomeTax(), new IncomeTaxCalculator.Input(
                f, in.period(), code, in.nonCumulative(), taxable, ytd.taxablePay().add(taxable), ytd.tax()));

        // National Insurance
        NationalInsuranceCalculator.Director director = in.director() == null ? null
                : new NationalInsuranceCalculator.Director(in.director().method(), in.director().weeksInEarningsPeriod(),
                        ytd.niablePay().add(niable), ytd.employeeNi(), ytd.employerNi());
        NationalInsuranceCalculator.Result ni = NationalInsuranceCalculator.calculate(year.nationalInsurance(),
                new NationalInsuranceCalculator.Input(f, in.period(), in.niCategory(), niable, director));
        boolean niBandsToDate = director != null
                && !(director.method() == NationalInsuranceCalculator.DirectorMethod.ALTERNATIVE && in.period() < f.periodsInYear());

        // Loans
        StudentLoanCalculator.Result loans = StudentLoanCalculator.calculate(year, f,
                in.studentLoans() == null ? Set.of() : in.studentLoans(), niable);

        BigDecimal pensionFromNet = pension == null ? ZERO : pension.fromNetPay();
        if (pensionBeforeTax.signum() != 0) {
            lines.add(new Line(Section.DEDUCTIONS, "PENSION_NET_PAY", "Pension (before tax)", pensionBeforeTax));
        }
        lines.add(new Line(Section.DEDUCTIONS, "INCOME_TAX", "Income tax (" + code.text() + (tax.nonCumulativeBasis()
                && !code.nonCumulativeMarker() ? " W1/M1" : "") + ")", tax.taxDue()));
        lines.add(new Line(Section.DEDUCTIONS, "NATIONAL_INSURANCE", "National Insurance (" + in.niCategory() + ")", ni.employee()));
        if (loans.plan() != null) {
            lines.add(new Line(Section.DEDUCTIONS, "STUDENT_LOAN", "Student loan (" + loans.plan() + ")", loans.planDeduction()));
        }
        if (in.studentLoans() != null && in.studentLoans().contains(StudentLoanCalculator.Plan.POSTGRADUATE)) {
            lines.add(new Line(Section.DEDUCTIONS, "POSTGRADUATE_LOAN", "Postgraduate loan", loans.postgraduate()));
        }
        if (pensionFromNet.signum() != 0) {
            lines.add(new Line(Section.DEDUCTIONS, "PENSION_RELIEF_AT_SOURCE", "Pension (relief at source, net of basic-rate relief)",
                    pensionFromNet));
        }
        lines.addAll(netDeductionLines);
        lines.addAll(notTaxedLines);
        BigDecimal employerPension = pension == null ? ZERO : pension.employer();
        lines.add(new Line(Section.EMPLOYER, "EMPLOYER_NI", "Employer National Insurance", ni.employer()));
        if (pension != null) {
            lines.add(new Line(Section.EMPLOYER, "EMPLOYER_PENSION", "Employer pension", employerPension));
        }

        BigDecimal deductions = pensionBeforeTax.add(tax.taxDue()).add(ni.employee()).add(loans.total()).add(pensionFromNet)
                .add(fromNetPay);
        BigDecimal net = gross.subtract(deductions).add(notTaxed);
        if (net.signum() < 0) {
            // A deduction from net pay may take what is there, never more: the colleague would owe the difference.
            throw EngineInputException.of("adjustments", "deductions from net pay (" + fromNetPay
                    + ") exceed the net pay they come from (" + net.add(fromNetPay) + ")");
        }
        BigDecimal employerCost = gross.add(ni.employer()).add(employerPension);

        YearToDate after = new YearToDate(
                ytd.grossPay().add(gross),
                ytd.taxablePay().add(taxable),
                tax.taxDueToDate(),
                ytd.niablePay().add(niable),
                ytd.employeeNi().add(ni.employee()),
                ytd.employerNi().add(ni.employer()),
                niBandsToDate ? ni.earningsAtLel() : ytd.earningsAtLel().add(ni.earningsAtLel()),
                niBandsToDate ? ni.earningsLelToPt() : ytd.earningsLelToPt().add(ni.earningsLelToPt()),
                niBandsToDate ? ni.earningsPtToUel() : ytd.earningsPtToUel().add(ni.earningsPtToUel()),
                ytd.studentLoan().add(loans.planDeduction()),
                ytd.postgraduateLoan().add(loans.postgraduate()),
                ytd.employeePensionBeforeTax().add(pensionBeforeTax),
                ytd.employeePensionFromNetPay().add(pensionFromNet),
                ytd.employerPension().add(employerPension),
                ytd.ssp().add(ssp),
                ytd.smp().add(smp),
                ytd.netPay().add(net));
        return new Result(year.taxYear(), f, in.period(), code.text(), tax.nonCumulativeBasis(), in.niCategory(),
                List.copyOf(lines), gross, taxable, niable, tax.taxDue(), tax.heldBackByLimit(), ni.employee(),
                ni.employer(), ni, loans, pension, ssp, smp, deductions, net, employerCost, after, notTaxed, fromNetPay);
    }

    private static TaxCode.Cache codes(TaxYearParameters year) {
        TaxCode.Cache c = CODES.get(year.taxYear());
        return c != null ? c : CODES.computeIfAbsent(year.taxYear(), y -> new TaxCode.Cache(year.incomeTax()));
    }

    /** Everything the engine itself must refuse, each problem named by its field. */
    static void validate(TaxYearParameters year, Input in) {
        EngineInputException.Collector p = new EngineInputException.Collector();
        if (in.frequency() == null) {
            p.add("frequency", "is required (WEEKLY, FORTNIGHTLY, FOUR_WEEKLY or MONTHLY)");
        } else if (in.period() < 1 || in.period() > in.frequency().maxPeriod()) {
            p.add("period", "must be 1 to " + in.frequency().maxPeriod() + " for " + in.frequency());
        }
        if (in.grossPay() == null || in.grossPay().signum() < 0) {
            p.add("grossPay", "must be zero or more");
        }
        try {
            codes(year).get(in.taxCode(), "taxCode");
        } catch (EngineInputException e) {
            e.problems().forEach(x -> p.add(x.field(), x.reason()));
        }
        if (in.niCategory() == null || !year.nationalInsurance().categories().containsKey(in.niCategory())) {
            p.add("niCategory", "is not an NI category letter of " + year.taxYear());
        }
        if (in.studentLoans() != null) {
            StudentLoanCalculator.check(year, in.studentLoans(), "studentLoans", p);
        }
        if (in.pension() != null) {
            checkPension(in.pension(), p);
        }
        if (in.ssp() != null) {
            checkSsp(in.ssp(), p);
        }
        if (in.smp() != null) {
            checkSmp(year, in.smp(), p);
        }
        if (in.adjustments() != null) {
            for (int i = 0; i < in.adjustments().size(); i++) {
                checkAdjustment(in.adjustments().get(i), "adjustments[" + i + "]", p);
            }
        }
        if (in.director() != null && (in.director().weeksInEarningsPeriod() < 1 || in.director().weeksInEarningsPeriod() > 52)) {
            p.add("director.weeksInEarningsPeriod", "must be 1 to 52");
        }
        if (in.director() != null && in.director().method() == null) {
            p.add("director.method", "is required (STANDARD or ALTERNATIVE)");
        }
        p.throwIfAny();
    }

    static void checkAdjustment(Adjustment a, String field, EngineInputException.Collector p) {
        if (a == null || a.kind() == null) {
            p.add(field + ".kind", "is required (PAYMENT or DEDUCTION)");
            return;
        }
        if (a.amount() == null || a.amount().signum() <= 0 || a.amount().stripTrailingZeros().scale() > 2) {
            p.add(field + ".amount", "must be more than zero, in pounds and pence");
        }
        String unsupported = unsupportedTreatment(a.kind(), a.taxable(), a.niable());
        if (unsupported != null) {
            p.add(field + ".niable", unsupported);
        }
    }

    /** Why the engine has no treatment for this combination (see {@link Adjustment}), or null when it has one. */
    public static String unsupportedTreatment(AdjustmentKind kind, boolean taxable, boolean niable) {
        if (kind == AdjustmentKind.PAYMENT && !taxable && niable) {
            return "a cash payment subject to NI is also taxable (HMRC): mark it taxable, or neither";
        }
        if (kind == AdjustmentKind.DEDUCTION && taxable != niable) {
            return "a deduction comes off before both tax and NI, or after both";
        }
        return null;
    }

    static void checkPension(PensionCalculator.Scheme s, EngineInputException.Collector p) {
        if (s.arrangement() == null) {
            p.add("pension.arrangement", "is required (NET_PAY, RELIEF_AT_SOURCE or SALARY_SACRIFICE)");
        }
        if (s.employeeRate() == null || s.employeeRate().signum() < 0 || s.employeeRate().compareTo(BigDecimal.ONE) > 0) {
            p.add("pension.employeeRate", "must be a fraction from 0 to 1 (0.05 for 5%)");
        }
        if (s.employerRate() == null || s.employerRate().signum() < 0 || s.employerRate().compareTo(BigDecimal.ONE) > 0) {
            p.add("pension.employerRate", "must be a fraction from 0 to 1 (0.03 for 3%)");
        }
    }

    static void checkSsp(StatutoryPayCalculator.SspInput s, EngineInputException.Collector p) {
        if (s.absenceStart() == null) {
            p.add("ssp.absenceStart", "is required");
        } else if (TaxYears.forDate(s.absenceStart()).isEmpty()) {
            p.add("ssp.absenceStart", "falls in a tax year the engine has no parameters for");
        }
        if (s.qualifyingDaysPerWeek() < 1 || s.qualifyingDaysPerWeek() > 7) {
            p.add("ssp.qualifyingDaysPerWeek", "must be 1 to 7");
        }
        if (s.qualifyingDaysSickInPeriod() < 0 || s.qualifyingDaysSickInPeriod() > 31) {
            p.add("ssp.qualifyingDaysSickInPeriod", "must be 0 to 31");
        }
        if (s.waitingDaysAlreadyServed() < 0) {
            p.add("ssp.waitingDaysAlreadyServed", "must be zero or more");
        }
        if (s.qualifyingDaysAlreadyPaid() < 0) {
            p.add("ssp.qualifyingDaysAlreadyPaid", "must be zero or more");
        }
        if (s.averageWeeklyEarnings() == null || s.averageWeeklyEarnings().signum() < 0) {
            p.add("ssp.averageWeeklyEarnings", "must be zero or more");
        }
    }

    static void checkSmp(TaxYearParameters year, StatutoryPayCalculator.SmpInput s, EngineInputException.Collector p) {
        int total = year.statutoryPay().smp().totalWeeks();
        if (s.firstWeek() < 1 || s.firstWeek() > total) {
            p.add("smp.firstWeek", "must be 1 to " + total);
        }
        if (s.weeks() < 0 || s.firstWeek() + s.weeks() - 1 > total) {
            p.add("smp.weeks", "must be zero or more and end by SMP week " + total);
        }
        if (s.averageWeeklyEarnings() == null || s.averageWeeklyEarnings().signum() < 0) {
            p.add("smp.averageWeeklyEarnings", "must be zero or more");
        }
    }
}
