package care.backoffice.support.batch;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;

/**
 * Runs a service's Spring Batch runs (billing runs, payroll runs) on background threads, so the API answers at
 * once and the run's progress is read from its own tables while it works.
 *
 * <p>It also knows which runs execute in this JVM. A run its table shows as running that is not alive here was
 * killed with its process: {@link #recoverIfDead} marks that execution failed, as Spring Batch requires before
 * {@link #restart}. (With several replicas, a run alive in another replica looks dead here; a heartbeat is the
 * step for that.)
 */
public final class BackgroundRuns implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BackgroundRuns.class);

    private final String name;
    private final JobOperator jobOperator;
    private final JobRepository jobRepository;
    private final Set<UUID> alive = ConcurrentHashMap.newKeySet();
    private final ExecutorService executor;

    public BackgroundRuns(String name, int threads, JobOperator jobOperator, JobRepository jobRepository) {
        this.name = name;
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        this.executor = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    public boolean isAlive(UUID runId) {
        return alive.contains(runId);
    }

    /** Starts a new execution; {@code couldNotLaunch} records a run that never got going. */
    public void start(UUID runId, Job job, JobParameters params, Consumer<Exception> couldNotLaunch) {
        launch(runId, () -> jobOperator.start(job, params), couldNotLaunch);
    }

    /** Continues the run's last execution where it stopped; what was done stays done. */
    public void restart(UUID runId, long jobExecutionId, Consumer<Exception> couldNotLaunch) {
        launch(runId, () -> jobOperator.restart(jobRepository.getJobExecution(jobExecutionId)), couldNotLaunch);
    }

    /** Marks the execution of a run whose process died as failed, so that it can be restarted. */
    public void recoverIfDead(Long jobExecutionId) {
        if (jobExecutionId == null) {
            return;
        }
        JobExecution dead = jobRepository.getJobExecution(jobExecutionId);
        if (dead != null && dead.getStatus().isRunning()) {
            jobOperator.recover(dead);
        }
    }

    private interface Launch {
        JobExecution run() throws Exception;
    }

    private void launch(UUID runId, Launch launch, Consumer<Exception> couldNotLaunch) {
        alive.add(runId);
        executor.submit(() -> {
            try {
                JobExecution execution = launch.run();
                if (execution.getStatus() != BatchStatus.COMPLETED) {
                    log.warn("{} {} ended {}", name, runId, execution.getStatus());
                }
            } catch (Exception e) {
                log.error("{} {} could not be launched", name, runId, e);
                couldNotLaunch.accept(e);
            } finally {
                alive.remove(runId);
            }
        });
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
