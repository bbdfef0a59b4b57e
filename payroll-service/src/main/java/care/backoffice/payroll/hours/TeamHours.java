package care.backoffice.payroll.hours;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A team's hours over a period, as statistics for the team itself (no targets): hours by activity and by person,
 * and the share of worked time that was care. Leave is shown but is not worked time, so it is left out of the
 * share (a colleague on holiday does not lower the team's care share). Voided entries do not count.
 */
public record TeamHours(String team, LocalDate from, LocalDate to, long minutes, String hours, long workedMinutes,
        long careMinutes, String careSharePercent, Map<Activity, String> hoursByActivity, List<Person> people) {

    /** One colleague's hours in the period. */
    public record Person(UUID employeeId, String givenName, String familyName, long minutes, String hours,
            long careMinutes, String careSharePercent, Map<Activity, String> hoursByActivity) {}

    /** One row of the grouped query: a person's minutes on one activity. */
    record Row(UUID employeeId, String givenName, String familyName, Activity activity, long minutes) {}

    static TeamHours of(String team, LocalDate from, LocalDate to, List<Row> rows) {
        Map<UUID, List<Row>> byPerson = new LinkedHashMap<>();
        for (Row r : rows) {
            byPerson.computeIfAbsent(r.employeeId(), k -> new ArrayList<>()).add(r);
        }
        List<Person> people = new ArrayList<>();
        for (List<Row> mine : byPerson.values()) {
            Row first = mine.get(0);
            Totals t = Totals.of(mine);
            people.add(new Person(first.employeeId(), first.givenName(), first.familyName(), t.minutes,
                    hours(t.minutes), t.care, percent(t.care, t.worked), t.hoursByActivity()));
        }
        Totals all = Totals.of(rows);
        return new TeamHours(team, from, to, all.minutes, hours(all.minutes), all.worked, all.care,
                percent(all.care, all.worked), all.hoursByActivity(), people);
    }

    private static final class Totals {
        final Map<Activity, Long> byActivity = new EnumMap<>(Activity.class);
        long minutes;
        long worked;
        long care;

        static Totals of(List<Row> rows) {
            Totals t = new Totals();
            for (Row r : rows) {
                t.byActivity.merge(r.activity(), r.minutes(), Long::sum);
                t.minutes += r.minutes();
                if (!isLeave(r.activity())) {
                    t.worked += r.minutes();
                }
                if (r.activity() == Activity.CARE) {
                    t.care += r.minutes();
                }
            }
            return t;
        }

        Map<Activity, String> hoursByActivity() {
            Map<Activity, String> out = new EnumMap<>(Activity.class);
            byActivity.forEach((a, m) -> out.put(a, hours(m)));
            return out;
        }
    }

    static boolean isLeave(Activity a) {
        return a.name().startsWith("LEAVE_");
    }

    /** Hours to 2 decimals, half up: a display figure (pay is worked out from minutes, not from this). */
    static String hours(long minutes) {
        return BigDecimal.valueOf(minutes).divide(BigDecimal.valueOf(60), 2, RoundingMode.HALF_UP).toPlainString();
    }

    /** Percent to 1 decimal, half up; null when nothing was worked (no share to speak of). */
    static String percent(long part, long whole) {
        if (whole == 0) {
            return null;
        }
        return BigDecimal.valueOf(part * 100).divide(BigDecimal.valueOf(whole), 1, RoundingMode.HALF_UP)
                .toPlainString();
    }
}
