package care.backoffice.payroll.engine;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;

/**
 * Statutory sick pay and statutory maternity pay for one pay period (reference §5).
 *
 * <p><b>SSP.</b> The rules follow the date the period of incapacity for work (PIW) began: an absence that began
 * before 6 April 2026 keeps the old rules (3 waiting days, average weekly earnings must reach the LEL); one that
 * begins on or after it has neither, and its weekly rate is the lower of the flat rate or 80% of average weekly
 * earnings. The rule set is read from the tax-year file of the PIW's first day; the flat rate is the one of the
 * year being paid. Days are qualifying days; a day's SSP is the weekly rate / qualifying days in the week, and the
 * period's total is rounded up to the penny (HMRC's SSP daily-rate tables round up; UNSURE for the 80% cap, for
 * which no worked example was available). At most {@code maximumWeeks} weeks per PIW (linked PIWs count together;
 * linking, and the 4-day PIW test, are for the caller).
 *
 * <p><b>SMP.</b> Weeks 1 to 6 at 90% of average weekly earnings, then (to week 39) the lower of the standard rate
 * or 90% of AWE; 90% of AWE is rounded up to the penny. Not payable when AWE is below the LEL.
 */
public final class StatutoryPayCalculator {

    /**
     * @param absenceStart                 first day of the PIW (chooses the rule set)
     * @param qualifyingDaysPerWeek        1–7
     * @param qualifyingDaysSickInPeriod   qualifying days of sickness in this pay period
     * @param waitingDaysAlreadyServed     waiting days served earlier in this (linked) PIW
     * @param qualifyingDaysAlreadyPaid    qualifying days of SSP already paid in this (linked) PIW
     */
    public record SspInput(LocalDate absenceStart, int qualifyingDaysPerWeek, int qualifyingDaysSickInPeriod,
            int waitingDaysAlreadyServed, int qualifyingDaysAlreadyPaid, BigDecimal averageWeeklyEarnings) {}

    public record SspResult(BigDecimal amount, int daysPaid, int waitingDaysServed, BigDecimal weeklyRate,
            String notPayableReason) {}

    /** @param firstWeek the SMP week (1–39) the period's first SMP week is; {@code weeks} whole weeks paid */
    public record SmpInput(BigDecimal averageWeeklyEarnings, int firstWeek, int weeks) {}

    public record SmpResult(BigDecimal amount, String notPayableReason) {}

    private static final BigDecimal ZERO = BigDecimal.ZERO.setScale(2);

    private StatutoryPayCalculator() {}

    public static SspResult ssp(TaxYearParameters paidYear, SspInput in) {
        TaxYearParameters ruleYear = TaxYears.forDate(in.absenceStart()).orElseThrow(() -> EngineInputException.of(
                "ssp.absenceStart", "falls in a tax year the engine has no parameters for"));
        TaxYearParameters.Ssp rules = ruleYear.statutoryPay().ssp();
        BigDecimal lel = ruleYear.nationalInsurance().thresholds().get(PayFrequency.WEEKLY.name()).get("LEL");
        if (rules.lowerEarningsLimitTest() && in.averageWeeklyEarnings().compareTo(lel) < 0) {
            return new SspResult(ZERO, 0, 0, ZERO, "average weekly earnings below the lower earnings limit (£" + lel + ")");
        }
        BigDecimal weekly = paidYear.statutoryPay().ssp().weeklyRate();
        if (rules.averageEarningsCapRate() != null) {
            weekly = weekly.min(in.averageWeeklyEarnings().multiply(rules.averageEarningsCapRate()));
        }
        int waitingLeft = Math.max(0, rules.waitingDays() - in.waitingDaysAlreadyServed());
        int waitingNow = Math.min(waitingLeft, in.qualifyingDaysSickInPeriod());
        int payable = in.qualifyingDaysSickInPeriod() - waitingNow;
        int maxDays = rules.maximumWeeks() * in.qualifyingDaysPerWeek();
        payable = Math.max(0, Math.min(payable, maxDays - in.qualifyingDaysAlreadyPaid()));
        BigDecimal amount = weekly.multiply(BigDecimal.valueOf(payable))
                .divide(BigDecimal.valueOf(in.qualifyingDaysPerWeek()), 2, RoundingMode.CEILING);
        String reason = payable == 0 && in.qualifyingDaysSickInPeriod() > 0
                ? (waitingNow > 0 ? "waiting days" : "maximum entitlement reached") : null;
        return new SspResult(amount, payable, waitingNow,
                weekly.setScale(Math.max(2, weekly.stripTrailingZeros().scale()), RoundingMode.UNNECESSARY), reason);
    }

    public static SmpResult smp(TaxYearParameters year, SmpInput in) {
        TaxYearParameters.Smp rules = year.statutoryPay().smp();
        BigDecimal lel = year.nationalInsurance().thresholds().get(PayFrequency.WEEKLY.name()).get("LEL");
        if (in.averageWeeklyEarnings().compareTo(lel) < 0) {
            return new SmpResult(ZERO, "average weekly earnings below the lower earnings limit (£" + lel + ")");
        }
        BigDecimal earningsRelated = in.averageWeeklyEarnings().multiply(rules.earningsRelatedRate())
                .setScale(2, RoundingMode.CEILING);
        BigDecimal total = ZERO;
        for (int w = in.firstWeek(); w < in.firstWeek() + in.weeks(); w++) {
            total = total.add(w <= rules.earningsRelatedWeeks() ? earningsRelated
                    : earningsRelated.min(rules.standardWeeklyRate()));
        }
        return new SmpResult(total, null);
    }
}
