package care.backoffice.payroll.calculator;

import care.backoffice.payroll.engine.EngineInputException;
import care.backoffice.payroll.engine.IncomeTaxCalculator;
import care.backoffice.payroll.engine.NationalInsuranceCalculator;
import care.backoffice.payroll.engine.PayFrequency;
import care.backoffice.payroll.engine.PayslipCalculator;
import care.backoffice.payroll.engine.PensionCalculator;
import care.backoffice.payroll.engine.StatutoryPayCalculator;
import care.backoffice.payroll.engine.StudentLoanCalculator;
import care.backoffice.payroll.engine.TaxCode;
import care.backoffice.payroll.engine.TaxYearParameters;
import care.backoffice.payroll.engine.TaxYears;
import java.time.LocalDate;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.EnumSet;
import java.util.Set;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * "What would this pay give me": the payroll engine over HTTP, for the back office and for other services.
 * Nothing is stored. Amounts are JSON strings with two decimals; bad input is a 400 problem+json naming each field.
 */
@RestController
@RequestMapping("/api/payroll/calculator")
@Tag(name = "Payroll calculator")
@PreAuthorize("hasAnyRole('back-office', 'service-billing', 'service-payroll', 'service-finance', 'service-procurement')")
public class CalculatorController {

    public record IncomeTaxAnswer(BigDecimal taxDue, BigDecimal taxDueToDate) {}

    public record NationalInsuranceAnswer(BigDecimal employee, BigDecimal employer, BigDecimal earningsAtLel,
            BigDecimal earningsLelToPt, BigDecimal earningsPtToUel) {}

    @PostMapping("/income-tax")
    @Operation(summary = "PAYE for one period (HMRC table-routine method)",
            description = "taxablePayToDate includes this period's pay; taxPaidToDate excludes this period. "
                    + "A negative taxDue is a refund.")
    public IncomeTaxAnswer incomeTax(@RequestBody CalculatorRequests.IncomeTax body) {
        Fields in = new Fields();
        TaxYearParameters year = in.taxYear("taxYear", body.taxYear());
        PayFrequency f = in.frequency("frequency", body.frequency());
        Integer period = in.period("period", body.period(), f);
        TaxCode code = null;
        // With an unknown year, the code is still checked (against the current year) so every bad field is named.
        var codeYear = year != null ? java.util.Optional.of(year) : TaxYears.forDate(LocalDate.now());
        if (codeYear.isPresent()) {
            try {
                code = TaxCode.parse(body.taxCode(), codeYear.get().incomeTax(), "taxCode");
            } catch (EngineInputException e) {
                e.problems().forEach(p -> in.problems.add(p.field(), p.reason()));
            }
        } else if (body.taxCode() == null || body.taxCode().isBlank()) {
            in.problems.add("taxCode", "is required");
        }
        boolean nonCumulative = Boolean.TRUE.equals(body.nonCumulative());
        BigDecimal gross = in.money("grossPay", body.grossPay(), true, false);
        // Needed only on a cumulative basis after period 1 (in period 1 it is this period's pay).
        boolean needsToDate = !nonCumulative && (code == null || !code.nonCumulativeMarker()) && period != null
                && period > 1 && (f == null || !f.isExtraPeriod(period));
        BigDecimal toDate = in.money("taxablePayToDate", body.taxablePayToDate(), needsToDate, true);
        BigDecimal paid = in.money("taxPaidToDate", body.taxPaidToDate(), false, true);
        in.throwIfAny();
        var r = IncomeTaxCalculator.calculate(year.incomeTax(), new IncomeTaxCalculator.Input(f, period, code,
                nonCumulative, gross, toDate == null ? gross : toDate, paid == null ? zero() : paid));
        return new IncomeTaxAnswer(r.taxDue(), r.taxDueToDate());
    }

