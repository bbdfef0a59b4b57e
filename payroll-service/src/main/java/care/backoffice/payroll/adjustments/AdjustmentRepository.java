package care.backoffice.payroll.adjustments;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class AdjustmentRepository {

    private static final String SELECT = """
            select id, employee_id, period, type, kind, amount, taxable, niable, reason, corrects_period, created_by,
                   created_at, voided_by, voided_at, void_reason
            from pay_adjustment""";

    private final JdbcClient jdbc;

    public AdjustmentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The colleague's employment dates, locked so that leaving and the adjustment cannot cross; empty if unknown. */
    Optional<LocalDate[]> lockEmployee(UUID employee) {
        return jdbc.sql("select start_date, leaving_date from employee where id = ? for update").param(employee)
                .query((rs, n) -> new LocalDate[] {rs.getObject(1, LocalDate.class), rs.getObject(2, LocalDate.class)})
                .optional();
    }

    /** The schedule of the colleague's pay agreement in force on a day, if they have one then. */
    Optional<String> scheduleAt(UUID employee, LocalDate day) {
        return jdbc.sql("""
                select pay_frequency from pay_agreement where employee_id = ? and effective_from <= ?
                order by effective_from desc, created_at desc limit 1""").params(employee, day)
                .query(String.class).optional();
    }

    /**
     * Serialises adjustments and run starts of one pay period (PayrollRunService takes the same lock): an
     * adjustment is either in the run's data before it starts, or refused because the run exists.
     */
    void lockPeriod(String period) {
        jdbc.sql("select pg_advisory_xact_lock(hashtext('payroll-period:' || ?))").param(period).query().singleRow();
    }

    /** The status of the period's run that is not rolled back, if there is one. */
    Optional<String> liveRunStatus(String period) {
        return jdbc.sql("select status from payroll_run where period = ? and status <> 'ROLLED_BACK'").param(period)
                .query(String.class).optional();
    }

    void insert(Adjustment a) {
        jdbc.sql("""
                insert into pay_adjustment (id, employee_id, period, type, kind, amount, taxable, niable, reason,
                    corrects_period, created_by, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(a.id(), a.employeeId(), a.period(), a.type().name(), a.kind(), a.amount(), a.taxable(),
                        a.niable(), a.reason(), a.correctsPeriod(), a.createdBy(), Timestamp.from(a.createdAt()))
                .update();
    }

    Optional<Adjustment> find(UUID id) {
        return jdbc.sql(SELECT + " where id = ?").param(id).query(AdjustmentRepository::row).optional();
    }

    Optional<Adjustment> lock(UUID id) {
        return jdbc.sql(SELECT + " where id = ? for update").param(id).query(AdjustmentRepository::row).optional();
    }

    List<Adjustment> ofEmployee(UUID employee) {
        return jdbc.sql(SELECT + " where employee_id = ? order by period, created_at, id").param(employee)
                .query(AdjustmentRepository::row).list();
    }

    void voided(UUID id, String by, Instant at, String reason) {
        jdbc.sql("update pay_adjustment set voided_by = ?, voided_at = ?, void_reason = ? where id = ?")
                .params(by, Timestamp.from(at), reason, id).update();
    }

    private static Adjustment row(ResultSet rs, int n) throws SQLException {
        Timestamp voided = rs.getTimestamp("voided_at");
        return new Adjustment(rs.getObject("id", UUID.class), rs.getObject("employee_id", UUID.class),
                rs.getString("period"), AdjustmentType.valueOf(rs.getString("type")), rs.getString("kind"),
                rs.getBigDecimal("amount"), rs.getBoolean("taxable"), rs.getBoolean("niable"), rs.getString("reason"),
                rs.getString("corrects_period"), rs.getString("created_by"), rs.getTimestamp("created_at").toInstant(),
                voided == null ? "ACTIVE" : "VOID", rs.getString("voided_by"), voided == null ? null : voided.toInstant(),
                rs.getString("void_reason"));
    }
}
