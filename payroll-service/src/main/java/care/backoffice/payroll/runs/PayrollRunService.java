package care.backoffice.payroll.runs;

import care.backoffice.payroll.journal.PayrollJournal;
import care.backoffice.support.batch.BackgroundRuns;
import care.backoffice.support.outbox.Outbox;
import care.backoffice.support.problem.ApiException;
import java.util.UUID;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Starts, restarts, rolls back and finalises payroll runs. A run executes on a background thread; its progress is
 * read from the payslips it has written. One live run per period (a unique index), so a period is paid once.
 */
@Service
public class PayrollRunService implements DisposableBean {


    private final PayrollRunRepository runs;
    private final Job job;
    private final TransactionTemplate tx;
    private final Outbox outbox;
    private final BackgroundRuns background;

    public PayrollRunService(PayrollRunRepository runs, JobOperator jobOperator, JobRepository jobRepository,
            Job payrollRunJob, TransactionTemplate tx, Outbox outbox) {
        this.outbox = outbox;
        this.runs = runs;
        this.job = payrollRunJob;
        this.background = new BackgroundRuns("payroll-run", 1, jobOperator, jobRepository);
        this.tx = tx;
    }

    public UUID start(PayPeriod period, String by) {
        UUID id = UUID.randomUUID();
        try {
            // The same lock as a new adjustment for the period takes: the run sees every adjustment made before it.
            tx.executeWithoutResult(s -> {
                runs.lockPeriod(period.name());
                runs.insert(id, period, by);
            });
        } catch (DuplicateKeyException e) {
            throw ApiException.conflict("The period " + period.name() + " already has a payroll run that is not rolled "
                    + "back: restart it if it failed, or roll it back first");
        }
        JobParameters params = new JobParametersBuilder().addString("runId", id.toString()).toJobParameters();
        background.start(id, job, params, e -> runs.finished(id, false, e.toString()));
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
                    + "done stays done), or roll it back");
        }
    }

    /** Continues a failed run (or one whose process died) where it stopped; payslips written stay written. */
    public void restart(UUID id) {
        PayrollRunRepository.Row row = runs.find(id).orElseThrow(() -> ApiException.notFound("payroll run " + id));
        if ("RUNNING".equals(row.status()) || "STARTING".equals(row.status())) {
            if (background.isAlive(id)) {
                throw ApiException.conflict("Payroll run " + id + " is still running");
            }
            background.recoverIfDead(row.jobExecutionId());
            runs.finished(id, false, "the process running it stopped");
        } else if (!"FAILED".equals(row.status())) {
            throw ApiException.conflict("Payroll run " + id + " is " + row.status() + "; only a failed run can be restarted");
        }
        if (row.jobExecutionId() == null || !runs.markRestarting(id)) {
            throw ApiException.conflict("Payroll run " + id + " cannot be restarted now");
        }
        background.restart(id, row.jobExecutionId(), e -> runs.finished(id, false, e.toString()));
    }

    public void rollBack(UUID id) {
        PayrollRunRepository.Row row = runs.find(id).orElseThrow(() -> ApiException.notFound("payroll run " + id));
        if (!Boolean.TRUE.equals(tx.execute(s -> runs.rollBack(id)))) {
            throw ApiException.conflict("Payroll run " + id + " is " + row.status()
                    + ": only a completed or failed run that is not finalised can be rolled back");
        }
    }

    /**
     * Finalises a completed run: the month is paid from now on, and its journal is queued for finance in the same
     * transaction (the outbox delivers it; finance deduplicates by the run's source document id).
     */
    public void finalise(UUID id, String by) {
        PayrollRunRepository.Row row = runs.find(id).orElseThrow(() -> ApiException.notFound("payroll run " + id));
        tx.executeWithoutResult(s -> {
            if (!runs.finalise(id, by)) {
                throw ApiException.conflict("Payroll run " + id + " is " + row.status()
                        + ": only a completed run can be finalised");
            }
            String document = "payroll-run-" + id;
            String description = "Payroll " + row.period() + " paid " + row.payDate() + " ("
                    + (row.frequency() == care.backoffice.payroll.engine.PayFrequency.MONTHLY ? "tax month "
                            + row.taxMonth() : "tax week " + row.taxWeek()) + " of " + row.taxYear() + ")";
            outbox.enqueue("finance", "/api/finance/journals", document,
                    PayrollJournal.of(row.payDate(), description, document, runs.teamTotals(id)));
        });
    }

    @Override
    public void destroy() {
        background.close();
    }
}