    @PostMapping("/national-insurance")
    @Operation(summary = "Class 1 NI for one period (exact-percentage method), employee and employer",
            description = "For a director, give director.method (STANDARD or ALTERNATIVE), weeksInEarningsPeriod (52, or "
                    + "the weeks left in the year counting the week of appointment), grossPayToDate (including this "
                    + "period) and the NI paid before this period; the earnings bands are then the earnings period's "
                    + "to date.")
    public NationalInsuranceAnswer nationalInsurance(@RequestBody CalculatorRequests.NationalInsurance body) {
        Fields in = new Fields();
        TaxYearParameters year = in.taxYear("taxYear", body.taxYear());
        PayFrequency f = in.frequency("frequency", body.frequency());
        Integer period = in.period("period", body.period(), f);
        String category = category(in, "category", body.category(), year);
        BigDecimal gross = in.money("grossPay", body.grossPay(), true, false);
        NationalInsuranceCalculator.Director director = null;
        if (body.director() != null) {
            var d = body.director();
            var method = in.oneOf("director.method", d.method(), NationalInsuranceCalculator.DirectorMethod.class, true);
            int weeks = in.count("director.weeksInEarningsPeriod", d.weeksInEarningsPeriod() == null ? 52
                    : d.weeksInEarningsPeriod(), 1, 52);
            boolean cumulative = method == NationalInsuranceCalculator.DirectorMethod.STANDARD
                    || (f != null && period != null && period >= f.periodsInYear());
            BigDecimal toDate = in.money("director.grossPayToDate", d.grossPayToDate(), cumulative, false);
            BigDecimal eeToDate = in.money("director.employeeNiToDate", d.employeeNiToDate(), false, false);
            BigDecimal erToDate = in.money("director.employerNiToDate", d.employerNiToDate(), false, false);
            if (toDate != null && gross != null && toDate.compareTo(gross) < 0) {
                in.problems.add("director.grossPayToDate", "includes this period, so it cannot be less than grossPay");
            }
            director = new NationalInsuranceCalculator.Director(method, weeks, toDate == null ? gross : toDate,
                    eeToDate == null ? zero() : eeToDate, erToDate == null ? zero() : erToDate);
        }
        in.throwIfAny();
        var r = NationalInsuranceCalculator.calculate(year.nationalInsurance(),
                new NationalInsuranceCalculator.Input(f, period, category, gross, director));
        return new NationalInsuranceAnswer(r.employee(), r.employer(), r.earningsAtLel(), r.earningsLelToPt(),
                r.earningsPtToUel());
    }

    @PostMapping("/payslip")
    @Operation(summary = "A whole pay period for one employee: every payslip line and the new year to date",
            description = "Gross pay, tax code (W1/M1 via nonCumulative or the code), NI category, loan plans (PLAN_1, "
                    + "PLAN_2, PLAN_4, PLAN_5 from 2026-27, POSTGRADUATE), pension scheme (NET_PAY, RELIEF_AT_SOURCE, "
                    + "SALARY_SACRIFICE on QUALIFYING_EARNINGS or ALL_PAY), optional SSP/SMP and director NI, and the "
                    + "year to date before this period.")
    public PayslipCalculator.Result payslip(@RequestBody CalculatorRequests.Payslip body) {
        Fields in = new Fields();
        TaxYearParameters year = in.taxYear("taxYear", body.taxYear());
        PayFrequency f = in.frequency("frequency", body.frequency());
        Integer period = in.period("period", body.period(), f);
        if (body.taxCode() == null || body.taxCode().isBlank()) {
            in.problems.add("taxCode", "is required");
        }
        String category = category(in, "niCategory", body.niCategory(), year);
        BigDecimal gross = in.money("grossPay", body.grossPay(), true, false);
        Set<StudentLoanCalculator.Plan> plans = EnumSet.noneOf(StudentLoanCalculator.Plan.class);
        if (body.studentLoans() != null) {
            for (int i = 0; i < body.studentLoans().size(); i++) {
                var plan = in.oneOf("studentLoans[" + i + "]", body.studentLoans().get(i), StudentLoanCalculator.Plan.class, true);
                if (plan != null) {
                    plans.add(plan);
                }
            }
        }
        PensionCalculator.Scheme pension = null;
        if (body.pension() != null) {
            var p = body.pension();
            Rounding rounding = in.oneOf("pension.rounding", p.rounding(), Rounding.class, false);
            pension = new PensionCalculator.Scheme(
                    in.oneOf("pension.arrangement", p.arrangement(), PensionCalculator.Arrangement.class, true),
                    in.oneOf("pension.basis", p.basis(), PensionCalculator.Basis.class, false),
                    in.rate("pension.employeeRate", p.employeeRate()), in.rate("pension.employerRate", p.employerRate()),
                    rounding == null ? null : rounding.mode);
        }
        StatutoryPayCalculator.SspInput ssp = null;
        if (body.ssp() != null) {
            var s = body.ssp();
            ssp = new StatutoryPayCalculator.SspInput(in.date("ssp.absenceStart", s.absenceStart()),
                    in.count("ssp.qualifyingDaysPerWeek", s.qualifyingDaysPerWeek(), 1, 7),
                    in.count("ssp.qualifyingDaysSickInPeriod", s.qualifyingDaysSickInPeriod(), 0, 31),
                    in.count("ssp.waitingDaysAlreadyServed", orZero(s.waitingDaysAlreadyServed()), 0, 3),
                    in.count("ssp.qualifyingDaysAlreadyPaid", orZero(s.qualifyingDaysAlreadyPaid()), 0, 28 * 7),
                    in.money("ssp.averageWeeklyEarnings", s.averageWeeklyEarnings(), true, false));
        }
        StatutoryPayCalculator.SmpInput smp = null;
        if (body.smp() != null) {
            var s = body.smp();
            smp = new StatutoryPayCalculator.SmpInput(in.money("smp.averageWeeklyEarnings", s.averageWeeklyEarnings(), true, false),
                    in.count("smp.firstWeek", s.firstWeek(), 1, 39), in.count("smp.weeks", s.weeks(), 0, 39));
        }
        PayslipCalculator.DirectorNi director = null;
        if (body.director() != null) {
            director = new PayslipCalculator.DirectorNi(
                    in.oneOf("director.method", body.director().method(), NationalInsuranceCalculator.DirectorMethod.class, true),
                    in.count("director.weeksInEarningsPeriod", body.director().weeksInEarningsPeriod() == null ? 52
                            : body.director().weeksInEarningsPeriod(), 1, 52));
        }
        PayslipCalculator.YearToDate ytd = yearToDate(in, body.yearToDate());
        if (year != null && !in.problems.isEmpty()) {
            // Name the engine's refusals in the same answer as the request's.
            var engine = new EngineInputException.Collector();
            if (body.taxCode() != null && !body.taxCode().isBlank()) {
                try {
                    TaxCode.parse(body.taxCode(), year.incomeTax(), "taxCode");
                } catch (EngineInputException e) {
                    e.problems().forEach(p -> engine.add(p.field(), p.reason()));
                }
            }
            StudentLoanCalculator.check(year, plans, "studentLoans", engine);
            try {
                engine.throwIfAny();
            } catch (EngineInputException e) {
                e.problems().forEach(p -> in.problems.add(p.field(), p.reason()));
            }
        }
        in.throwIfAny();
        try {
            return PayslipCalculator.calculate(year, new PayslipCalculator.Input(f, period, body.taxCode(),
                    Boolean.TRUE.equals(body.nonCumulative()), category, gross, ssp, smp, plans, pension, director, ytd));
        } catch (EngineInputException e) {
            throw Fields.invalid(e);
        }
    }

