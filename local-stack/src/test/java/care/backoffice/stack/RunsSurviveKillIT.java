package care.backoffice.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Random;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * SIGKILL billing-service in the middle of its run and payroll-service in the middle of its run, start them again
 * and restart the runs through the API as the back office would: every care visit is billed once, everyone is paid
 * once, each journal reaches finance once, and the totals reconcile.
 *
 * <p>Soak mode repeats the kill at random points of both runs, each iteration in a month of its own:
 * {@code -De2e.soak.iterations=N -De2e.soak.seed=S} (default 2 iterations, a new seed each time, printed so a
 * failure can be replayed).
 */
class RunsSurviveKillIT {

    static final int SOAK_ITERATIONS = Integer.getInteger("e2e.soak.iterations", 2);
    static final long SOAK_SEED = Long.getLong("e2e.soak.seed", System.nanoTime() % 1_000_000);

    static FaultRuns runs;

    @BeforeAll
    static void theFaultOrganisation() throws Exception {
        runs = new FaultRuns(RunningStack.get(), FaultOrganisation.get());
    }

    @Test
    void billingAndPayrollKilledInTheMiddleOfTheirRunsBillAndPayEveryoneOnceAfterARestart() {
        // Billing issues its 400 documents in 1.5-3 s here, so a poll can miss the middle; then the month is checked
        // all the same and the kill is tried again in another month (at most three).
        Outcome o = null;
        for (int attempt = 1; attempt <= 3 && (o == null || !o.billing().killed() || !o.payroll().killed()); attempt++) {
            o = iteration(20251101L + attempt,
                    // Mid-issue: some invoices issued (their care claimed), others not yet.
                    p -> p.path("progress").path("documentsIssued").asInt() > 0
                            && p.path("progress").path("documentsIssued").asInt() < p.path("progress").path("documentsTotal").asInt(),
                    // Some payslips written (at least one chunk committed), not all.
                    p -> p.path("progress").path("employeesDone").asInt() > 0
                            && p.path("progress").path("employeesDone").asInt() < p.path("progress").path("employeesTotal").asInt());
            System.out.println("[faults] mid-run kill, attempt " + attempt + ": billing " + o.billing() + "; payroll " + o.payroll());
        }
        assertThat(o.billing().killed()).as("billing was killed in the middle of its run (" + o.billing() + ")").isTrue();
        assertThat(o.payroll().killed()).as("payroll was killed in the middle of its run (" + o.payroll() + ")").isTrue();
    }

    @Test
    void soakTheKillAtRandomPoints() {
        Random random = new Random(SOAK_SEED);
        System.out.printf("[soak] %d iterations, seed %d (replay: -De2e.soak.iterations=%d -De2e.soak.seed=%d)%n",
                SOAK_ITERATIONS, SOAK_SEED, SOAK_ITERATIONS, SOAK_SEED);
        for (int i = 1; i <= SOAK_ITERATIONS; i++) {
            double billingAt = random.nextDouble();
            double payrollAt = random.nextDouble();
            Instant t0 = Instant.now();
            Outcome o = iteration(random.nextLong(), p -> billingFraction(p) >= billingAt, p -> payrollFraction(p) >= payrollAt);
            System.out.printf("[soak] iteration %d/%d (%s): billing kill at %.2f → %s; payroll kill at %.2f → %s; %d s%n",
                    i, SOAK_ITERATIONS, o.month(), billingAt, o.billing(), payrollAt, o.payroll(),
                    Duration.between(t0, Instant.now()).toSeconds());
        }
    }

    /** Billing's progress as one figure: pricing the first half, issuing the documents the second. */
    static double billingFraction(JsonNode run) {
        JsonNode p = run.path("progress");
        if (p.path("documentsTotal").asInt() > 0) {
            return 0.5 + 0.5 * p.path("documentsIssued").asInt() / p.path("documentsTotal").asInt();
        }
        int total = p.path("careRecordsTotal").asInt();
        return total > 0 ? 0.5 * Math.min(1.0, (double) p.path("careRecordsDone").asInt() / total) : 0;
    }

    static double payrollFraction(JsonNode run) {
        JsonNode p = run.path("progress");
        int total = p.path("employeesTotal").asInt();
        return total > 0 ? (double) p.path("employeesDone").asInt() / total : 0;
    }

    record Outcome(YearMonth month, FaultRuns.Kill billing, FaultRuns.Kill payroll) {}

    /** One month: its care, the billing run killed where {@code killBilling} says, the payroll run likewise. */
    static Outcome iteration(long seed, Predicate<JsonNode> killBilling, Predicate<JsonNode> killPayroll) {
        YearMonth month = runs.org.nextMonth();
        FaultOrganisation.Month care = runs.org.submit(month, seed);

        String billingRun = runs.startBilling(month);
        FaultRuns.Kill billingKill = runs.killWhen("billing", () -> runs.billingProgress(billingRun), killBilling);
        System.out.println("[faults] " + month + " billing run " + billingRun + ": " + billingKill);
        if (billingKill.killed()) {
            runs.restartService("billing");
            runs.restartRun("billing", billingRun);
        }
        JsonNode billed = runs.followBilling(billingRun);
        BigDecimal invoiced = runs.assertBilledOnce(billed, care);
        var tb = runs.awaitJournal("billing", billingRun, month, Duration.ofMinutes(3));
        assertThat(runs.journals("billing", billingRun)).as("billing journals of the run").isEqualTo(1);
        assertThat(tb.getOrDefault("1100", BigDecimal.ZERO)).as("trade debtors of " + month + " = invoiced").isEqualByComparingTo(invoiced);
        assertThat(tb.getOrDefault("4000", BigDecimal.ZERO).add(tb.getOrDefault("4020", BigDecimal.ZERO)).negate())
                .as("care income of " + month + " = invoiced").isEqualByComparingTo(invoiced);

        FaultOrganisation.Expected expected = runs.org.expectedPayroll(month);
        String payrollRun = runs.startPayroll(month);
        FaultRuns.Kill payrollKill = runs.killWhen("payroll", () -> runs.payrollProgress(payrollRun), killPayroll);
        System.out.println("[faults] " + month + " payroll run " + payrollRun + ": " + payrollKill);
        if (payrollKill.killed()) {
            runs.restartService("payroll");
            runs.restartRun("payroll", payrollRun);
        }
        runs.followPayroll(payrollRun);
        BigDecimal bank = runs.assertPaidOnce(payrollRun, expected);
        runs.finalise(payrollRun);
        tb = runs.awaitJournal("payroll", payrollRun, month, Duration.ofMinutes(3));
        assertThat(runs.journals("payroll", payrollRun)).as("payroll journals of the run").isEqualTo(1);
        assertThat(tb.getOrDefault("6000", BigDecimal.ZERO)).as("gross pay in the ledger for " + month).isEqualByComparingTo(expected.gross());
        assertThat(tb.getOrDefault("2220", BigDecimal.ZERO).negate()).as("net wages in the ledger = the bank file").isEqualByComparingTo(bank);
        assertThat(runs.progressProblems).as("progress never beyond its total").isEmpty();
        return new Outcome(month, billingKill, payrollKill);
    }
}
