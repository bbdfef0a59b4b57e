package care.backoffice.billing.runs;

import care.backoffice.billing.funders.FunderType;
import care.backoffice.billing.invoices.InvoiceIssuer;
import care.backoffice.billing.invoices.RunItem;
import care.backoffice.billing.pricing.BillingUnit;
import care.backoffice.billing.pricing.ChargedTime;
import care.backoffice.billing.pricing.Pricing;
import care.backoffice.billing.pricing.Rounding;
import care.backoffice.support.outbox.Outbox;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
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
import org.springframework.jdbc.core.namedparam.ParsedSql;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The billing run as a Spring Batch job, identified by the run id (so a restart continues the same run):
 * <ol>
 * <li>count — how many care records there are to price (the progress total);</li>
 * <li>price — chunks of care records priced by the plain-Java rules into run_item (a restart adds only the
 * missing ones);</li>
 * <li>authorisedHours — flags care beyond the clients' authorised weekly hours and, where the contract says so,
 * leaves those minutes uncharged;</li>
 * <li>issue — one transaction per document; a restart skips documents already issued; never for a dry run;</li>
 * <li>journal — one journal per run into the outbox for finance-service, keyed by the run (sent once).</li>
 * </ol>
 * A care record is charged exactly once however often a step runs, because issuing claims the record with a
 * conditional update in the same transaction as the document.
 */
@Configuration
public class BillingJobConfiguration {

    public static final String JOB = "billingRun";
    static final ZoneId LONDON = ZoneId.of("Europe/London");

    /** A care record as the pricing step reads it, with its contract's terms. */
    public record ToPrice(String kind, UUID hoursEntryId, int version, String team, String clientId, String careType,
            LocalDate careDate, int minutes, Integer plannedMinutes, UUID funderId, UUID contractId,
            String funderReference, java.math.BigDecimal hourlyRate, String billingUnit, String rounding,
            String chargedTime, String funderType, UUID originalInvoiceId, Integer originalBillableMinutes) {}

    @Bean
    Job billingRunJob(JobRepository jobs, Step countStep, Step priceStep, Step authorisedHoursStep, Step issueStep,
            Step journalStep, BillingRunRepository runs) {
        return new JobBuilder(JOB, jobs)
                .listener(new JobExecutionListener() {
                    @Override
                    public void beforeJob(JobExecution execution) {
                        runs.running(runId(execution), execution.getId());
                    }

                    @Override
                    public void afterJob(JobExecution execution) {
                        boolean ok = execution.getStatus() == org.springframework.batch.core.BatchStatus.COMPLETED;
                        String failure = execution.getAllFailureExceptions().stream().map(Throwable::toString)
                                .findFirst().orElse(ok ? null : "stopped: " + execution.getExitStatus().getExitDescription());
                        runs.finished(runId(execution), ok, failure);
                    }
                })
                .start(countStep).next(priceStep).next(authorisedHoursStep).next(issueStep).next(journalStep)
                .build();
    }

    static UUID runId(JobExecution execution) {
        return UUID.fromString(execution.getJobParameters().getString("runId"));
    }

    @Bean
    Step countStep(JobRepository jobs, PlatformTransactionManager tm, BillingRunRepository runs) {
        return new StepBuilder("count", jobs).tasklet((contribution, context) -> {
            UUID runId = UUID.fromString((String) context.getStepContext().getJobParameters().get("runId"));
            LocalDate end = periodEnd((String) context.getStepContext().getJobParameters().get("month"));
            runs.recordsTotal(runId, runs.countToPrice(runId, end), runs.unbillable(end));
            return RepeatStatus.FINISHED;
        }, tm).build();
    }

    @Bean
    Step priceStep(JobRepository jobs, PlatformTransactionManager tm, JdbcCursorItemReader<ToPrice> careToPrice,
            JdbcTemplate jdbc, @Value("${billing.runs.chunk-size:1000}") int chunkSize) {
        return new StepBuilder("price", jobs).<ToPrice, RunItem>chunk(chunkSize)
                .reader(careToPrice)
                .processor(priceProcessor())
                .writer(runItemWriter(jdbc))
                .transactionManager(tm)
                .build();
    }

