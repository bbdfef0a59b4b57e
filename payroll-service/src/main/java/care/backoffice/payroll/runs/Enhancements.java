package care.backoffice.payroll.runs;

import care.backoffice.payroll.engine.PayslipCalculator;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Enhanced pay for hours worked at night, at weekends and on bank holidays, from an hourly agreement's percentages.
 * Plain Java.
 *
 * <ul>
 * <li><b>Windows.</b> Night: the agreement's night hours, 22:00–06:00 unless it sets others (the usual care-sector
 * definition; the Working Time Regulations' "night time" must include midnight–05:00, which this does). Weekend:
 * Saturday 00:00 to Monday 00:00. Bank holiday: the whole calendar day of a bank holiday of England and Wales
 * ({@link BankHolidays}).</li>
 * <li><b>Split by minute.</b> An entry is cut at midnight and at the night's start and end, so a shift from Friday 21:00
 * to Saturday 07:00 has one basic hour, two night hours on Friday, six hours that are both night and weekend, and one
 * weekend hour.</li>
 * <li><b>No stacking.</b> A minute in more than one window gets the highest of their enhancements, not the sum (the
 * common form of care-sector agreements; an agreement that stacks would need another rule).</li>
 * <li><b>What is enhanced.</b> Worked time only: leave entries (annual, sick) are not (annual leave is paid at the basic
 * rate, sick leave as SSP).</li>
 * <li><b>Pay.</b> Every paid minute earns the basic rate (GrossPay.hourly); each window adds a premium of minutes ×
 * rate × percentage ÷ 60, rounded half up to the penny once per window. Premiums are earnings, taxable and NI-able
 * and pensionable; each is a payslip line.</li>
 * </ul>
 */
public final class Enhancements {

    public static final LocalTime DEFAULT_NIGHT_START = LocalTime.of(22, 0);
    public static final LocalTime DEFAULT_NIGHT_END = LocalTime.of(6, 0);
    private static final BigDecimal SIX_THOUSAND = BigDecimal.valueOf(6000); // 60 minutes × 100 per cent

    public enum Window { NIGHT, WEEKEND, BANK_HOLIDAY }

    /** Percentages (null: none); night start and end (null: the default 22:00–06:00). */
    public record Rates(BigDecimal nightPercent, BigDecimal weekendPercent, BigDecimal bankHolidayPercent,
            LocalTime nightStart, LocalTime nightEnd) {

        public boolean any() {
            return positive(nightPercent) || positive(weekendPercent) || positive(bankHolidayPercent);
        }

        LocalTime start() {
            return nightStart == null ? DEFAULT_NIGHT_START : nightStart;
        }

        LocalTime end() {
            return nightEnd == null ? DEFAULT_NIGHT_END : nightEnd;
        }

        BigDecimal percent(Window w) {
            BigDecimal p = switch (w) {
                case NIGHT -> nightPercent;
                case WEEKEND -> weekendPercent;
                case BANK_HOLIDAY -> bankHolidayPercent;
            };
            return positive(p) ? p : null;
        }

        private static boolean positive(BigDecimal p) {
            return p != null && p.signum() > 0;
        }
    }

    /** One worked entry: the day it starts, its start time and length. */
    public record Shift(LocalDate date, LocalTime start, int minutes) {}

    private Enhancements() {}

    /** Minutes per window, each minute counted once, in the window with the highest enhancement. */
    public static Map<Window, Long> minutes(List<Shift> shifts, Rates rates, Predicate<LocalDate> bankHoliday) {
        Map<Window, Long> out = new EnumMap<>(Window.class);
        for (Shift s : shifts) {
            LocalDateTime t = s.date().atTime(s.start());
            LocalDateTime end = t.plusMinutes(s.minutes());
            while (t.isBefore(end)) {
                LocalDateTime next = min(end, min(t.toLocalDate().plusDays(1).atStartOfDay(),
                        min(nextAt(t, rates.start()), nextAt(t, rates.end()))));
                Window best = null;
                BigDecimal bestPercent = null;
                for (Window w : Window.values()) {
                    BigDecimal p = rates.percent(w);
                    // Ties go to the later window in declaration order: bank holiday, then weekend, then night.
                    if (p != null && applies(w, t, rates, bankHoliday) && (bestPercent == null || p.compareTo(bestPercent) >= 0)) {
                        best = w;
                        bestPercent = p;
                    }
                }
                if (best != null) {
                    out.merge(best, java.time.Duration.between(t, next).toMinutes(), Long::sum);
                }
                t = next;
            }
        }
        return out;
    }

    /** The premiums as payslip earnings: one line per window worked, rounded half up to the penny once. */
    public static List<PayslipCalculator.Adjustment> premiums(Map<Window, Long> minutes, Rates rates,
            BigDecimal hourlyRate) {
        List<PayslipCalculator.Adjustment> out = new ArrayList<>();
        for (Window w : Window.values()) {
            Long m = minutes.get(w);
            BigDecimal p = rates.percent(w);
            if (m == null || m == 0 || p == null) {
                continue;
            }
            BigDecimal amount = hourlyRate.multiply(BigDecimal.valueOf(m)).multiply(p)
                    .divide(SIX_THOUSAND, 2, RoundingMode.HALF_UP);
            String name = switch (w) {
                case NIGHT -> "Night";
                case WEEKEND -> "Weekend";
                case BANK_HOLIDAY -> "Bank holiday";
            };
            out.add(new PayslipCalculator.Adjustment(PayslipCalculator.AdjustmentKind.PAYMENT, "ENHANCEMENT_" + w,
                    name + " enhancement " + p.stripTrailingZeros().toPlainString() + "% on " + (m / 60) + "h "
                            + String.format("%02d", m % 60) + "m",
                    amount, true, true));
        }
        return out;
    }

    private static boolean applies(Window w, LocalDateTime t, Rates r, Predicate<LocalDate> bankHoliday) {
        return switch (w) {
            case NIGHT -> night(t.toLocalTime(), r.start(), r.end());
            case WEEKEND -> t.getDayOfWeek() == DayOfWeek.SATURDAY || t.getDayOfWeek() == DayOfWeek.SUNDAY;
            case BANK_HOLIDAY -> bankHoliday.test(t.toLocalDate());
        };
    }

    static boolean night(LocalTime t, LocalTime start, LocalTime end) {
        return start.isBefore(end) ? !t.isBefore(start) && t.isBefore(end) : !t.isBefore(start) || t.isBefore(end);
    }

    private static LocalDateTime nextAt(LocalDateTime t, LocalTime at) {
        LocalDateTime candidate = t.toLocalDate().atTime(at);
        return candidate.isAfter(t) ? candidate : candidate.plusDays(1);
    }

    private static LocalDateTime min(LocalDateTime a, LocalDateTime b) {
        return a.isBefore(b) ? a : b;
    }
}
