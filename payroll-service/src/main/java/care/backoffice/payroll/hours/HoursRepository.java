package care.backoffice.payroll.hours;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.springframework.jdbc.datasource.DataSourceUtils;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class HoursRepository {

    /** What the intake needs to know of an employee. */
    record Employee(UUID id, String team, LocalDate startDate, LocalDate leavingDate) {}

    /** A stored, not voided entry, for the overlap check. */
    record Stored(UUID id, UUID employeeId, LocalDateTime from, LocalDateTime until) {}

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
    Map<UUID, Employee> lockEmployees(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return jdbc.sql("""
                select id, team_code, start_date, leaving_date from employee
                where id = any(?) order by id for update""")
                .param(ids.toArray(UUID[]::new))
                .query((rs, n) -> new Employee(rs.getObject(1, UUID.class), rs.getString(2),
                        rs.getObject(3, LocalDate.class), rs.getObject(4, LocalDate.class)))
                .list().stream().collect(Collectors.toMap(Employee::id, e -> e));
    }

    /** Entries of these employees that could overlap entries dated from..to (one day either side for nights). */
    List<Stored> activeEntries(Collection<UUID> employees, LocalDate from, LocalDate to) {
        if (employees.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                select id, employee_id, work_date, start_time, minutes from hours_entry
                where employee_id = any(?) and work_date between ? and ? and voided_at is null""")
                .params(employees.toArray(UUID[]::new), from.minusDays(1), to.plusDays(1))
                .query((rs, n) -> {
                    LocalDateTime start = rs.getObject(3, LocalDate.class).atTime(rs.getObject(4, LocalTime.class));
                    return new Stored(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), start,
                            start.plusMinutes(rs.getInt(5)));
                }).list();
    }

    /** Finalised pay periods that touch from..to. */
    List<LocalDate[]> paidPeriods(LocalDate from, LocalDate to) {
        return jdbc.sql("select period_start, period_end from paid_period where period_start <= ? and period_end >= ?")
                .params(to, from)
                .query((rs, n) -> new LocalDate[] {rs.getObject(1, LocalDate.class), rs.getObject(2, LocalDate.class)})
                .list();
    }

    /**
     * Stores the entries with PostgreSQL's COPY (CSV), on the transaction's own connection, so a bulk submission is
     * one round trip and still all or nothing.
     */
    void insert(List<HoursEntry> entries) {
        StringBuilder csv = new StringBuilder(entries.size() * 160);
        for (HoursEntry e : entries) {
            csv.append(e.id()).append(',').append(e.employeeId()).append(',');
            quoted(csv, e.team()).append(',').append(e.date()).append(',').append(e.start()).append(',')
                    .append(e.minutes()).append(',').append(e.activity().name()).append(',');
            quoted(csv, e.clientId()).append(',');
            quoted(csv, e.careType()).append(',');
            quoted(csv, e.submittedBy()).append(',').append(e.submittedAt()).append('\n');
        }
        Connection c = DataSourceUtils.getConnection(dataSource);
        try {
            c.unwrap(PGConnection.class).getCopyAPI().copyIn("""
                    copy hours_entry (id, employee_id, team_code, work_date, start_time, minutes, activity, client_id,
                                      care_type, submitted_by, submitted_at) from stdin with (format csv)""",
                    new StringReader(csv.toString()));
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("Could not store the hours", e);
        } finally {
            DataSourceUtils.releaseConnection(c, dataSource);
        }
    }

    /** A CSV field: null stays empty (COPY's CSV null); text is quoted with inner quotes doubled. */
    private static StringBuilder quoted(StringBuilder csv, String value) {
        if (value == null) {
            return csv;
        }
        return csv.append('"').append(value.replace("\"", "\"\"")).append('"');
    }
}
