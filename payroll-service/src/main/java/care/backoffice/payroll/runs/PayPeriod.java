package care.backoffice.payroll.runs;

import care.backoffice.payroll.engine.TaxYears;
import java.time.LocalDate;
import java.time.YearMonth;

/**
 * A monthly pay period: the calendar month paid, and the tax month its pay date falls in. Tax month 1 runs from
 * 6 April to 5 May, month 8 from 6 November to 5 December (HMRC; reference §1.3 "tax month 1–12"): PAYE is worked
 * out for the tax period containing the payment date, not the month the work was done.
 */
public record PayPeriod(YearMonth month, LocalDate payDate, String taxYear, int taxMonth) {

    public static PayPeriod of(YearMonth month, LocalDate payDate) {
        // Shifting back 5 days puts 6 Apr–5 May into April, and so on: then the calendar month gives the tax month.
        int shifted = payDate.minusDays(5).getMonthValue();
        int taxMonth = Math.floorMod(shifted - 4, 12) + 1;
        return new PayPeriod(month, payDate, TaxYears.codeFor(payDate), taxMonth);
    }

    public LocalDate start() {
        return month.atDay(1);
    }

    public LocalDate end() {
        return month.atEndOfMonth();
    }
}
