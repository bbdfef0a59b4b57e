package care.backoffice.payroll.runs;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class PayrollRunRepository {

    public record Row(UUID id, String period, LocalDate periodStart, LocalDate periodEnd, LocalDate payDate,
            String taxYear, int taxMonth, String status, Integer employeesTotal, Long jobExecutionId, String failure,
            String requestedBy, OffsetDateTime requestedAt, OffsetDateTime finishedAt, String finalisedBy,
            OffsetDateTime finalisedAt, String payFrequency, Integer taxWeek, int taxPeriod) {

        public care.backoffice.payroll.engine.PayFrequency frequency() {
            return care.backoffice.payroll.engine.PayFrequency.valueOf(payFrequency);
        }
    }

    /** {@code notTaxedPayments}: expenses added to net pay; {@code deductionsFromNetPay}: adjustments after tax. */
    public record Totals(int payslips, BigDecimal grossPay, BigDecimal tax, BigDecimal employeeNi,
            BigDecimal employerNi, BigDecimal studentLoans, BigDecimal pensionEmployee, BigDecimal pensionEmployer,
            BigDecimal netPay, BigDecimal notTaxedPayments, BigDecimal deductionsFromNetPay) {}

    /**
     * Who is paid in a period: employed on at least one day of it (started by its end, not left before its start),
     * on the run's schedule by the pay agreement in force at the period's end, and no payslip in this run yet (so a
     * restart continues where it stopped).
     */
    static final String EMPLOYED = """
            from employee e
            where e.start_date <= :periodEnd and (e.leaving_date is null or e.leaving_date >= :periodStart)
              and (select a.pay_frequency from pay_agreement a where a.employee_id = e.id and a.effective_from <= :periodEnd
                   order by a.effective_from desc, a.created_at desc limit 1) = :frequency""";
    static final String TO_PAY = EMPLOYED + """

              and not exists (select 1 from payslip s where s.run_id = :runId and s.employee_id = e.id)""";

    private final JdbcClient jdbc;

    public PayrollRunRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(UUID id, PayPeriod p, String by) {
        jdbc.sql("""
                insert into payroll_run (id, period, period_start, period_end, pay_date, tax_year, tax_month, status,
                    requested_by, pay_frequency, tax_week, tax_period) values (?, ?, ?, ?, ?, ?, ?, 'STARTING', ?, ?, ?, ?)""")
                .params(id, p.name(), p.start(), p.end(), p.payDate(), p.taxYear(), p.taxMonth(), by,
                        p.frequency().name(), p.taxWeek(), p.taxPeriod())
                .update();
    }

    /** Serialises run starts with new adjustments of the period (AdjustmentRepository#lockPeriod takes the same). */
    void lockPeriod(String period) {
        jdbc.sql("select pg_advisory_xact_lock(hashtext('payroll-period:' || ?))").param(period).query().singleRow();
    }

    public Optional<Row> find(UUID id) {
        return jdbc.sql("select * from payroll_run where id = ?").param(id).query(Row.class).optional();
    }

    List<Row> inProgress() {
        return jdbc.sql("select * from payroll_run where status in ('STARTING', 'RUNNING')").query(Row.class).list();
    }

    void running(UUID id, long jobExecutionId) {
        jdbc.sql("update payroll_run set status = 'RUNNING', job_execution_id = ?, failure = null where id = ?")
                .params(jobExecutionId, id).update();
    }

    void finished(UUID id, boolean ok, String failure) {
        jdbc.sql("update payroll_run set status = ?, failure = ?, finished_at = now() where id = ? and status in ('STARTING','RUNNING')")
                .params(ok ? "COMPLETED" : "FAILED", failure, id).update();
    }

    boolean markRestarting(UUID id) {
        return jdbc.sql("update payroll_run set status = 'STARTING', failure = null where id = ? and status = 'FAILED'")
                .param(id).update() == 1;
    }

    int countToPay(Row run) {
        return jdbc.sql("select count(*) " + EMPLOYED).param("periodStart", run.periodStart())
                .param("periodEnd", run.periodEnd()).param("frequency", run.payFrequency()).query(Integer.class).single();
    }

    void employeesTotal(UUID id, int total) {
        jdbc.sql("update payroll_run set employees_total = ? where id = ?").params(total, id).update();
    }

    int payslipsDone(UUID runId) {
        return jdbc.sql("select count(*) from payslip where run_id = ?").param(runId).query(Integer.class).single();
    }

    Totals totals(UUID runId) {
        return jdbc.sql("""
                select count(*), coalesce(sum(gross_pay), 0), coalesce(sum(tax), 0), coalesce(sum(employee_ni), 0),
                       coalesce(sum(employer_ni), 0), coalesce(sum(student_loan + postgraduate_loan), 0),
                       coalesce(sum(pension_employee), 0), coalesce(sum(pension_employer), 0), coalesce(sum(net_pay), 0),
                       coalesce(sum(not_taxed_payments), 0), coalesce(sum(deductions_from_net_pay), 0)
                from payslip where run_id = ?""").param(runId)
                .query((rs, n) -> new Totals(rs.getInt(1), m(rs.getBigDecimal(2)), m(rs.getBigDecimal(3)),
                        m(rs.getBigDecimal(4)), m(rs.getBigDecimal(5)), m(rs.getBigDecimal(6)), m(rs.getBigDecimal(7)),
                        m(rs.getBigDecimal(8)), m(rs.getBigDecimal(9)), m(rs.getBigDecimal(10)), m(rs.getBigDecimal(11))))
                .single();
    }

    /** Rolls back a run that is not finalised: its payslips go, the period may be run again. */
    boolean rollBack(UUID id) {
        int changed = jdbc.sql("""
                update payroll_run set status = 'ROLLED_BACK', finished_at = coalesce(finished_at, now())
                where id = ? and status in ('COMPLETED', 'FAILED')""").param(id).update();
        if (changed == 1) {
            jdbc.sql("delete from payroll_run_warning where run_id = ?").param(id).update();
            jdbc.sql("delete from payslip where run_id = ?").param(id).update();
        }
        return changed == 1;
    }

    boolean finalise(UUID id, String by) {
        int changed = jdbc.sql("""
                update payroll_run set status = 'FINALISED', finalised_by = ?, finalised_at = ?
                where id = ? and status = 'COMPLETED'""").params(by, Timestamp.from(java.time.Instant.now()), id).update();
        if (changed == 1) {
            jdbc.sql("""
                    insert into paid_period (id, period_start, period_end, pay_frequency)
                    select gen_random_uuid(), period_start, period_end, pay_frequency from payroll_run where id = ?""")
                    .param(id).update();
        }
        return changed == 1;
    }

    /** One warning of a run, with whom it is about. */
    public record Warning(UUID employeeId, String name, String code, String message) {}

    /** The run's warnings, by colleague. */
    List<Warning> warnings(UUID runId) {
        return jdbc.sql("""
                select w.employee_id, e.given_name || ' ' || e.family_name, w.code, w.message
                from payroll_run_warning w join employee e on e.id = w.employee_id
                where w.run_id = ? order by e.family_name, e.given_name, w.employee_id, w.code""").param(runId)
                .query((rs, n) -> new Warning(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        rs.getString(4)))
                .list();
    }

    /** The worked (not leave) entries of an employee dated in the period, for enhancements. */
    List<Enhancements.Shift> workedShifts(UUID employee, LocalDate from, LocalDate to) {
        return jdbc.sql("""
                select work_date, start_time, minutes from hours_entry
                where employee_id = ? and work_date between ? and ? and voided_at is null and activity not like 'LEAVE%'""")
                .params(employee, from, to)
                .query((rs, n) -> new Enhancements.Shift(rs.getObject(1, LocalDate.class),
                        rs.getObject(2, java.time.LocalTime.class), rs.getInt(3)))
                .list();
    }

    /** Each team's totals in the run, for the journal. */
    java.util.List<care.backoffice.payroll.journal.PayrollJournal.TeamTotals> teamTotals(UUID runId) {
        return jdbc.sql("""
                select team_code, sum(gross_pay), sum(tax), sum(employee_ni), sum(employer_ni), sum(pension_employee),
                       sum(pension_employer), sum(student_loan + postgraduate_loan), sum(net_pay), sum(not_taxed_payments),
                       sum(deductions_from_net_pay)
                from payslip where run_id = ? group by team_code order by team_code""").param(runId)
                .query((rs, n) -> new care.backoffice.payroll.journal.PayrollJournal.TeamTotals(rs.getString(1),
                        rs.getBigDecimal(2), rs.getBigDecimal(3), rs.getBigDecimal(4), rs.getBigDecimal(5),
                        rs.getBigDecimal(6), rs.getBigDecimal(7), rs.getBigDecimal(8), rs.getBigDecimal(9),
                        rs.getBigDecimal(10), rs.getBigDecimal(11)))
                .list();
    }

    private static BigDecimal m(BigDecimal b) {
        return b.setScale(2);
    }
}
