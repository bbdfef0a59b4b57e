package care.backoffice.payroll.runs;

import care.backoffice.payroll.engine.PayFrequency;
import care.backoffice.payroll.engine.TaxYears;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A pay period of one schedule: the days it pays, its name (the run's {@code period}), its pay date and the tax
 * period that pay date falls in. Plain Java.
 *
 * <ul>
 * <li><b>Monthly</b>: the calendar month worked ({@code 2026-04}). Tax month 1 runs from 6 April to 5 May, month 8 from
 * 6 November to 5 December (HMRC; reference §1.3 "tax month 1–12").</li>
 * <li><b>Weekly, 2-weekly, 4-weekly</b>: HMRC's week numbering. Tax week 1 is 6–12 April; week n starts 7(n − 1) days
 * later. 2-weekly period n is weeks 2n − 1 and 2n, 4-weekly period n weeks 4n − 3 to 4n. The days after the last whole
 * period (5 April, and 4 April in a leap year: "week 53") form a short period of their own (week 53, 2-weekly period
 * 27, 4-weekly period 14). Names: {@code 2026-27-W05}, {@code 2026-27-2W03}, {@code 2026-27-4W02}.</li>
 * </ul>
 * PAYE is worked out for the tax period containing the <b>payment date</b>, not the period the work was done (HMRC
 * CWG2): the tax month, or for week-based pay the tax week of the pay date, which the engine takes as the period
 * numbered in its frequency (week w is 2-weekly period ⌈w/2⌉, 4-weekly ⌈w/4⌉; the engine then uses the weekly tables at
 * week period × 2 or × 4, so a 4-weekly pay date should fall in a period's last week — weeks 4, 8, 12… — as is usual;
 * [UNSURE] for pay dates earlier in the block, which get the block's free pay up to three weeks early). The FPS carries
 * the tax month ({@code MonthNo}) or the tax week of the pay date ({@code WeekNo}).
 */
public record PayPeriod(PayFrequency frequency, String name, LocalDate start, LocalDate end, LocalDate payDate,
        String taxYear, int taxMonth, int taxWeek, int taxPeriod) {

    private static final Pattern WEEK_BASED = Pattern.compile("(\\d{4}-\\d{2})-(W|2W|4W)(\\d{2})");

    public static PayPeriod of(YearMonth month, LocalDate payDate) {
        return new PayPeriod(PayFrequency.MONTHLY, month.toString(), month.atDay(1), month.atEndOfMonth(), payDate,
                TaxYears.codeFor(payDate), taxMonth(payDate), taxWeek(payDate), taxMonth(payDate));
    }

    /**
     * @param taxYear the tax year the worked period belongs to ("2026-27")
     * @param number  the period's number in that year: 1 to 53 weekly, 27 two-weekly, 14 four-weekly
     */
    public static PayPeriod weekBased(PayFrequency f, String taxYear, int number, LocalDate payDate) {
        if (!f.weekBased()) {
            throw new IllegalArgumentException(f + " is not week-based");
        }
        if (number < 1 || number > f.maxPeriod()) {
            throw new IllegalArgumentException(f + " periods are numbered 1 to " + f.maxPeriod());
        }
        LocalDate yearStart = firstDay(taxYear);
        LocalDate yearEnd = yearStart.plusYears(1).minusDays(1);
        LocalDate start = yearStart.plusWeeks((long) (number - 1) * f.weeksPerPeriod());
        LocalDate end = start.plusWeeks(f.weeksPerPeriod()).minusDays(1);
        if (end.isAfter(yearEnd)) {
            end = yearEnd;
        }
        int week = taxWeek(payDate);
        int taxPeriod = (week + f.weeksPerPeriod() - 1) / f.weeksPerPeriod();
        return new PayPeriod(f, name(f, taxYear, number), start, end, payDate, TaxYears.codeFor(payDate),
                taxMonth(payDate), week, taxPeriod);
    }

    /** The name of week-based period {@code number}: {@code 2026-27-W05}, {@code 2026-27-2W03}, {@code 2026-27-4W02}. */
    public static String name(PayFrequency f, String taxYear, int number) {
        String unit = switch (f) {
            case WEEKLY -> "W";
            case FORTNIGHTLY -> "2W";
            case FOUR_WEEKLY -> "4W";
            case MONTHLY -> throw new IllegalArgumentException("monthly periods are named YYYY-MM");
        };
        return taxYear + "-" + unit + String.format("%02d", number);
    }

    /** A period's name read back: its frequency, and its first and last day. Empty if it is no period's name. */
    public static Optional<PayPeriod> parse(String name, LocalDate payDate) {
        if (name == null) {
            return Optional.empty();
        }
        Matcher m = WEEK_BASED.matcher(name);
        if (m.matches()) {
            PayFrequency f = switch (m.group(2)) {
                case "W" -> PayFrequency.WEEKLY;
                case "2W" -> PayFrequency.FORTNIGHTLY;
                default -> PayFrequency.FOUR_WEEKLY;
            };
            int number = Integer.parseInt(m.group(3));
            if (!validYearCode(m.group(1)) || number < 1 || number > f.maxPeriod()) {
                return Optional.empty();
            }
            return Optional.of(weekBased(f, m.group(1), number, payDate));
        }
        try {
            return Optional.of(of(YearMonth.parse(name), payDate));
        } catch (java.time.format.DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** Tax month of a date: shifting back 5 days puts 6 Apr–5 May into April, and so on. */
    static int taxMonth(LocalDate d) {
        return Math.floorMod(d.minusDays(5).getMonthValue() - 4, 12) + 1;
    }

    /** Tax week of a date: 1 for 6–12 April … 52, and 53 for 5 April (and 4 April in a leap year). */
    static int taxWeek(LocalDate d) {
        return (int) (ChronoUnit.DAYS.between(firstDay(TaxYears.codeFor(d)), d) / 7) + 1;
    }

    private static LocalDate firstDay(String taxYear) {
        return LocalDate.of(Integer.parseInt(taxYear.substring(0, 4)), 4, 6);
    }

    private static boolean validYearCode(String code) {
        return (Integer.parseInt(code.substring(0, 4)) + 1) % 100 == Integer.parseInt(code.substring(5, 7));
    }

    /** Same as {@link #name()} for a monthly period: the calendar month. */
    public YearMonth month() {
        return YearMonth.from(start);
    }
}
