package care.backoffice.finance.periods;

import static org.assertj.core.api.Assertions.assertThat;

import care.backoffice.finance.FinanceIntegrationTest;
import java.time.YearMonth;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/** A close waits for the postings in flight into its month, and postings after it see the month closed. */
class PeriodLockTest extends FinanceIntegrationTest {

    @Autowired
    PeriodRepository periods;

    @Autowired
    PeriodService service;

    @Autowired
    TransactionTemplate tx;

    @Test
    void aCloseWaitsForAPostingInFlightAndLaterPostingsSeeItClosed() throws Exception {
        YearMonth month = YearMonth.of(2036, 1);
        CountDownLatch postingHasLock = new CountDownLatch(1);
        CountDownLatch finishPosting = new CountDownLatch(1);
        AtomicLong postingCommittedAt = new AtomicLong();
        CompletableFuture<PeriodStatus> posting = CompletableFuture.supplyAsync(() -> tx.execute(s -> {
            PeriodStatus seen = periods.lockForPosting(month);
            postingHasLock.countDown();
            try {
                finishPosting.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            postingCommittedAt.set(System.nanoTime());
            return seen;
        }));
        assertThat(postingHasLock.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Long> close = CompletableFuture.supplyAsync(() -> {
            service.change(month, PeriodRules.Action.CLOSE, "finance-user", null);
            return System.nanoTime();
        });
        Thread.sleep(300);
        assertThat(close).as("the close must wait for the posting in flight").isNotDone();
        finishPosting.countDown();
        assertThat(posting.get(10, TimeUnit.SECONDS)).isEqualTo(PeriodStatus.OPEN);
        assertThat(close.get(10, TimeUnit.SECONDS)).isGreaterThan(postingCommittedAt.get());
        PeriodStatus after = tx.execute(s -> periods.lockForPosting(month));
        assertThat(after).isEqualTo(PeriodStatus.SOFT_CLOSED);
    }
}