    @Bean
    @StepScope
    JdbcCursorItemReader<ToPrice> careToPrice(DataSource dataSource,
            @Value("#{jobParameters['runId']}") String runId, @Value("#{jobParameters['month']}") String month) {
        MapSqlParameterSource params = new MapSqlParameterSource().addValue("runId", UUID.fromString(runId))
                .addValue("periodEnd", periodEnd(month));
        ParsedSql parsed = NamedParameterUtils.parseSqlStatement(BillingRunRepository.TO_PRICE + " order by 2, 1");
        String sql = NamedParameterUtils.substituteNamedParameters(parsed, params);
        Object[] values = NamedParameterUtils.buildValueArray(parsed, params, null);
        JdbcCursorItemReader<ToPrice> reader = new JdbcCursorItemReader<>(dataSource, sql, BillingJobConfiguration::toPrice);
        reader.setPreparedStatementSetter(new org.springframework.jdbc.core.ArgumentPreparedStatementSetter(values));
        reader.setFetchSize(2000);
        // PostgreSQL streams a result in fetch-size batches only outside autocommit; otherwise a month of care
        // would be read into the heap at once.
        reader.setConnectionAutoCommit(false);
        // The query leaves out what this run has priced already, so a restart starts from the top again.
        reader.setSaveState(false);
        reader.setName("careToPrice");
        return reader;
    }

