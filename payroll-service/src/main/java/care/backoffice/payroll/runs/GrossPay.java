package care.backoffice.payroll.runs;

import care.backoffice.payroll.engine.PayFrequency;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * Gross pay for a pay period from the pay agreement, plain Java.
 *
 * <p>Salaried: a twelfth of the annual salary a month; a 52nd a week, a 26th a fortnight, a 13th for 4 weeks. A starter
 * or leaver part-way through the period, and the short period at the end of the tax year ("week 53": 5 April, or 4–5
 * April in a leap year), are paid by calendar days: the period's salary × days employed ÷ days in a whole period,
 * rounded half up to the penny once, at the end (the organisation's choice among the usual methods; calendar days do
 * not depend on a rota).
 *
 * <p>Hourly: paid minutes × hourly rate ÷ 60, rounded half up to the penny once, at the end. Paid minutes are the
 * month's submitted, not voided entries except sick leave, which is paid as SSP rather than at the hourly rate.
 */
public final class GrossPay {

    private static final BigDecimal TWELVE = BigDecimal.valueOf(12);
    private static final BigDecimal SIXTY = BigDecimal.valueOf(60);

    private GrossPay() {}

    /**
     * Salary for the days employed in the period and not on unpaid leave from {@code leaveFrom} to {@code leaveTo}
     * (maternity leave: SMP is paid instead): the period's salary × days paid ÷ days in a whole period (the calendar
     * month, or 7, 14 or 28 days), rounded half up once.
     */
    public static BigDecimal salaried(BigDecimal annualSalary, PayFrequency f, LocalDate periodStart,
            LocalDate periodEnd, LocalDate employeeStart, LocalDate leaving, LocalDate leaveFrom, LocalDate leaveTo) {
        LocalDate from = employeeStart.isAfter(periodStart) ? employeeStart : periodStart;
        LocalDate to = leaving != null && leaving.isBefore(periodEnd) ? leaving : periodEnd;
        long days = ChronoUnit.DAYS.between(from, to) + 1;
        long onLeave = days <= 0 ? 0 : care.backoffice.payroll.engine.MaternityPay.daysIn(from, to, leaveFrom, leaveTo);
        if (onLeave == 0) {
            return salaried(annualSalary, f, periodStart, periodEnd, employeeStart, leaving);
        }
        long paid = days - onLeave;
        long whole = f.weekBased() ? 7L * f.weeksPerPeriod() : ChronoUnit.DAYS.between(periodStart, periodEnd) + 1;
        BigDecimal periods = BigDecimal.valueOf(f.periodsInYear());
        return annualSalary.multiply(BigDecimal.valueOf(paid)).divide(periods.multiply(BigDecimal.valueOf(whole)), 2,
                RoundingMode.HALF_UP);
    }

    /** Week-based pay: whole periods of 7, 14 or 28 days. */
    public static BigDecimal salaried(BigDecimal annualSalary, PayFrequency f, LocalDate periodStart,
            LocalDate periodEnd, LocalDate employeeStart, LocalDate leaving) {
        if (!f.weekBased()) {
            return salaried(annualSalary, periodStart, periodEnd, employeeStart, leaving);
        }
        LocalDate from = employeeStart.isAfter(periodStart) ? employeeStart : periodStart;
        LocalDate to = leaving != null && leaving.isBefore(periodEnd) ? leaving : periodEnd;
        long days = ChronoUnit.DAYS.between(from, to) + 1;
        long whole = 7L * f.weeksPerPeriod();
        BigDecimal periods = BigDecimal.valueOf(f.periodsInYear());
        if (days <= 0) {
            return BigDecimal.ZERO.setScale(2);
        }
        if (days == whole) {
            return annualSalary.divide(periods, 2, RoundingMode.HALF_UP);
        }
        return annualSalary.multiply(BigDecimal.valueOf(days)).divide(periods.multiply(BigDecimal.valueOf(whole)), 2,
                RoundingMode.HALF_UP);
    }

    public static BigDecimal salaried(BigDecimal annualSalary, LocalDate periodStart, LocalDate periodEnd,
            LocalDate employeeStart, LocalDate leaving) {
        LocalDate from = employeeStart.isAfter(periodStart) ? employeeStart : periodStart;
        LocalDate to = leaving != null && leaving.isBefore(periodEnd) ? leaving : periodEnd;
        long days = ChronoUnit.DAYS.between(from, to) + 1;
        long inMonth = ChronoUnit.DAYS.between(periodStart, periodEnd) + 1;
        if (days <= 0) {
            return BigDecimal.ZERO.setScale(2);
        }
        if (days == inMonth) {
            return annualSalary.divide(TWELVE, 2, RoundingMode.HALF_UP);
        }
        return annualSalary.multiply(BigDecimal.valueOf(days))
                .divide(TWELVE.multiply(BigDecimal.valueOf(inMonth)), 2, RoundingMode.HALF_UP);
    }

    public static BigDecimal hourly(BigDecimal hourlyRate, long paidMinutes) {
        return hourlyRate.multiply(BigDecimal.valueOf(paidMinutes)).divide(SIXTY, 2, RoundingMode.HALF_UP);
    }
}
