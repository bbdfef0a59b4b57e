package care.backoffice.payroll.calculator;

import java.util.List;

/**
 * Request bodies of the calculator API. Amounts and rates are JSON strings ("1234.50", "0.05"); text fields let
 * every bad field be named in one answer.
 */
final class CalculatorRequests {

    private CalculatorRequests() {}

    /**
     * @param taxablePayToDate taxable pay to date including this period (optional in period 1 or non-cumulative)
     * @param taxPaidToDate    tax deducted to date before this period (default 0.00)
     */
    record IncomeTax(String taxYear, String frequency, Integer period, String taxCode, Boolean nonCumulative,
            String grossPay, String taxablePayToDate, String taxPaidToDate) {}

    /**
     * @param grossPayToDate   director: NI-able pay in the earnings period to date, including this period
     * @param employeeNiToDate director: employee NI paid before this period
     */
    record Director(String method, Integer weeksInEarningsPeriod, String grossPayToDate, String employeeNiToDate,
            String employerNiToDate) {}

    record NationalInsurance(String taxYear, String frequency, Integer period, String category, String grossPay,
            Director director) {}

    record Pension(String arrangement, String basis, String employeeRate, String employerRate, String rounding) {}

    record Ssp(String absenceStart, Integer qualifyingDaysPerWeek, Integer qualifyingDaysSickInPeriod,
            Integer waitingDaysAlreadyServed, Integer qualifyingDaysAlreadyPaid, String averageWeeklyEarnings) {}

    record Smp(String averageWeeklyEarnings, Integer firstWeek, Integer weeks) {}

    record PayslipDirector(String method, Integer weeksInEarningsPeriod) {}

    /** Year to date before this period; every field optional (0.00). */
    record YearToDate(String grossPay, String taxablePay, String tax, String niablePay, String employeeNi,
            String employerNi, String earningsAtLel, String earningsLelToPt, String earningsPtToUel, String studentLoan,
            String postgraduateLoan, String employeePensionBeforeTax, String employeePensionFromNetPay,
            String employerPension, String ssp, String smp, String netPay) {}

    record Payslip(String taxYear, String frequency, Integer period, String taxCode, Boolean nonCumulative,
            String niCategory, String grossPay, List<String> studentLoans, Pension pension, Ssp ssp, Smp smp,
            PayslipDirector director, YearToDate yearToDate) {}
}
