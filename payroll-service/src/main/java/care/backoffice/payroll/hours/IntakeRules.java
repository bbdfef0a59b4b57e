package care.backoffice.payroll.hours;

import care.backoffice.support.problem.Problems;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The intake's rules that need what is stored, for a whole bulk request at once. Plain Java: {@link Facts} supplies
 * what the database knows (three queries a request), the checks run in memory.
 */
final class IntakeRules {

    /** What the rules ask the database, once per request ({@link HoursRepository} in the service). */
    interface Facts {
        /** The employees, locked until the transaction ends. */
        Map<UUID, HoursRepository.Employee> lockEmployees(Collection<UUID> ids);

        /** Finalised pay periods of one pay schedule (MONTHLY, WEEKLY …) that touch from..to, as {start, end}. */
        List<LocalDate[]> paidPeriods(LocalDate from, LocalDate to, String payFrequency);

        /** The employees' stored, not voided entries that could overlap entries dated from..to. */
        List<HoursRepository.Stored> activeEntries(Collection<UUID> employees, LocalDate from, LocalDate to);
    }

    private IntakeRules() {}

    /**
     * The rules that need the database: the employee exists and is in the caller's team, the date is inside their
     * employment and outside paid periods, and no two entries of one person overlap. Runs in the transaction that
     * stores the entries, with the employees locked. Three queries for the whole request: the employees, the paid
     * periods and the stored entries that could overlap; the rest is done in memory.
     *
     * @return each employee's team
     */
    static Map<UUID, String> check(List<HoursEntry> entries, Optional<String> callerTeam, Facts hours,
            Problems problems) {
        Set<UUID> ids = new LinkedHashSet<>();
        LocalDate min = null;
        LocalDate max = null;
        for (HoursEntry e : entries) {
            if (e != null) {
                ids.add(e.employeeId());
                min = min == null || e.date().isBefore(min) ? e.date() : min;
                max = max == null || e.date().isAfter(max) ? e.date() : max;
            }
        }
        if (ids.isEmpty()) {
            return Map.of();
        }
        Map<UUID, HoursRepository.Employee> employees = hours.lockEmployees(ids);
        // A run pays one schedule, so its period closes only the hours of colleagues on that schedule.
        Map<String, List<LocalDate[]>> paidBySchedule = new HashMap<>();
        Map<UUID, List<Interval>> byEmployee = new HashMap<>();
        Map<UUID, String> teams = new HashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            HoursEntry e = entries.get(i);
            if (e == null) {
                continue;
            }
            HoursRepository.Employee emp = employees.get(e.employeeId());
            if (emp == null || (callerTeam.isPresent() && !callerTeam.get().equals(emp.team()))) {
                problems.add("entries[" + i + "].employeeId", callerTeam.map(t -> "is not a member of team " + t)
                        .orElse("is not a known employee"));
                continue;
            }
            if (e.date().isBefore(emp.startDate())) {
                problems.add("entries[" + i + "].date", "is before the employee's start date " + emp.startDate());
            }
            if (emp.leavingDate() != null && e.date().isAfter(emp.leavingDate())) {
                problems.add("entries[" + i + "].date", "is after the employee's leaving date " + emp.leavingDate());
            }
            LocalDate from0 = min;
            LocalDate to0 = max;
            for (LocalDate[] period : paidBySchedule.computeIfAbsent(emp.payFrequency(),
                    f -> hours.paidPeriods(from0, to0, f))) {
                if (!e.date().isBefore(period[0]) && !e.date().isAfter(period[1])) {
                    problems.add("entries[" + i + "].date", "falls in the pay period " + period[0] + " to " + period[1]
                            + ", which is already paid: a correction goes in as an adjustment in the next run");
                }
            }
            teams.putIfAbsent(e.employeeId(), emp.team());
            long from = e.from();
            byEmployee.computeIfAbsent(e.employeeId(), k -> new ArrayList<>())
                    .add(new Interval(i, null, from, HoursEntry.until(from, e.minutes())));
        }
        for (HoursRepository.Stored s : hours.activeEntries(byEmployee.keySet(), min, max)) {
            byEmployee.get(s.employeeId()).add(new Interval(-1, s.id(), s.from(), s.until()));
        }
        byEmployee.values().forEach(list -> overlaps(list, problems));
        return teams;
    }

    /** One entry of a person, from and until as {@link HoursEntry#from} numbers; index -1 for a stored one. */
    private record Interval(int index, UUID storedId, long from, long until) {
        String describe() {
            return index >= 0 ? "entries[" + index + "]" : "entry " + storedId + ", already submitted";
        }
    }

    private static final Comparator<Interval> IN_TIME_ORDER = (a, b) -> a.from() != b.from()
            ? Long.compare(a.from(), b.from()) : Long.compare(a.until(), b.until());

    /** Sweeps one person's entries in time order; each new entry that overlaps another is named once. */
    private static void overlaps(List<Interval> list, Problems problems) {
        list.sort(IN_TIME_ORDER);
        Interval longest = null;
        Set<Integer> named = new HashSet<>();
        for (Interval cur : list) {
            if (longest != null && cur.from() < longest.until()) {
                Interval newer = cur.index() >= 0 ? cur : longest;
                Interval other = newer == cur ? longest : cur;
                if (newer.index() >= 0 && named.add(newer.index())) {
                    problems.add("entries[" + newer.index() + "].start", "overlaps " + other.describe()
                            + " for the same person");
                }
            }
            if (longest == null || cur.until() > longest.until()) {
                longest = cur;
            }
        }
    }

}
