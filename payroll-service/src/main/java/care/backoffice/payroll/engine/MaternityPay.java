package care.backoffice.payroll.engine;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * What {@link StatutoryPayCalculator#smp} leaves to its caller: the weeks of the maternity pay period (MPP) and who
 * qualifies. Plain Java. Rules (HMRC "Statutory Maternity Pay: employer guide"; reference §5 for the rates):
 * <ul>
 * <li>Weeks run Sunday to Saturday; the expected week of childbirth (EWC) is given by its Sunday.</li>
 * <li>The qualifying week is the 15th week before the EWC. The colleague must have been employed continuously for at
 * least 26 weeks continuing into it: employed in the week 25 weeks before the qualifying week (any day of it) and
 * since. Her average weekly earnings are those of the paydays up to the qualifying week's Saturday
 * ({@link AverageWeeklyEarnings}); the engine refuses SMP when they are below the LEL.</li>
 * <li>The MPP starts on any day from the 11th week before the EWC and lasts 39 weeks; SMP week k runs from the MPP's
 * start + 7(k − 1) days. A pay period pays the SMP weeks that end in it (whole weeks: HMRC allows paying SMP for
 * whole weeks with the usual pay, and the engine's SMP is by week).</li>
 * </ul>
 */
public final class MaternityPay {

    public static final int WEEKS = 39;

    /** SMP weeks {@code first} to {@code first + count − 1}. */
    public record Weeks(int first, int count) {}

    private MaternityPay() {}

    public static boolean isWeekStart(LocalDate ewc) {
        return ewc.getDayOfWeek() == DayOfWeek.SUNDAY;
    }

    /** The Saturday that ends the qualifying week, the 15th week before the EWC. */
    public static LocalDate qualifyingWeekEnd(LocalDate ewc) {
        return ewc.minusWeeks(15).plusDays(6);
    }

    /** The first day the MPP may start: the Sunday of the 11th week before the EWC. */
    public static LocalDate earliestStart(LocalDate ewc) {
        return ewc.minusWeeks(11);
    }

    /** Employed in the week 25 weeks before the qualifying week, and (the caller knows she still is) since. */
    public static boolean longEnoughEmployed(LocalDate employeeStart, LocalDate ewc) {
        LocalDate saturdayOfFirstWeek = ewc.minusWeeks(15).minusWeeks(25).plusDays(6);
        return !employeeStart.isAfter(saturdayOfFirstWeek);
    }

    /** The last day of the MPP. */
    public static LocalDate lastDay(LocalDate mppStart) {
        return mppStart.plusWeeks(WEEKS).minusDays(1);
    }

    /** The SMP weeks whose last day falls from {@code from} to {@code to}, if any. */
    public static Optional<Weeks> weeksEndingIn(LocalDate mppStart, LocalDate from, LocalDate to) {
        int first = 0;
        int count = 0;
        for (int k = 1; k <= WEEKS; k++) {
            LocalDate end = mppStart.plusWeeks(k).minusDays(1);
            if (!end.isBefore(from) && !end.isAfter(to)) {
                if (first == 0) {
                    first = k;
                }
                count++;
            }
        }
        return count == 0 ? Optional.empty() : Optional.of(new Weeks(first, count));
    }

    /** Days of [from, to] that fall in [leaveFrom, leaveTo]. */
    public static long daysIn(LocalDate from, LocalDate to, LocalDate leaveFrom, LocalDate leaveTo) {
        LocalDate a = from.isAfter(leaveFrom) ? from : leaveFrom;
        LocalDate b = to.isBefore(leaveTo) ? to : leaveTo;
        return a.isAfter(b) ? 0 : ChronoUnit.DAYS.between(a, b) + 1;
    }
}
