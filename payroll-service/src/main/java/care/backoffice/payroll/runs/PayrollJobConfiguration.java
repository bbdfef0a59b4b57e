package care.backoffice.payroll.runs;

import care.backoffice.payroll.adjustments.Adjustment;
import care.backoffice.payroll.adjustments.AdjustmentType;
import care.backoffice.payroll.engine.PayslipCalculator;
import care.backoffice.payroll.engine.PensionCalculator;
import care.backoffice.payroll.engine.StatutoryPayCalculator;
import care.backoffice.payroll.engine.StudentLoanCalculator;
import care.backoffice.payroll.engine.TaxYearParameters;
import care.backoffice.payroll.engine.TaxYears;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.scope.context.StepSynchronizationManager;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.batch.infrastructure.item.database.JdbcCursorItemReader;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterUtils;
import org.springframework.transaction.PlatformTransactionManager;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The monthly payroll run as a Spring Batch job: {@code count} (how many are paid, for the progress figure), then
 * {@code pay} in chunks: each employee's gross pay from their agreement (and hours), the engine's deductions, net
 * pay and year to date, written as one payslip row. The reader leaves out employees this run has paid already and
 * the payslip key is (run, employee), so a restart after a crash continues and pays nobody twice.
 */
@Configuration
public class PayrollJobConfiguration {

    public static final String JOB = "payrollRun";

    /** One employee as the pay step reads them: the settings in force and the month's hours. */
    public record ToPay(UUID employeeId, String team, LocalDate startDate, LocalDate leavingDate, String kind,
            BigDecimal annualSalary, BigDecimal hourlyRate, String taxCode, boolean nonCumulative, String niCategory,
            String loanPlans, String pension, long paidMinutes, String previousYearToDate, String adjustments,
            int sspQualifyingDays, boolean sickLately, Enhancements.Rates enhancements, LocalDate birthDate,
            String maternity) {}

    /** Something the back office should look at, which does not stop the run. */
    public record Warning(String code, String message) {}

    /** A payslip as stored. */
    public record PayslipRow(UUID employeeId, String team, Long paidMinutes, PayslipCalculator.Result result,
            SickPay.Detail ssp, List<Warning> warnings) {}

    @Bean
    Job payrollRunJob(JobRepository jobs, Step payrollCountStep, Step payrollPayStep, PayrollRunRepository runs) {
        return new JobBuilder(JOB, jobs)
                .listener(new JobExecutionListener() {
                    @Override
                    public void beforeJob(JobExecution execution) {
                        runs.running(runId(execution), execution.getId());
                    }

                    @Override
                    public void afterJob(JobExecution execution) {
                        boolean ok = execution.getStatus() == BatchStatus.COMPLETED;
                        String failure = execution.getAllFailureExceptions().stream().map(PayrollJobConfiguration::cause)
                                .findFirst().orElse(ok ? null : "stopped: " + execution.getExitStatus().getExitDescription());
                        runs.finished(runId(execution), ok, failure);
                    }
                })
                .start(payrollCountStep).next(payrollPayStep)
                .build();
    }

