package care.backoffice.billing.runs;

import care.backoffice.billing.invoices.Invoice;
import care.backoffice.billing.invoices.InvoiceGenerator;
import care.backoffice.billing.invoices.InvoiceKind;
import care.backoffice.billing.invoices.InvoiceLine;
import care.backoffice.billing.invoices.InvoiceRepository;
import care.backoffice.billing.invoices.LineSum;
import care.backoffice.support.batch.BackgroundRuns;
import care.backoffice.support.problem.ApiException;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/** Starts, restarts and reports billing runs; the job itself runs on a background thread. */
@Service
public class BillingRunService implements org.springframework.beans.factory.DisposableBean {


    private final BillingRunRepository runs;
    private final InvoiceRepository invoices;
    private final Job job;
    private final AuthorisedHoursCheck authorisedHours;
    private final BackgroundRuns background;

    public BillingRunService(BillingRunRepository runs, InvoiceRepository invoices,
            JobOperator jobOperator, JobRepository jobRepository, Job billingRunJob, AuthorisedHoursCheck authorisedHours) {
        this.authorisedHours = authorisedHours;
        this.runs = runs;
        this.invoices = invoices;
        this.job = billingRunJob;
        this.background = new BackgroundRuns("billing-run", 2, jobOperator, jobRepository);
    }

    public UUID start(YearMonth month, boolean dryRun, String by) {
        UUID id = UUID.randomUUID();
        try {
            runs.insert(id, month, dryRun, by);
        } catch (DuplicateKeyException e) {
            throw ApiException.conflict("Another billing run is in progress; wait for it to finish (or restart it if it failed)");
        }
        JobParameters params = new JobParametersBuilder().addString("runId", id.toString())
                .addString("month", month.toString()).addString("dryRun", Boolean.toString(dryRun), false)
                .toJobParameters();
        afterCommit(() -> background.start(id, job, params, e -> runs.finished(id, false, e.toString())));
        return id;
    }

    /**
     * A run that shows as in progress when the service starts was being worked on by a process that stopped (each
     * service runs as one instance; with several, a heartbeat would be needed: see BackgroundRuns). It is marked
     * failed at once, so that its status tells the truth and the back office can act on it: after a crash a month-end
     * found its billing run RUNNING for ever and every new run refused with 409.
     */
    @org.springframework.context.event.EventListener(org.springframework.boot.context.event.ApplicationReadyEvent.class)
    public void failRunsOfAStoppedProcess() {
        for (var row : runs.inProgress()) {
            background.recoverIfDead(row.jobExecutionId());
            runs.finished(row.id(), false, "the service stopped while this run was in progress; restart it (what was "
                    + "done stays done), or start a new run, which takes over the care this one had claimed");
        }
    }

    /** Continues a failed run (or one whose process died) where it stopped; what was done stays done. */
    public void restart(UUID id) {
        BillingRunRepository.Row row = runs.find(id).orElseThrow(() -> ApiException.notFound("Billing run " + id));
        if ("RUNNING".equals(row.status()) || "STARTING".equals(row.status())) {
            if (background.isAlive(id)) {
                throw ApiException.conflict("Billing run " + id + " is still running");
            }
            background.recoverIfDead(row.jobExecutionId());
            runs.finished(id, false, "the process running it stopped");
        } else if (!"FAILED".equals(row.status())) {
            throw ApiException.conflict("Billing run " + id + " is " + row.status() + "; only a failed run can be restarted");
        }
        if (row.jobExecutionId() == null) {
            throw ApiException.conflict("Billing run " + id + " never started; start a new run instead");
        }
        if (!runs.markRestarting(id)) {
            throw ApiException.conflict("Another billing run is in progress; wait for it to finish");
        }
        afterCommit(() -> background.restart(id, row.jobExecutionId(), e -> runs.finished(id, false, e.toString())));
    }

    /**
     * The job starts once the run's row is committed: a request may create the run inside a transaction (an
     * idempotent create does), and a job that began before the commit could not record its execution on the row
     * (its update found no row), so that the run could never be restarted ("never started"; seen under load).
     */
    private static void afterCommit(Runnable launch) {
        if (org.springframework.transaction.support.TransactionSynchronizationManager.isSynchronizationActive()) {
            org.springframework.transaction.support.TransactionSynchronizationManager.registerSynchronization(
                    new org.springframework.transaction.support.TransactionSynchronization() {
                        @Override
                        public void afterCommit() {
                            launch.run();
                        }
                    });
        } else {
            launch.run();
        }
    }

    public BillingRun find(UUID id) {
        BillingRunRepository.Row row = runs.find(id).orElseThrow(() -> ApiException.notFound("Billing run " + id));
        return view(row, true);
    }

    public List<BillingRun> recent() {
        return runs.recent().stream().map(r -> view(r, false)).toList();
    }

    private BillingRun view(BillingRunRepository.Row row, boolean detail) {
        List<InvoiceRepository.Header> headers = invoices.headersOfRun(row.id());
        int issued = (int) headers.stream().filter(h -> "ISSUED".equals(h.status())).count();
        int rejected = headers.size() - issued;
        int total = row.documentsTotal() == null ? 0 : row.documentsTotal();
        var progress = new BillingRun.Progress(runs.itemsPriced(row.id()), row.recordsTotal(), issued, rejected, total);
        List<Invoice> documents = detail ? headers.stream().map(h -> InvoiceViews.of(h, invoices, false)).toList() : List.of();
        List<BillingRun.Preview> preview = detail && row.dryRun() && !row.status().equals("RUNNING") ? preview(row.id()) : List.of();
        return new BillingRun(row.id(), row.month(), row.dryRun(), row.status(), progress,
                row.unbillableRecords() == null ? 0 : row.unbillableRecords(), row.failure(), row.requestedBy(),
                row.requestedAt().toInstant(), row.finishedAt() == null ? null : row.finishedAt().toInstant(),
                detail ? authorisedHours.report(row.id()) : List.of(), documents, preview);
    }

    /** What a dry run would issue, computed by the same generator that issues real documents. */
    private List<BillingRun.Preview> preview(UUID runId) {
        List<BillingRun.Preview> preview = new ArrayList<>();
        for (InvoiceRepository.RunDocument doc : invoices.documents(runId)) {
            // One document's lines at a time, summed by PostgreSQL: a month of care is never loaded whole.
            List<LineSum> sums = invoices.lineSums(runId, doc.documentNo());
            if (sums.isEmpty()) {
                continue;
            }
            List<InvoiceLine> lines = InvoiceGenerator.lines(sums);
            BigDecimal net = InvoiceGenerator.net(lines);
            preview.add(new BillingRun.Preview(doc.credit() ? "CREDIT_NOTE" : "INVOICE", doc.funderId(), doc.clientId(),
                    new Invoice(null, null, doc.credit() ? InvoiceKind.CREDIT_NOTE : InvoiceKind.INVOICE, "PREVIEW",
                            runId, doc.funderId(), null, doc.clientId(), null, doc.originalInvoiceId(), null, null,
                            InvoiceGenerator.periodStart(sums), InvoiceGenerator.periodEnd(sums), net, null, null, null,
                            lines, List.of())));
        }
        return preview;
    }

    @Override
    public void destroy() {
        background.close();
    }
}