    /** Pension contribution rounding, as the scheme rules say. */
    enum Rounding {
        NEAREST(RoundingMode.HALF_UP), DOWN(RoundingMode.DOWN), UP(RoundingMode.UP);

        final RoundingMode mode;

        Rounding(RoundingMode mode) {
            this.mode = mode;
        }
    }

    private static PayslipCalculator.YearToDate yearToDate(Fields in, CalculatorRequests.YearToDate y) {
        if (y == null) {
            return PayslipCalculator.YearToDate.ZERO;
        }
        return new PayslipCalculator.YearToDate(m(in, "grossPay", y.grossPay()), m(in, "taxablePay", y.taxablePay()),
                m(in, "tax", y.tax()), m(in, "niablePay", y.niablePay()), m(in, "employeeNi", y.employeeNi()),
                m(in, "employerNi", y.employerNi()), m(in, "earningsAtLel", y.earningsAtLel()),
                m(in, "earningsLelToPt", y.earningsLelToPt()), m(in, "earningsPtToUel", y.earningsPtToUel()),
                m(in, "studentLoan", y.studentLoan()), m(in, "postgraduateLoan", y.postgraduateLoan()),
                m(in, "employeePensionBeforeTax", y.employeePensionBeforeTax()),
                m(in, "employeePensionFromNetPay", y.employeePensionFromNetPay()),
                m(in, "employerPension", y.employerPension()), m(in, "ssp", y.ssp()), m(in, "smp", y.smp()),
                m(in, "netPay", y.netPay()));
    }

    private static BigDecimal m(Fields in, String name, String value) {
        BigDecimal v = in.money("yearToDate." + name, value, false, true);
        return v == null ? zero() : v;
    }

    private static String category(Fields in, String field, String value, TaxYearParameters year) {
        if (value == null || value.isBlank()) {
            in.problems.add(field, "is required (an NI category letter such as A)");
            return null;
        }
        String letter = value.strip();
        if (year != null && !year.nationalInsurance().categories().containsKey(letter)) {
            in.problems.add(field, "is not an NI category letter of " + year.taxYear() + " ("
                    + String.join(", ", new java.util.TreeSet<>(year.nationalInsurance().categories().keySet())) + ")");
        }
        return letter;
    }

    private static int orZero(Integer i) {
        return i == null ? 0 : i;
    }

    private static BigDecimal zero() {
        return BigDecimal.ZERO.setScale(2);
    }
}
