package care.backoffice.payroll.engine;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What {@link StatutoryPayCalculator} leaves to its caller: which sick days form periods of incapacity for work
 * (PIWs), which PIWs link, and how many qualifying days of the linked PIW fall up to the end of a pay period.
 * Plain Java, from the days a colleague was recorded sick.
 *
 * <p>Rules (HMRC "Statutory Sick Pay: employer guide"; reference §5: the 56-day linking rule and the 28-week maximum
 * remain after April 2026):
 * <ul>
 * <li>A PIW is at least 4 days in a row of incapacity, counting every calendar day, working or not. [UNSURE whether
 * the Employment Rights Act 2025 keeps the 4-day test from 6 April 2026: it removes the waiting days and the LEL test;
 * the reference says nothing of the PIW, so the test is kept for both rule sets.]</li>
 * <li>Two PIWs with 56 days (8 weeks) or less between them link and count as one: waiting days are served once,
 * and the SSP already paid counts towards the maximum. The rule set follows the first day of the linked PIW.</li>
 * </ul>
 * What the payroll knows is the hours entries, so two inferences are written down here:
 * <ul>
 * <li>A <b>sick day</b> is a date with sick leave recorded and no other entry (a colleague who worked part of the day
 * was not incapable of work that day). Teams record sick leave on the days the colleague was due to work, so these
 * are the <b>qualifying days</b>.</li>
 * <li>Sick days with up to {@value #MAX_DAYS_OFF_INSIDE_A_SPELL} days between them on which nothing at all is recorded
 * (a weekend, a day off) are one spell of sickness: the colleague is taken to have been sick on the days off too.
 * A longer gap, or any other entry in between, ends the spell.</li>
 * </ul>
 */
public final class PeriodsOfIncapacity {

    /** Days off (no entry at all) that may lie inside one spell of sickness: a weekend plus a day. */
    public static final int MAX_DAYS_OFF_INSIDE_A_SPELL = 3;
    /** A PIW is at least 4 consecutive calendar days. */
    public static final int MIN_PIW_DAYS = 4;
    /** PIWs separated by 8 weeks or less link. */
    public static final int LINKING_DAYS = 56;

    /**
     * The linked PIW a pay period's SSP belongs to.
     *
     * @param linkedStart          the first day of the linked PIW (chooses the SSP rule set; the AWE is worked out
     *                             before it)
     * @param qualifyingDaysToDate qualifying days of the linked PIW up to the end of the pay period (days in later
     *                             periods may establish the PIW, they are not counted yet)
     */
    public record Claim(LocalDate linkedStart, int qualifyingDaysToDate) {}

    private PeriodsOfIncapacity() {}

    /**
     * @param sickDays   dates with sick leave recorded
     * @param otherDays  dates with any other entry (work, other leave)
     * @param periodEnd  the last day of the pay period
     * @return the latest linked PIW that began by the period's end, if any
     */
    public static Optional<Claim> claim(Set<LocalDate> sickDays, Set<LocalDate> otherDays, LocalDate periodEnd) {
        NavigableSet<LocalDate> sick = new TreeSet<>(sickDays);
        sick.removeAll(otherDays);
        List<List<LocalDate>> piws = new ArrayList<>();
        List<LocalDate> spell = new ArrayList<>();
        for (LocalDate d : sick) {
            if (!spell.isEmpty()) {
                LocalDate last = spell.get(spell.size() - 1);
                long daysBetween = ChronoUnit.DAYS.between(last, d) - 1;
                if (daysBetween > MAX_DAYS_OFF_INSIDE_A_SPELL || anyBetween(otherDays, last, d)) {
                    keepIfPiw(spell, piws);
                    spell = new ArrayList<>();
                }
            }
            spell.add(d);
        }
        keepIfPiw(spell, piws);

        LocalDate linkedStart = null;
        LocalDate previousEnd = null;
        int days = 0;
        for (List<LocalDate> piw : piws) {
            LocalDate first = piw.get(0);
            if (first.isAfter(periodEnd)) {
                break;
            }
            if (previousEnd == null || ChronoUnit.DAYS.between(previousEnd, first) - 1 > LINKING_DAYS) {
                linkedStart = first;
                days = 0;
            }
            days += (int) piw.stream().filter(d -> !d.isAfter(periodEnd)).count();
            previousEnd = piw.get(piw.size() - 1);
        }
        return linkedStart == null ? Optional.empty() : Optional.of(new Claim(linkedStart, days));
    }

    private static boolean anyBetween(Set<LocalDate> days, LocalDate from, LocalDate to) {
        for (LocalDate d = from.plusDays(1); d.isBefore(to); d = d.plusDays(1)) {
            if (days.contains(d)) {
                return true;
            }
        }
        return false;
    }

    private static void keepIfPiw(List<LocalDate> spell, List<List<LocalDate>> piws) {
        if (!spell.isEmpty() && ChronoUnit.DAYS.between(spell.get(0), spell.get(spell.size() - 1)) + 1 >= MIN_PIW_DAYS) {
            piws.add(spell);
        }
    }
}
