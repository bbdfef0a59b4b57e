package care.backoffice.payroll.runs;

import care.backoffice.payroll.engine.PayFrequency;
import care.backoffice.payroll.engine.TaxYears;
import care.backoffice.support.problem.Problems;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Arrays;

/** A run request read into a pay period, plain Java; every bad field named at once. */
final class StartRunRules {

    private StartRunRules() {}

    static PayPeriod period(PayrollRunController.StartRun body) {
        Problems p = new Problems();
        PayFrequency f = PayFrequency.MONTHLY;
        if (body.schedule() != null) {
            try {
                f = PayFrequency.valueOf(body.schedule().strip());
            } catch (IllegalArgumentException e) {
                p.add("schedule", "must be one of " + Arrays.toString(PayFrequency.values()));
                f = null;
            }
        }
        LocalDate payDate = null;
        try {
            payDate = LocalDate.parse(body.payDate() == null ? "" : body.payDate());
        } catch (DateTimeParseException e) {
            p.add("payDate", "is required, as YYYY-MM-DD");
        }
        if (payDate != null && TaxYears.forDate(payDate).isEmpty()) {
            p.add("payDate", "is in a tax year the payroll engine has no rates for");
            payDate = null;
        }
        PayPeriod period = null;
        if (f == PayFrequency.MONTHLY) {
            YearMonth month = null;
            try {
                month = YearMonth.parse(body.month() == null ? "" : body.month());
            } catch (DateTimeParseException e) {
                p.add("month", "is required for a monthly run, as YYYY-MM");
            }
            p.require(body.taxYear() == null && body.period() == null, "period",
                    "is for week-based schedules; a monthly run names its month");
            if (month != null && payDate != null) {
                period = PayPeriod.of(month, payDate);
            }
        } else if (f != null) {
            p.require(body.month() == null, "month", "is for monthly runs; a " + f + " run names taxYear and period");
            boolean yearOk = body.taxYear() != null && TaxYears.find(body.taxYear()).isPresent();
            p.require(yearOk, "taxYear", "is required for a " + f + " run: a tax year the engine has, e.g. 2026-27");
            boolean numberOk = body.period() != null && body.period() >= 1 && body.period() <= f.maxPeriod();
            p.require(numberOk, "period", "is required for a " + f + " run: 1 to " + f.maxPeriod()
                    + " (HMRC's numbering from 6 April)");
            if (yearOk && numberOk && payDate != null) {
                period = PayPeriod.weekBased(f, body.taxYear(), body.period(), payDate);
            }
        }
        if (period != null) {
            p.require(!payDate.isBefore(period.start()), "payDate", "is before the period it pays (" + period.start()
                    + " to " + period.end() + ")");
        }
        p.throwIfAny();
        return period;
    }
}