    /** The innermost message that names the problem (Spring Batch wraps it in step and chunk exceptions). */
    static String cause(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && !(c instanceof IllegalStateException && c.getMessage() != null
                && c.getMessage().startsWith("employee "))) {
            c = c.getCause();
        }
        return c.getMessage() != null ? c.getMessage() : c.toString();
    }

    static UUID runId(JobExecution execution) {
        return UUID.fromString(execution.getJobParameters().getString("runId"));
    }

    @Bean
    Step payrollCountStep(JobRepository jobs, PlatformTransactionManager tm, PayrollRunRepository runs) {
        return new StepBuilder("payrollCount", jobs).tasklet((contribution, context) -> {
            var params = context.getStepContext().getJobParameters();
            UUID runId = UUID.fromString((String) params.get("runId"));
            PayrollRunRepository.Row run = runs.find(runId).orElseThrow();
            runs.employeesTotal(runId, runs.countToPay(run));
            return RepeatStatus.FINISHED;
        }, tm).build();
    }

    @Bean
    Step payrollPayStep(JobRepository jobs, PlatformTransactionManager tm, JdbcCursorItemReader<ToPay> employeesToPay,
            ItemProcessor<ToPay, PayslipRow> payslipProcessor, JdbcTemplate jdbc, JsonMapper json,
            @Value("${payroll.runs.chunk-size:500}") int chunkSize) {
        return new StepBuilder("payrollPay", jobs).<ToPay, PayslipRow>chunk(chunkSize)
                .reader(employeesToPay)
                .processor(payslipProcessor)
                .writer(payslipWriter(jdbc, json))
                .transactionManager(tm)
                .build();
    }

    @Bean
    @StepScope
    JdbcCursorItemReader<ToPay> employeesToPay(DataSource dataSource, PayrollRunRepository runs,
            @Value("#{jobParameters['runId']}") String runId) {
        PayrollRunRepository.Row run = runs.find(UUID.fromString(runId)).orElseThrow();
        MapSqlParameterSource params = new MapSqlParameterSource().addValue("runId", run.id())
                .addValue("periodStart", run.periodStart()).addValue("periodEnd", run.periodEnd())
                .addValue("payDate", run.payDate()).addValue("taxYear", run.taxYear())
                .addValue("period", run.period()).addValue("frequency", run.payFrequency());
        var parsed = NamedParameterUtils.parseSqlStatement("""
                select e.id, e.team_code, e.start_date, e.leaving_date, a.kind, a.annual_salary, a.hourly_rate,
                       t.tax_code, t.non_cumulative, t.ni_category, t.student_loan_plans, e.pension_choice,
                       (select coalesce(sum(h.minutes), 0) from hours_entry h
                        where h.employee_id = e.id and h.work_date between :periodStart and :periodEnd
                          and h.voided_at is null and h.activity <> 'LEAVE_SICK') as paid_minutes,
                       -- The year to date after the colleague's latest finalised payslip of this tax year paid
                       -- before this run, by pay date (weekly runs share tax months, and a colleague may change
                       -- schedule within the year).
                       (select s.year_to_date::text from payslip s join payroll_run r on r.id = s.run_id
                        where s.employee_id = e.id and r.status = 'FINALISED' and r.tax_year = :taxYear
                          and r.pay_date < :payDate
                        order by r.pay_date desc, r.finalised_at desc limit 1) as previous_ytd,
                       (select json_agg(json_build_object('type', j.type, 'kind', j.kind, 'amount', j.amount::text,
                                 'taxable', j.taxable, 'niable', j.niable, 'reason', j.reason,
                                 'correctsPeriod', j.corrects_period) order by j.created_at, j.id)::text
                        from pay_adjustment j
                        where j.employee_id = e.id and j.period = :period and j.voided_at is null) as adjustments,
                       a.ssp_qualifying_days,
                       a.night_enhancement_percent, a.weekend_enhancement_percent, a.bank_holiday_enhancement_percent,
                       a.night_start, a.night_end,
                       -- Sick leave in the period, or shortly before it (days of a PIW established only now may be
                       -- owed from the previous period).
                       exists (select 1 from hours_entry h where h.employee_id = e.id and h.activity = 'LEAVE_SICK'
                               and h.voided_at is null
                               and h.work_date between cast(:periodStart as date) - 40 and :periodEnd) as sick_lately,
                       e.date_of_birth,
                       -- Maternity leave touching the period: its SMP weeks or its unpaid days.
                       (select json_build_object('expectedWeek', m.expected_week, 'start', m.pay_period_start,
                                 'lastDay', m.last_day, 'averageWeeklyEarnings', m.average_weekly_earnings::text)::text
                        from maternity_leave m where m.employee_id = e.id and m.pay_period_start <= :periodEnd
                          and greatest(m.last_day, m.pay_period_start + 272) >= :periodStart
                        order by m.pay_period_start desc limit 1) as maternity
                """ + PayrollRunRepository.TO_PAY.replace("from employee e", """
                from employee e
                join lateral (select * from pay_agreement a where a.employee_id = e.id and a.effective_from <= :periodEnd
                              order by a.effective_from desc, a.created_at desc limit 1) a on true
                join lateral (select * from tax_setting t where t.employee_id = e.id
                              order by (t.effective_from <= :payDate) desc, t.effective_from desc, t.id desc
                              limit 1) t on true""") + " order by e.id");
        String sql = NamedParameterUtils.substituteNamedParameters(parsed, params);
        Object[] values = NamedParameterUtils.buildValueArray(parsed, params, null);
        JdbcCursorItemReader<ToPay> reader = new JdbcCursorItemReader<>(dataSource, sql, (rs, n) -> new ToPay(
                rs.getObject(1, UUID.class), rs.getString(2), rs.getObject(3, LocalDate.class),
                rs.getObject(4, LocalDate.class), rs.getString(5), rs.getBigDecimal(6), rs.getBigDecimal(7),
                rs.getString(8), rs.getBoolean(9), rs.getString(10), rs.getString(11), rs.getString(12), rs.getLong(13),
                rs.getString(14), rs.getString(15), rs.getInt(16), rs.getBoolean(22),
                new Enhancements.Rates(rs.getBigDecimal(17), rs.getBigDecimal(18), rs.getBigDecimal(19),
                        rs.getObject(20, java.time.LocalTime.class), rs.getObject(21, java.time.LocalTime.class)),
                rs.getObject(23, LocalDate.class), rs.getString(24)));
        reader.setPreparedStatementSetter(new org.springframework.jdbc.core.ArgumentPreparedStatementSetter(values));
        reader.setFetchSize(1000);
        reader.setConnectionAutoCommit(false);
        // The query leaves out who this run has paid already, so a restart starts from the top again.
        reader.setSaveState(false);
        reader.setName("employeesToPay");
        return reader;
    }

    /** The organisation's workplace pension scheme, for colleagues who are enrolled. */
    @Bean
    PensionCalculator.Scheme pensionScheme(
            @Value("${payroll.pension.arrangement:RELIEF_AT_SOURCE}") PensionCalculator.Arrangement arrangement,
            @Value("${payroll.pension.basis:QUALIFYING_EARNINGS}") PensionCalculator.Basis basis,
            @Value("${payroll.pension.employee-rate:0.05}") BigDecimal employeeRate,
            @Value("${payroll.pension.employer-rate:0.03}") BigDecimal employerRate) {
        // Auto-enrolment minimums: 8% of qualifying earnings in total, at least 3% from the employer. Penny rounding
        // is the scheme's choice (reference §4); half up unless the scheme says otherwise.
        return new PensionCalculator.Scheme(arrangement, basis, employeeRate, employerRate, java.math.RoundingMode.HALF_UP);
    }

    @Bean
    @StepScope
    ItemProcessor<ToPay, PayslipRow> payslipProcessor(PayrollRunRepository runs, JsonMapper json,
            PensionCalculator.Scheme scheme, SickPay sickPay, SickPay.Earnings earnings,
            @Value("#{jobParameters['runId']}") String runId) {
        PayrollRunRepository.Row run = runs.find(UUID.fromString(runId)).orElseThrow();
        TaxYearParameters year = TaxYears.require(run.taxYear(), "payDate");
        return e -> {
            BigDecimal gross;
            Long minutes = null;
            List<Warning> warnings = new ArrayList<>(minimumWage(e, run.periodStart()));
            JsonNode maternity = e.maternity() == null ? null : json.readTree(e.maternity());
            StatutoryPayCalculator.SmpInput smp = null;
            if (maternity != null) {
                smp = maternityPay(e, maternity, run, earnings, warnings);
            }
            if ("SALARIED".equals(e.kind())) {
                gross = maternity == null
                        ? GrossPay.salaried(e.annualSalary(), run.frequency(), run.periodStart(), run.periodEnd(),
                                e.startDate(), e.leavingDate())
                        // No salary for the days of maternity leave: SMP is paid for them instead.
                        : GrossPay.salaried(e.annualSalary(), run.frequency(), run.periodStart(), run.periodEnd(),
                                e.startDate(), e.leavingDate(), LocalDate.parse(maternity.get("start").asString()),
                                LocalDate.parse(maternity.get("lastDay").asString()));
            } else {
                minutes = e.paidMinutes();
                gross = GrossPay.hourly(e.hourlyRate(), e.paidMinutes());
            }
            List<PayslipCalculator.Adjustment> adjustments = new ArrayList<>(adjustments(json, e.adjustments()));
            if ("HOURLY".equals(e.kind()) && e.enhancements().any()) {
                List<Enhancements.Shift> shifts = runs.workedShifts(e.employeeId(), run.periodStart(), run.periodEnd());
                try {
                    adjustments.addAll(0, Enhancements.premiums(Enhancements.minutes(shifts, e.enhancements(),
                            BankHolidays.englandAndWales()::isBankHoliday), e.enhancements(), e.hourlyRate()));
                } catch (IllegalStateException x) {
                    throw new IllegalStateException("employee " + e.employeeId() + ": " + x.getMessage(), x);
                }
            }
            StatutoryPayCalculator.SspInput ssp = null;
            SickPay.Detail sspDetail = null;
            if (e.sickLately()) {
                boolean salaried = "SALARIED".equals(e.kind());
                var claim = sickPay.claim(e.employeeId(), run.id(), run.periodEnd(), run.frequency(),
                        e.sspQualifyingDays(), salaried ? e.annualSalary() : null);
                if (claim.isPresent()) {
                    StatutoryPayCalculator.SspResult r;
                    try {
                        r = StatutoryPayCalculator.ssp(year, claim.get().input());
                    } catch (care.backoffice.payroll.engine.EngineInputException x) {
                        throw new IllegalStateException("employee " + e.employeeId() + ": " + x.problems(), x);
                    }
                    var in = claim.get().input();
                    sspDetail = new SickPay.Detail(claim.get().linkedStart(), in.qualifyingDaysSickInPeriod(),
                            r.waitingDaysServed(), r.daysPaid(), in.averageWeeklyEarnings(), r.weeklyRate(),
                            r.notPayableReason());
                    if (r.amount().signum() > 0) {
                        ssp = in;
                        if (salaried) {
                            // A salaried colleague keeps their salary while sick (the organisation's sick pay); SSP
                            // is part of it, not on top: the pay line is the salary less the SSP.
                            gross = gross.subtract(r.amount()).max(BigDecimal.ZERO.setScale(2));
                        }
                    }
                }
            }
            Set<StudentLoanCalculator.Plan> plans = EnumSet.noneOf(StudentLoanCalculator.Plan.class);
            for (String p : e.loanPlans().split(",")) {
                if (!p.isBlank()) {
                    plans.add(StudentLoanCalculator.Plan.valueOf(p));
                }
            }
            PayslipCalculator.YearToDate ytd = e.previousYearToDate() == null ? PayslipCalculator.YearToDate.ZERO
                    : json.readValue(e.previousYearToDate(), PayslipCalculator.YearToDate.class);
            PayslipCalculator.Result result;
            try {
                result = PayslipCalculator.calculate(year, new PayslipCalculator.Input(run.frequency(),
                        run.taxPeriod(), e.taxCode(), e.nonCumulative(), e.niCategory(), gross, ssp, smp, plans,
                        "ENROLLED".equals(e.pension()) ? scheme : null, null, ytd, adjustments));
            } catch (care.backoffice.payroll.engine.EngineInputException x) {
                // Bad data for one colleague stops the run, naming them, so the back office can fix it and restart.
                throw new IllegalStateException("employee " + e.employeeId() + ": " + x.problems(), x);
            }
            return new PayslipRow(e.employeeId(), e.team(), minutes, result, sspDetail, warnings);
        };
    }

    /**
     * An hourly rate below the minimum wage for the colleague's age is a warning on the run, not a stop: the back
     * office corrects the agreement (and pays arrears as an adjustment). Salaried pay is not checked here: that needs
     * the hours actually worked in the pay reference period.
     */
    static List<Warning> minimumWage(ToPay e, LocalDate periodStart) {
        if (!"HOURLY".equals(e.kind()) || e.birthDate() == null) {
            return List.of();
        }
        var band = care.backoffice.payroll.engine.MinimumWage.forPeriod(e.birthDate(), periodStart);
        if (band.isEmpty()) {
            return List.of(new Warning("MINIMUM_WAGE_NOT_CHECKED", "no minimum wage rates are known for " + periodStart
                    + ": add them to payroll/minimum-wage.json"));
        }
        if (e.hourlyRate().compareTo(band.get().hourly()) >= 0) {
            return List.of();
        }
        int age = java.time.Period.between(e.birthDate(), periodStart).getYears();
        return List.of(new Warning("BELOW_MINIMUM_WAGE", "hourly rate \u00a3" + e.hourlyRate().toPlainString()
                + " is below the " + band.get().name() + " of \u00a3" + band.get().hourly().toPlainString()
                + " for age " + age + " at " + periodStart + " (enhancements do not count towards it)"));
    }

    /**
     * SMP for the weeks of her maternity pay period that end in this pay period (engine MaternityPay). Not payable
     * (a warning, not a stop) when she was not employed 26 weeks into the qualifying week, when no earnings before it
     * are known, or (the engine) when they are below the LEL.
     */
    static StatutoryPayCalculator.SmpInput maternityPay(ToPay e, JsonNode leave, PayrollRunRepository.Row run,
            SickPay.Earnings earnings, List<Warning> warnings) {
        LocalDate ewc = LocalDate.parse(leave.get("expectedWeek").asString());
        LocalDate start = LocalDate.parse(leave.get("start").asString());
        var weeks = care.backoffice.payroll.engine.MaternityPay.weeksEndingIn(start, run.periodStart(), run.periodEnd());
        if (weeks.isEmpty()) {
            return null;
        }
        if (!care.backoffice.payroll.engine.MaternityPay.longEnoughEmployed(e.startDate(), ewc)) {
            warnings.add(new Warning("SMP_NOT_PAYABLE", "not employed for 26 weeks into the qualifying week ending "
                    + care.backoffice.payroll.engine.MaternityPay.qualifyingWeekEnd(ewc) + ": no SMP"));
            return null;
        }
        JsonNode given = leave.get("averageWeeklyEarnings");
        BigDecimal awe = given != null && !given.isNull() ? new BigDecimal(given.asString())
                : earnings.averageWeekly(e.employeeId(), run.id(), run.frequency(),
                        care.backoffice.payroll.engine.MaternityPay.qualifyingWeekEnd(ewc));
        if (awe == null) {
            warnings.add(new Warning("SMP_NOT_PAYABLE", "no payday up to the qualifying week ending "
                    + care.backoffice.payroll.engine.MaternityPay.qualifyingWeekEnd(ewc)
                    + " in this payroll: record her average weekly earnings with the leave"));
            return null;
        }
        TaxYearParameters year = TaxYears.require(run.taxYear(), "payDate");
        var result = StatutoryPayCalculator.smp(year, new StatutoryPayCalculator.SmpInput(awe, weeks.get().first(),
                weeks.get().count()));
        if (result.notPayableReason() != null) {
            warnings.add(new Warning("SMP_NOT_PAYABLE", result.notPayableReason()));
            return null;
        }
        return new StatutoryPayCalculator.SmpInput(awe, weeks.get().first(), weeks.get().count());
    }

    /** The period's adjustments as the engine takes them, each described for the payslip. */
    static List<PayslipCalculator.Adjustment> adjustments(JsonMapper json, String text) {
        if (text == null) {
            return List.of();
        }
        List<PayslipCalculator.Adjustment> out = new ArrayList<>();
        for (JsonNode a : json.readTree(text)) {
            AdjustmentType type = AdjustmentType.valueOf(a.get("type").asString());
            JsonNode corrects = a.get("correctsPeriod");
            out.add(new PayslipCalculator.Adjustment(PayslipCalculator.AdjustmentKind.valueOf(a.get("kind").asString()),
                    type.name(), Adjustment.payslipText(type, a.get("reason").asString(),
                            corrects == null || corrects.isNull() ? null : corrects.asString()),
                    new BigDecimal(a.get("amount").asString()), a.get("taxable").asBoolean(), a.get("niable").asBoolean()));
        }
        return out;
    }

    static ItemWriter<PayslipRow> payslipWriter(JdbcTemplate jdbc, JsonMapper json) {
        return chunk -> {
            UUID runId = UUID.fromString(StepSynchronizationManager.getContext().getStepExecution().getJobParameters()
                    .getString("runId"));
            jdbc.batchUpdate("""
                    insert into payslip (run_id, employee_id, team_code, tax_code, non_cumulative, ni_category,
                        paid_minutes, gross_pay, taxable_pay, tax, employee_ni, employer_ni, student_loan,
                        postgraduate_loan, pension_employee, pension_employer, net_pay, lines, year_to_date, niable_pay,
                        student_loan_plan, not_taxed_payments, deductions_from_net_pay, ssp_detail)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?, ?, ?::jsonb)
                    on conflict do nothing""",
                    chunk.getItems().stream().map(p -> {
                        PayslipCalculator.Result r = p.result();
                        BigDecimal pensionEmployee = r.pension() == null ? BigDecimal.ZERO.setScale(2)
                                : r.pension().employeeFromPay();
                        BigDecimal pensionEmployer = r.pension() == null ? BigDecimal.ZERO.setScale(2)
                                : r.pension().employer();
                        return new Object[] {runId, p.employeeId(), p.team(), r.taxCode(), r.nonCumulativeBasis(),
                                r.niCategory(), p.paidMinutes(), r.grossPay(), r.taxablePay(), r.tax(), r.employeeNi(),
                                r.employerNi(), r.studentLoans() == null ? BigDecimal.ZERO : r.studentLoans().planDeduction(),
                                r.studentLoans() == null ? BigDecimal.ZERO : r.studentLoans().postgraduate(),
                                pensionEmployee, pensionEmployer, r.netPay(), json.writeValueAsString(r.lines()),
                                json.writeValueAsString(r.yearToDate()), r.niablePay(),
                                r.studentLoans() == null || r.studentLoans().plan() == null ? null
                                        : r.studentLoans().plan().name(), r.notTaxedPayments(),
                                r.deductionsFromNetPay(), p.ssp() == null ? null : json.writeValueAsString(p.ssp())};
                    }).toList());
            List<Object[]> warnings = new ArrayList<>();
            for (PayslipRow p : chunk.getItems()) {
                for (Warning w : p.warnings()) {
                    warnings.add(new Object[] {runId, p.employeeId(), w.code(), w.message()});
                }
            }
            if (!warnings.isEmpty()) {
                jdbc.batchUpdate("""
                        insert into payroll_run_warning (run_id, employee_id, code, message) values (?, ?, ?, ?)
                        on conflict do nothing""", warnings);
            }
        };
    }
}
