package care.backoffice.billing.runs;

import care.backoffice.billing.delivery.DeliveryQueue;
import care.backoffice.billing.invoices.InvoiceIssuer;
import care.backoffice.billing.invoices.InvoiceRepository;
import care.backoffice.support.outbox.Outbox;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The billing run as a Spring Batch job, identified by the run id (so a restart continues the same run):
 * <ol>
 * <li>price — the care still to bill, priced in two streamed lanes into run_item, numbered into the run's documents
 * ({@link CarePricer}; a restart prices again from the start);</li>
 * <li>authorisedHours — flags care beyond the clients' authorised weekly hours and, where the contract says so,
 * leaves those minutes uncharged;</li>
 * <li>issue — credit notes, then the invoices' care claimed at once while the invoices are validated, then one
 * transaction per document; a restart skips documents already issued; never for a dry run;</li>
 * <li>journal — one journal per run into the outbox for finance-service, keyed by the run (sent once).</li>
 * </ol>
 * A care record is charged exactly once however often a step runs, because only a version still in care_to_bill can
 * be claimed (deleted from it), and an invoice is stored only for care its run claimed.
 */
@Configuration
public class BillingJobConfiguration {

    public static final String JOB = "billingRun";
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(BillingJobConfiguration.class);
    static final ZoneId LONDON = ZoneId.of("Europe/London");

    @Bean
    Job billingRunJob(JobRepository jobs, Step priceStep, Step authorisedHoursStep, Step issueStep,
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
                .start(priceStep).next(authorisedHoursStep).next(issueStep).next(journalStep)
                .build();
    }

    static UUID runId(JobExecution execution) {
        return UUID.fromString(execution.getJobParameters().getString("runId"));
    }

    @Bean
    Step priceStep(JobRepository jobs, PlatformTransactionManager tm, CarePricer pricer) {
        return new StepBuilder("price", jobs).tasklet((contribution, context) -> {
            var params = context.getStepContext().getJobParameters();
            pricer.price(UUID.fromString((String) params.get("runId")), periodEnd((String) params.get("month")),
                    Boolean.parseBoolean(String.valueOf(params.get("dryRun"))));
            return RepeatStatus.FINISHED;
        }, tm).build();
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
            InvoiceRepository invoices, DeliveryQueue deliveries, @Value("${billing.runs.issue-threads:2}") int threads) {
        return new StepBuilder("issue", jobs).tasklet((contribution, context) -> {
            var params = context.getStepContext().getJobParameters();
            if (Boolean.parseBoolean(String.valueOf(params.get("dryRun")))) {
                return RepeatStatus.FINISHED;
            }
            UUID runId = UUID.fromString((String) params.get("runId"));
            List<InvoiceRepository.RunDocument> documents = invoices.documents(runId);
            // Own transactions (REQUIRES_NEW): the step's own transaction stays open until the step ends and rolls
            // back if it fails, so what is written through it is invisible to progress until then.
            TransactionTemplate tx = new TransactionTemplate(tm);
            tx.setPropagationBehavior(org.springframework.transaction.TransactionDefinition.PROPAGATION_REQUIRES_NEW);
            // The total is committed at once: progress showed documents issued out of a total of 0 while issuing and
            // after a failed issue step (found by the end-to-end kill test).
            tx.executeWithoutResult(s -> runs.documentsTotal(runId, documents.size()));
            LocalDate issueDate = LocalDate.now(LONDON);
            // Documents touch disjoint care records, so they are issued side by side (validation is CPU-bound);
            // all credit notes before any invoice, so that an amended record is credited before it is charged anew.
            issueInParallel(documents.stream().filter(InvoiceRepository.RunDocument::credit).toList(), issueDate, issuer,
                    threads);
            // The invoices' care is claimed at once, after the credit notes (a visit whose earlier charge is still
            // uncredited cannot be claimed); if any of it cannot be (amended meanwhile), document by document.
            // Committed before the documents are stored; a held invoice gives its care back on another connection.
            // Meanwhile the invoices are built and validated, ahead of the claim by at most PREPARED_AHEAD of them.
            long claimStart = System.nanoTime();
            ExecutorService claimer = Executors.newSingleThreadExecutor();
            CompletableFuture<Boolean> claim;
            try {
                claim = CompletableFuture.supplyAsync(() -> {
                    Boolean all = tx.execute(s -> {
                        if (invoices.claimAllCharges(runId)) {
                            return true;
                        }
                        s.setRollbackOnly();
                        return false;
                    });
                    if (!Boolean.TRUE.equals(all)) {
                        for (InvoiceRepository.RunDocument d : invoices.documents(runId)) {
                            if (!d.credit() && !d.claimed() && !d.released()) {
                                tx.executeWithoutResult(s -> invoices.claimCharges(d));
                            }
                        }
                    }
                    log.info("Run {}: invoices' care claimed {} in {} ms", runId,
                            Boolean.TRUE.equals(all) ? "at once" : "document by document",
                            (System.nanoTime() - claimStart) / 1_000_000);
                    return Boolean.TRUE.equals(all);
                }, claimer);
                issueOnceClaimed(documents.stream().filter(d -> !d.credit()).toList(), issueDate, issuer, threads, claim);
            } finally {
                claimer.shutdownNow();
            }
            long settleStart = System.nanoTime();
            // The issued documents are queued for delivery with the settling, one statement for the run (see DeliveryQueue).
            tx.executeWithoutResult(s -> {
                invoices.settle(runId);
                deliveries.queueIssuedDocuments(runId);
            });
            log.info("Run {}: invoices claimed and issued in {} ms, settled in {} ms", runId,
                    (settleStart - claimStart) / 1_000_000, (System.nanoTime() - settleStart) / 1_000_000);
            return RepeatStatus.FINISHED;
        }, tm).build();
    }

