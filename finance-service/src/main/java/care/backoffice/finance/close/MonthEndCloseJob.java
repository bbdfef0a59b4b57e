package care.backoffice.finance.close;

import java.time.YearMonth;
import java.util.List;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The {@code month-end-close} job: check sources → rebuild balances → statement pack → soft close.
 * A failed run (e.g. payroll has not posted yet) is restarted from the step that failed; steps that
 * completed are not run again.
 */
@Configuration
public class MonthEndCloseJob {

    public static final String NAME = "month-end-close";
    public static final List<String> STEPS = List.of("check-sources", "rebuild-balances", "statement-pack", "soft-close");

    /** Raised when an expected source has not posted; the job fails and can be restarted later. */
    public static class SourcesMissing extends RuntimeException {
        public SourcesMissing(YearMonth month, List<String> missing) {
            super("no journal yet from " + String.join(", ", missing) + " for " + month);
        }
    }

    @Bean
    Job monthEndCloseJobDefinition(JobRepository repository, PlatformTransactionManager tx, MonthEndWork work) {
        Step check = new StepBuilder(STEPS.get(0), repository).tasklet((contribution, context) -> {
            YearMonth month = month(contribution);
            List<String> missing = work.missingSources(month);
            if (!missing.isEmpty()) {
                throw new SourcesMissing(month, missing);
            }
            return RepeatStatus.FINISHED;
        }, tx).build();
        Step balances = new StepBuilder(STEPS.get(1), repository).tasklet((contribution, context) -> {
            contribution.incrementWriteCount(work.rebuildBalances(month(contribution)));
            return RepeatStatus.FINISHED;
        }, tx).build();
        Step pack = new StepBuilder(STEPS.get(2), repository).tasklet((contribution, context) -> {
            work.storePack(month(contribution));
            return RepeatStatus.FINISHED;
        }, tx).build();
        Step close = new StepBuilder(STEPS.get(3), repository).tasklet((contribution, context) -> {
            String by = contribution.getStepExecution().getJobExecution().getJobParameters().getString("startedBy");
            work.softClose(month(contribution), by == null ? "month-end-close" : by);
            return RepeatStatus.FINISHED;
        }, tx).build();
        return new JobBuilder(NAME, repository).start(check).next(balances).next(pack).next(close).build();
    }

    static YearMonth month(StepContribution contribution) {
        return YearMonth.parse(contribution.getStepExecution().getJobExecution().getJobParameters().getString("month"));
    }
}
