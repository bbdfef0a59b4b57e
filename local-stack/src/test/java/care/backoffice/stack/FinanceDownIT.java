package care.backoffice.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Finance is down while the month's billing and payroll runs finish: the runs complete and the payroll is
 * finalised all the same, their journals wait in the senders' outboxes (tried, not delivered), and when finance
 * is back each journal arrives exactly once, the trial balance shows them and the month can be closed.
 */
class FinanceDownIT {

    @Test
    void journalsWaitInTheOutboxesWhileFinanceIsDownAndArriveOnceWhenItIsBack() throws Exception {
        LocalStack stack = RunningStack.get();
        FaultRuns runs = new FaultRuns(stack, FaultOrganisation.get());
        YearMonth month = runs.org.nextMonth();
        FaultOrganisation.Month care = runs.org.submit(month, 20250430L);
        FaultOrganisation.Expected pay = runs.org.expectedPayroll(month);

        stack.stop("finance");
        Instant down = Instant.now();
        String billingRun;
        String payrollRun;
        BigDecimal invoiced;
        BigDecimal bank;
        try {
            billingRun = runs.startBilling(month);
            invoiced = runs.assertBilledOnce(runs.followBilling(billingRun), care);
            payrollRun = runs.startPayroll(month);
            runs.followPayroll(payrollRun);
            bank = runs.assertPaidOnce(payrollRun, pay);
            runs.finalise(payrollRun);
            // Each sender's relay has tried finance and keeps the journal for later.
            for (var run : Map.of("billing", billingRun, "payroll", payrollRun).entrySet()) {
                Instant deadline = Instant.now().plusSeconds(60);
                List<String> o = runs.outbox(run.getKey(), run.getValue());
                while ((o.isEmpty() || Integer.parseInt(o.get(1)) == 0) && Instant.now().isBefore(deadline)) {
                    FaultOrganisation.sleep(500);
                    o = runs.outbox(run.getKey(), run.getValue());
                }
                System.out.println("[faults] finance down: " + run.getKey() + "'s journal in its outbox: " + o);
                assertThat(o).as(run.getKey() + "'s journal message (status, attempts, last error)").hasSize(3);
                assertThat(o.get(0)).as(run.getKey() + "'s journal while finance is down").isEqualTo("PENDING");
                assertThat(Integer.parseInt(o.get(1))).as("delivery attempts").isPositive();
                assertThat(runs.journals(run.getKey(), run.getValue())).as("journals in finance while it is down").isZero();
            }
        } finally {
            stack.start("finance");
        }
        System.out.printf("[faults] finance was down for %d s%n", Duration.between(down, Instant.now()).toSeconds());

        // The relays back off (2 s doubling, at most 10 min) while finance is away, so the next try may be minutes off.
        Instant back = Instant.now();
        runs.awaitJournal("billing", billingRun, month, Duration.ofMinutes(12));
        Map<String, BigDecimal> tb = runs.awaitJournal("payroll", payrollRun, month, Duration.ofMinutes(12));
        System.out.printf("[faults] both journals in finance %d s after it was back%n", Duration.between(back, Instant.now()).toSeconds());
        for (String source : List.of("billing", "payroll")) {
            String run = source.equals("billing") ? billingRun : payrollRun;
            assertThat(runs.journals(source, run)).as(source + " journals of the run").isEqualTo(1);
            assertThat(runs.outbox(source, run).get(0)).as(source + "'s outbox message").isEqualTo("DELIVERED");
        }
        assertThat(tb.getOrDefault("1100", BigDecimal.ZERO)).as("trade debtors of " + month + " = invoiced").isEqualByComparingTo(invoiced);
        assertThat(tb.getOrDefault("4000", BigDecimal.ZERO).add(tb.getOrDefault("4020", BigDecimal.ZERO)).negate())
                .as("care income of " + month).isEqualByComparingTo(invoiced);
        assertThat(tb.getOrDefault("6000", BigDecimal.ZERO)).as("gross pay in the ledger").isEqualByComparingTo(pay.gross());
        assertThat(tb.getOrDefault("2220", BigDecimal.ZERO).negate()).as("net wages = the bank file").isEqualByComparingTo(bank);

        // The month closes: the close finds both sources' journals in it.
        runs.fiona.post("/api/finance/close/" + month, "{}", null).expect("close " + month, 200, 201, 202);
        Instant deadline = Instant.now().plus(FaultRuns.RUN_TIMEOUT);
        JsonNode close = runs.fiona.get("/api/finance/close/" + month).expect("close", 200).json();
        while (!List.of("COMPLETED", "FAILED", "STOPPED", "ABANDONED").contains(close.path("status").asString())
                && Instant.now().isBefore(deadline)) {
            FaultOrganisation.sleep(500);
            close = runs.fiona.get("/api/finance/close/" + month).expect("close", 200).json();
        }
        assertThat(close.path("status").asString()).as("close of " + month + ": " + close.path("failure").asString(""))
                .isEqualTo("COMPLETED");
    }
}
