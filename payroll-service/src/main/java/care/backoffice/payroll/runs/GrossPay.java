package care.backoffice.payroll.runs;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * Gross pay for a month from the pay agreement, plain Java.
 *
 * <p>Salaried: a twelfth of the annual salary. A starter or leaver part-way through the month is paid by calendar
 * days: monthly salary × days employed in the month ÷ days in the month, rounded half up to the penny once, at the
 * end (the organisation's choice among the usual methods; calendar days do not depend on a rota).
 *
 * <p>Hourly: paid minutes × hourly rate ÷ 60, rounded half up to the penny once, at the end. Paid minutes are the
 * month's submitted, not voided entries except sick leave, which is paid as SSP rather than at the hourly rate.
 */
public final class GrossPay {

    private static final BigDecimal TWELVE = BigDecimal.valueOf(12);
    private static final BigDecimal SIXTY = BigDecimal.valueOf(60);

    private GrossPay() {}

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
