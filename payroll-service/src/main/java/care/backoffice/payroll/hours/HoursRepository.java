package care.backoffice.payroll.hours;

import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class HoursRepository implements IntakeRules.Facts {

    /** What the intake needs to know of an employee. */
    /** payFrequency: the schedule of the colleague's latest pay agreement (whose paid periods close their hours). */
    record Employee(UUID id, String team, LocalDate startDate, LocalDate leavingDate, String payFrequency) {}

    /** A stored, not voided entry, for the overlap check; from and until as {@link HoursEntry#from} numbers. */
    record Stored(UUID id, UUID employeeId, long from, long until) {}

    private final JdbcClient jdbc;
    private final DataSource dataSource;

    HoursRepository(JdbcClient jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
    }

    /**
     * The employees, locked for this transaction (in id order, so two submissions never deadlock): a concurrent
     * submission for the same people waits, so its overlap check sees these entries.
     */
    @Override
    public Map<UUID, Employee> lockEmployees(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return jdbc.sql("""
                select e.id, e.team_code, e.start_date, e.leaving_date,
                       coalesce((select a.pay_frequency from pay_agreement a where a.employee_id = e.id
                                 order by a.effective_from desc limit 1), 'MONTHLY')
                from employee e
                where e.id = any(?) order by e.id for update of e""")
                .param(ids.toArray(UUID[]::new))
                .query((rs, n) -> new Employee(rs.getObject(1, UUID.class), rs.getString(2),
                        rs.getObject(3, LocalDate.class), rs.getObject(4, LocalDate.class), rs.getString(5)))
                .list().stream().collect(Collectors.toMap(Employee::id, e -> e));
    }

    /**
     * Entries of these employees that could overlap entries dated from..to (one day either side for nights), with
     * their start and end as {@link HoursEntry#from} numbers: one query for the whole request.
     */
    @Override
    public List<Stored> activeEntries(Collection<UUID> employees, LocalDate from, LocalDate to) {
        if (employees.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                select id, employee_id, work_date, start_time, minutes from hours_entry
                where employee_id = any(?) and work_date between ? and ? and voided_at is null""")
                .params(employees.toArray(UUID[]::new), from.minusDays(1), to.plusDays(1))
                .query((rs, n) -> {
                    long start = HoursEntry.from(rs.getObject(3, LocalDate.class), rs.getObject(4, LocalTime.class));
                    return new Stored(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), start,
                            HoursEntry.until(start, rs.getInt(5)));
                }).list();
    }

    /** Finalised pay periods of one schedule that touch from..to. */
    @Override
    public List<LocalDate[]> paidPeriods(LocalDate from, LocalDate to, String payFrequency) {
        return jdbc.sql("""
                select period_start, period_end from paid_period
                where period_start <= ? and period_end >= ? and pay_frequency = ?""")
                .params(to, from, payFrequency)
                .query((rs, n) -> new LocalDate[] {rs.getObject(1, LocalDate.class), rs.getObject(2, LocalDate.class)})
                .list();
    }

    /**
     * Stores the entries with PostgreSQL's COPY (CSV) on the transaction's own connection: a bulk submission is one
     * round trip, and still all or nothing.
     *
     * @param ids the new entries' ids, in the order of {@code entries}
     * @param teams each employee's team (the team when the hours were submitted)
     */
    void insert(List<HoursEntry> entries, UUID[] ids, Map<UUID, String> teams, String by, Instant at) {
        CopyIn.copy(dataSource, COPY, csv -> writeRows(csv, entries, ids, teams, by, at));
    }

    /** The entries as COPY's CSV rows. */
    static void writeRows(Writer csv, List<HoursEntry> entries, UUID[] ids, Map<UUID, String> teams, String by,
            Instant at) throws IOException {
        // What every row of this request shares is formatted once: the submitter and time, and per colleague
        // their id and team.
        String tail = "," + quoted(by) + "," + at + "\n";
        Map<UUID, String> employeeColumns = new HashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            HoursEntry e = entries.get(i);
            csv.write(ids[i].toString());
            csv.write(employeeColumns.computeIfAbsent(e.employeeId(),
                    id -> "," + id + "," + quoted(teams.get(id)) + ","));
            csv.write(e.date().toString());
            csv.write(',');
            csv.write(e.start().toString());
            csv.write(',');
            csv.write(Integer.toString(e.minutes()));
            csv.write(',');
            csv.write(e.activity().name());
            csv.write(',');
            csv.write(quoted(e.clientId()));
            csv.write(',');
            csv.write(quoted(e.careType()));
            csv.write(tail);
        }
    }

    private static final String COPY = """
            copy hours_entry (id, employee_id, team_code, work_date, start_time, minutes, activity, client_id,
                              care_type, submitted_by, submitted_at) from stdin with (format csv)""";

    /** A CSV field: null stays empty (COPY's CSV null); text is quoted with inner quotes doubled. */
    private static String quoted(String value) {
        if (value == null) {
            return "";
        }
        return "\"" + value.replace("\"", "\"\"") + "\"";
    }
}
