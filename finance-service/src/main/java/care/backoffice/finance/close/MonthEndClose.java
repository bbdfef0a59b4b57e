package care.backoffice.finance.close;

import care.backoffice.finance.periods.PeriodRepository;
import care.backoffice.finance.periods.PeriodStatus;
import care.backoffice.support.problem.ApiException;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.configuration.support.MapJobRegistry;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.launch.support.TaskExecutorJobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.stereotype.Service;

/**
 * Starts the month-end close in the background and reports its progress. One job instance per month
 * and "round" (the number of times the month was reopened): starting a failed close again restarts the
 * same instance from the failed step; a finished close is not run again until the month is reopened.
 */
@Service
public class MonthEndClose {

    public record StepView(String name, String status, long written) {}

    public record Progress(String month, Long executionId, String status, String exitCode, String failure,
            String startedBy, int stepsTotal, int stepsDone, List<StepView> steps, boolean packAvailable) {}

    private final Job job;
    private final JobRepository repository;
    private final PeriodRepository periods;
    private final MonthEndWork work;
    private final TaskExecutorJobOperator operator;

    public MonthEndClose(Job monthEndCloseJobDefinition, JobRepository repository, PeriodRepository periods, MonthEndWork work)
            throws Exception {
        this.job = monthEndCloseJobDefinition;
        this.repository = repository;
        this.periods = periods;
        this.work = work;
        // Our own operator with an async executor: the API answers at once and progress is polled,
        // without changing the application's default task executor.
        this.operator = new TaskExecutorJobOperator();
        operator.setJobRepository(repository);
        operator.setJobRegistry(new MapJobRegistry());
        operator.setTaskExecutor(new SimpleAsyncTaskExecutor("month-end-close-"));
        operator.afterPropertiesSet();
    }

    /** @return the progress, and whether a run was started (false: already running or already done) */
    public Map.Entry<Boolean, Progress> start(YearMonth month, String by) {
        if (periods.status(month) == PeriodStatus.HARD_LOCKED) {
            throw new ApiException(409, "Period locked", "the period " + month + " is hard-locked; there is nothing to close",
                    Map.of("code", "PERIOD_LOCKED"));
        }
        JobParameters params = params(month, work.reopenings(month), by);
        JobExecution last = repository.getLastJobExecution(MonthEndCloseJob.NAME, params);
        if (last != null && (last.isRunning() || last.getStatus() == BatchStatus.COMPLETED)) {
            return Map.entry(false, progress(month));
        }
        try {
            operator.start(job, params);
            return Map.entry(true, progress(month));
        } catch (JobExecutionAlreadyRunningException | JobInstanceAlreadyCompleteException e) {
            return Map.entry(false, progress(month));
        } catch (Exception e) {
            throw new IllegalStateException("could not start the month-end close for " + month, e);
        }
    }

    public Progress progress(YearMonth month) {
        long round = work.reopenings(month);
        JobExecution last = null;
        for (long r = round; r >= 0 && last == null; r--) {
            last = repository.getLastJobExecution(MonthEndCloseJob.NAME, params(month, r, null));
        }
        boolean pack = work.pack(month, "pdf").isPresent();
        if (last == null) {
            return new Progress(month.toString(), null, "NOT_STARTED", null, null, null, MonthEndCloseJob.STEPS.size(), 0,
                    List.of(), pack);
        }
        // Steps completed in an earlier, failed execution of the same instance count as done.
        Map<String, StepView> steps = new LinkedHashMap<>();
        List<JobExecution> executions = new ArrayList<>(repository.getJobExecutions(last.getJobInstance()));
        executions.sort(Comparator.comparing(JobExecution::getId));
        for (JobExecution e : executions) {
            List<StepExecution> list = new ArrayList<>(e.getStepExecutions());
            list.sort(Comparator.comparing(StepExecution::getId));
            for (StepExecution s : list) {
                steps.put(s.getStepName(), new StepView(s.getStepName(), s.getStatus().name(), s.getWriteCount()));
            }
        }
        int done = (int) steps.values().stream().filter(s -> s.status().equals("COMPLETED")).count();
        String failure = last.getStatus() == BatchStatus.FAILED ? Optional.ofNullable(last.getAllFailureExceptions())
                .filter(l -> !l.isEmpty()).map(l -> rootMessage(l.get(0)))
                .orElse(firstLine(last.getExitStatus().getExitDescription())) : null;
        return new Progress(month.toString(), last.getId(), last.getStatus().name(), last.getExitStatus().getExitCode(),
                failure, last.getJobParameters().getString("startedBy"), MonthEndCloseJob.STEPS.size(), done,
                List.copyOf(steps.values()), pack);
    }

    private static String rootMessage(Throwable t) {
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    private static String firstLine(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        for (String line : s.split("\n")) {
            if (line.contains("SourcesMissing")) {
                return line.substring(line.indexOf(':') + 1).trim();
            }
        }
        return s.split("\n")[0];
    }

    static JobParameters params(YearMonth month, long round, String by) {
        JobParametersBuilder b = new JobParametersBuilder().addString("month", month.toString())
                .addLong("round", round);
        if (by != null) {
            b.addString("startedBy", by, false);
        }
        return b.toJobParameters();
    }
}
