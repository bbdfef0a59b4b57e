package care.backoffice.payroll.hours;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class HoursRepository {

    /** What the intake needs to know of an employee. */
    record Employee(UUID id, String team, LocalDate startDate, LocalDate leavingDate) {}

    /** A stored, not voided entry, for the overlap check. */
    record Stored(UUID id, UUID employeeId, LocalDateTime from, LocalDateTime until) {}

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    HoursRepository(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
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

    void insert(List<HoursEntry> entries) {
        template.batchUpdate("""
                insert into hours_entry (id, employee_id, team_code, work_date, start_time, minutes, activity, client_id,
                                         care_type, submitted_by, submitted_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", new BatchPreparedStatementSetter() {
            @Override
            public void setValues(PreparedStatement ps, int i) throws SQLException {
                HoursEntry e = entries.get(i);
                ps.setObject(1, e.id());
                ps.setObject(2, e.employeeId());
                ps.setString(3, e.team());
                ps.setObject(4, e.date());
                ps.setObject(5, e.start());
                ps.setInt(6, e.minutes());
                ps.setString(7, e.activity().name());
                ps.setString(8, e.clientId());
                ps.setString(9, e.careType());
                ps.setString(10, e.submittedBy());
                ps.setTimestamp(11, Timestamp.from(e.submittedAt()));
            }

            @Override
            public int getBatchSize() {
                return entries.size();
            }
        });
    }
}