    static void issueInParallel(List<InvoiceRepository.RunDocument> documents, LocalDate issueDate, InvoiceIssuer issuer,
            int threads) throws Exception {
        if (documents.isEmpty()) {
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(
                Math.max(1, Math.min(threads, documents.size())));
        try {
            List<Future<InvoiceIssuer.Outcome>> done = new ArrayList<>();
            for (InvoiceRepository.RunDocument document : documents) {
                done.add(pool.submit(() -> issuer.issue(document, issueDate)));
            }
            awaitAll(done, null);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Invoices built ahead of the claim and not yet stored, at most: bounds the heap they hold (~1 MB of UBL each). */
    static final int PREPARED_AHEAD = 8;

    /**
     * Builds and validates the invoices on {@code threads} threads while their care is being claimed, and stores
     * each on one more thread once the claim has ended (storing is PostgreSQL's work, so it overlaps the next
     * validations).
     */
    static void issueOnceClaimed(List<InvoiceRepository.RunDocument> documents, LocalDate issueDate,
            InvoiceIssuer issuer, int threads, CompletableFuture<Boolean> claim) throws Exception {
        if (documents.isEmpty()) {
            claim.get();
            return;
        }
        ExecutorService builders = Executors.newFixedThreadPool(
                Math.max(1, Math.min(threads, documents.size())));
        // Storing has its own thread: on the builders' pool it would queue behind builds waiting for the permits
        // that only storing gives back.
        ExecutorService storer = Executors.newSingleThreadExecutor();
        Semaphore ahead = new Semaphore(PREPARED_AHEAD);
        // A failed claim stores nothing: builds waiting for a permit are let go and give up.
        claim.whenComplete((all, failure) -> {
            if (failure != null) {
                ahead.release(documents.size());
            }
        });
        try {
            List<CompletableFuture<InvoiceIssuer.Outcome>> done = new ArrayList<>();
            for (InvoiceRepository.RunDocument document : documents) {
                done.add(CompletableFuture.supplyAsync(() -> {
                    ahead.acquireUninterruptibly();
                    try {
                        if (claim.isCompletedExceptionally()) {
                            throw new IllegalStateException("the run's care could not be claimed");
                        }
                        return issuer.prepare(document, issueDate);
                    } catch (RuntimeException | Error e) {
                        ahead.release();
                        throw e;
                    }
                }, builders).thenCombineAsync(claim, (prepared, claimedAsPriced) -> {
                    try {
                        return issuer.issuePrepared(prepared, claimedAsPriced);
                    } finally {
                        ahead.release();
                    }
                }, storer));
            }
            awaitAll(done, claim);
        } finally {
            builders.shutdownNow();
            storer.shutdownNow();
        }
    }

    /**
     * Waits for every document, then throws the first failure: the claim's if it failed (the documents' failures
     * follow from it), else the first document's.
     */
    static void awaitAll(List<? extends Future<?>> done, Future<?> claim) throws Exception {
        Exception first = null;
        for (Future<?> f : done) {
            try {
                f.get();
            } catch (ExecutionException e) {
                if (first == null) {
                    first = cause(e);
                }
            }
        }
        if (first != null && claim != null) {
            try {
                claim.get();
            } catch (ExecutionException e) {
                first = cause(e);
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private static Exception cause(ExecutionException e) {
        Throwable cause = e.getCause() instanceof CompletionException c && c.getCause() != null ? c.getCause() : e.getCause();
        return cause instanceof Exception ex ? ex : e;
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
