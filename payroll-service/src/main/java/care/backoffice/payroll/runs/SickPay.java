package care.backoffice.payroll.runs;

import care.backoffice.payroll.engine.AverageWeeklyEarnings;
import care.backoffice.payroll.engine.PayFrequency;
import care.backoffice.payroll.engine.PeriodsOfIncapacity;
import care.backoffice.payroll.engine.StatutoryPayCalculator;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The SSP a colleague's payslip carries, from their sick-leave entries: the engine's {@link PeriodsOfIncapacity}
 * finds the linked PIW, the payslips of earlier runs say how much of it is accounted for already, and
 * {@link AverageWeeklyEarnings} comes from the paydays before it. {@link StatutoryPayCalculator} does the rest.
 *
 * <p>Earlier payslips count when their run is not rolled back (completed or finalised): a period whose days were
 * counted by a run that is later rolled back is counted again by its new run.
 */
@Component
public class SickPay {

    /** A linked PIW lasts at most 3 years (SSP regulations); entries further back cannot link. */
    private static final int LOOK_BACK_YEARS = 3;
    /** Days after the period that may still establish a PIW begun in it: a spell of 4 days, with days off inside. */
    private static final int LOOK_AHEAD_DAYS = 14;
    private static final BigDecimal WEEKS_IN_YEAR = BigDecimal.valueOf(52);

    /** The engine's input and what the payslip records of it. */
    public record Claim(StatutoryPayCalculator.SspInput input, LocalDate linkedStart) {}

    /** Stored with the payslip (payslip.ssp_detail). */
    public record Detail(LocalDate linkedStart, int counted, int waiting, int paid, BigDecimal averageWeeklyEarnings,
            BigDecimal weeklyRate, String notPayableReason) {}

    private final JdbcClient jdbc;

    public SickPay(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Average weekly earnings from the paydays up to a day, for SMP (and the same query SSP uses). */
    @Component
    public static class Earnings {
        private final JdbcClient jdbc;

        public Earnings(JdbcClient jdbc) {
            this.jdbc = jdbc;
        }

        /** AWE from the paydays on or before {@code upTo} of runs not rolled back; null when there is none. */
        public BigDecimal averageWeekly(UUID employee, UUID runId, PayFrequency frequency, LocalDate upTo) {
            List<BigDecimal> earnings = jdbc.sql("""
                    select coalesce(s.niable_pay, s.gross_pay) from payslip s join payroll_run r on r.id = s.run_id
                    where s.employee_id = ? and r.id <> ? and r.status in ('COMPLETED', 'FINALISED') and r.pay_date <= ?
                    order by r.pay_date desc limit ?""")
                    .params(employee, runId, upTo, AverageWeeklyEarnings.paydaysInRelevantPeriod(frequency))
                    .query(BigDecimal.class).list();
            return AverageWeeklyEarnings.of(frequency, earnings);
        }
    }

    /**
     * @param annualSalary the salary of a salaried colleague (their contractual AWE when no payday precedes the
     *                     absence); null for hourly pay
     */
    public Optional<Claim> claim(UUID employee, UUID runId, LocalDate periodEnd, PayFrequency frequency,
            int qualifyingDaysPerWeek, BigDecimal annualSalary) {
        Set<LocalDate> sick = new HashSet<>();
        Set<LocalDate> other = new HashSet<>();
        jdbc.sql("""
                select work_date, bool_or(activity = 'LEAVE_SICK'), bool_or(activity <> 'LEAVE_SICK')
                from hours_entry where employee_id = ? and voided_at is null and work_date between ? and ?
                group by work_date""")
                .params(employee, periodEnd.minusYears(LOOK_BACK_YEARS), periodEnd.plusDays(LOOK_AHEAD_DAYS))
                .query(rs -> {
                    LocalDate d = rs.getObject(1, LocalDate.class);
                    if (rs.getBoolean(2)) {
                        sick.add(d);
                    }
                    if (rs.getBoolean(3)) {
                        other.add(d);
                    }
                });
        Optional<PeriodsOfIncapacity.Claim> piw = PeriodsOfIncapacity.claim(sick, other, periodEnd);
        if (piw.isEmpty()) {
            return Optional.empty();
        }
        LocalDate linkedStart = piw.get().linkedStart();
        int[] before = jdbc.sql("""
                select coalesce(sum((s.ssp_detail->>'counted')::int), 0), coalesce(sum((s.ssp_detail->>'waiting')::int), 0),
                       coalesce(sum((s.ssp_detail->>'paid')::int), 0)
                from payslip s join payroll_run r on r.id = s.run_id
                where s.employee_id = ? and r.id <> ? and r.status <> 'ROLLED_BACK'
                  and s.ssp_detail->>'linkedStart' = ?""")
                .params(employee, runId, linkedStart.toString())
                .query((rs, n) -> new int[] {rs.getInt(1), rs.getInt(2), rs.getInt(3)}).single();
        int inPeriod = piw.get().qualifyingDaysToDate() - before[0];
        if (inPeriod <= 0) {
            return Optional.empty();
        }
        List<BigDecimal> earnings = jdbc.sql("""
                select coalesce(s.niable_pay, s.gross_pay) from payslip s join payroll_run r on r.id = s.run_id
                where s.employee_id = ? and r.id <> ? and r.status in ('COMPLETED', 'FINALISED') and r.pay_date < ?
                order by r.pay_date desc limit ?""")
                .params(employee, runId, linkedStart, AverageWeeklyEarnings.paydaysInRelevantPeriod(frequency))
                .query(BigDecimal.class).list();
        BigDecimal awe = AverageWeeklyEarnings.of(frequency, earnings);
        if (awe == null) {
            // No payday before the absence (a new starter): HMRC uses what the contract entitles them to in a week.
            // An hourly agreement entitles to no set hours, so there is nothing to average: AWE 0 (see README).
            awe = annualSalary == null ? BigDecimal.ZERO.setScale(2)
                    : annualSalary.divide(WEEKS_IN_YEAR, 2, RoundingMode.HALF_UP);
        }
        return Optional.of(new Claim(new StatutoryPayCalculator.SspInput(linkedStart, qualifyingDaysPerWeek, inPeriod,
                before[1], before[2], awe), linkedStart));
    }
}