    /** By position: a name-matching mapper costs an exception per missing column name per row. */
    static ToPrice toPrice(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new ToPrice(rs.getString(1), rs.getObject(2, UUID.class), rs.getInt(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getObject(7, LocalDate.class), rs.getInt(8), (Integer) rs.getObject(9),
                rs.getObject(10, UUID.class), rs.getObject(11, UUID.class), rs.getString(12), rs.getBigDecimal(13),
                rs.getString(14), rs.getString(15), rs.getString(16), rs.getString(17), rs.getObject(18, UUID.class),
                (Integer) rs.getObject(19));
    }

    /** Prices a record with the contract's unit and rounding; a credit repeats what the original charged. */
    static ItemProcessor<ToPrice, RunItem> priceProcessor() {
        return c -> {
            boolean selfFunder = FunderType.SELF_FUNDER.name().equals(c.funderType());
            if ("CREDIT".equals(c.kind())) {
                return new RunItem(null, c.hoursEntryId(), "CREDIT", c.version(), c.team(), c.clientId(), c.careType(),
                        c.careDate(), c.funderId(), c.contractId(), c.funderReference(), c.hourlyRate(), c.minutes(),
                        c.originalBillableMinutes(), c.originalInvoiceId(),
                        RunItem.groupKey("CREDIT", c.funderId(), c.contractId(), selfFunder, c.clientId(), c.originalInvoiceId()));
            }
            int charged = Pricing.chargedMinutes(ChargedTime.valueOf(c.chargedTime()), c.minutes(), c.plannedMinutes());
            int billable = Pricing.billableMinutes(charged, BillingUnit.valueOf(c.billingUnit()), Rounding.valueOf(c.rounding()));
            return new RunItem(null, c.hoursEntryId(), "CHARGE", c.version(), c.team(), c.clientId(), c.careType(),
                    c.careDate(), c.funderId(), c.contractId(), c.funderReference(), c.hourlyRate(), charged, billable,
                    null, RunItem.groupKey("CHARGE", c.funderId(), c.contractId(), selfFunder, c.clientId(), null));
        };
    }

    static ItemWriter<RunItem> runItemWriter(JdbcTemplate jdbc) {
        return chunk -> {
            UUID runId = UUID.fromString(org.springframework.batch.core.scope.context.StepSynchronizationManager
                    .getContext().getStepExecution().getJobParameters().getString("runId"));
            jdbc.batchUpdate("""
                    insert into run_item (run_id, hours_entry_id, kind, version, team, client_id, care_type, care_date,
                        funder_id, contract_id, funder_reference, hourly_rate, charged_minutes, billable_minutes,
                        original_invoice_id, group_key)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing""",
                    chunk.getItems().stream().map(i -> new Object[] {runId, i.hoursEntryId(), i.kind(), i.version(),
                            i.team(), i.clientId(), i.careType(), i.careDate(), i.funderId(), i.contractId(),
                            i.funderReference(), i.hourlyRate(), i.chargedMinutes(), i.billableMinutes(),
                            i.originalInvoiceId(), i.groupKey()}).toList());
        };
    }

    /** One transaction: on a failure it is rolled back whole and recomputed on restart. */
    @Bean
    Step authorisedHoursStep(JobRepository jobs, PlatformTransactionManager tm, AuthorisedHoursCheck check) {
        return new StepBuilder("authorisedHours", jobs).tasklet((contribution, context) -> {
            check.apply(UUID.fromString((String) context.getStepContext().getJobParameters().get("runId")));
            return RepeatStatus.FINISHED;
        }, tm).build();
    }

    @Bean
    Step issueStep(JobRepository jobs, PlatformTransactionManager tm, BillingRunRepository runs, InvoiceIssuer issuer,
            care.backoffice.billing.invoices.InvoiceRepository invoices,
            @Value("${billing.runs.issue-threads:2}") int threads) {
        return new StepBuilder("issue", jobs).tasklet((contribution, context) -> {
            var params = context.getStepContext().getJobParameters();
            if (Boolean.parseBoolean(String.valueOf(params.get("dryRun")))) {
                return RepeatStatus.FINISHED;
            }
            UUID runId = UUID.fromString((String) params.get("runId"));
            List<String> groups = invoices.groupKeys(runId);
            // Committed at once, not with the step: the tasklet's own transaction commits only when every document
            // is issued (and rolls back if one fails), so progress showed documents issued out of a total of 0.
            new TransactionTemplate(tm, new org.springframework.transaction.support.DefaultTransactionDefinition(
                    org.springframework.transaction.TransactionDefinition.PROPAGATION_REQUIRES_NEW))
                    .executeWithoutResult(s -> runs.documentsTotal(runId, groups.size()));
            LocalDate issueDate = LocalDate.now(LONDON);
            // Documents touch disjoint care records, so they are issued side by side (validation is CPU-bound);
            // all credit notes before any invoice, so that an amended record is credited before it is charged anew.
            issueInParallel(groups.stream().filter(g -> g.startsWith("C|")).toList(), runId, issueDate, issuer, threads);
            issueInParallel(groups.stream().filter(g -> !g.startsWith("C|")).toList(), runId, issueDate, issuer, threads);
            return RepeatStatus.FINISHED;
        }, tm).build();
    }

    static void issueInParallel(List<String> groups, UUID runId, LocalDate issueDate, InvoiceIssuer issuer, int threads)
            throws Exception {
        if (groups.isEmpty()) {
            return;
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(
                Math.max(1, Math.min(threads, groups.size())));
        try {
            List<java.util.concurrent.Future<InvoiceIssuer.Outcome>> done = new java.util.ArrayList<>();
            for (String group : groups) {
                done.add(pool.submit(() -> issuer.issue(runId, group, issueDate)));
            }
            Exception first = null;
            for (var f : done) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    if (first == null) {
                        first = e.getCause() instanceof Exception ex ? ex : e;
                    }
                }
            }
            if (first != null) {
                throw first;
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Bean
    Step journalStep(JobRepository jobs, PlatformTransactionManager tm, BillingRunRepository runs, Outbox outbox) {
        return new StepBuilder("journal", jobs).tasklet((contribution, context) -> {
            var params = context.getStepContext().getJobParameters();
            if (Boolean.parseBoolean(String.valueOf(params.get("dryRun")))) {
                return RepeatStatus.FINISHED;
            }
            UUID runId = UUID.fromString((String) params.get("runId"));
            List<JournalBuilder.TeamAmount> amounts = runs.journalAmounts(runId);
            if (!amounts.isEmpty()) {
                // Dated on the last day of the month billed (accruals: the income is that month's), not the day
                // the run happened, so finance's month-end close of that month finds billing's journal in it.
                JournalBuilder.Journal journal = JournalBuilder.build(runId, (String) params.get("month"),
                        periodEnd((String) params.get("month")), amounts);
                if (!journal.lines().isEmpty()) {
                    new TransactionTemplate(tm).executeWithoutResult(s ->
                            outbox.enqueue("finance", "/api/finance/journals", journal.sourceDocumentId(), journal));
                }
            }
            return RepeatStatus.FINISHED;
        }, tm).build();
    }

    static LocalDate periodEnd(String month) {
        return YearMonth.parse(month).atEndOfMonth();
    }
}
