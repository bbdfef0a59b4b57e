package care.backoffice.billing.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    @Test
    void theWaitDoublesFromTheFirstUpToTheLongestAndTheDefaultsGiveUpAfterAboutSixHours() {
        RetryPolicy defaults = new RetryPolicy(10, Duration.ofMinutes(1), Duration.ofHours(2));
        assertThat(IntStream.rangeClosed(1, 9).mapToObj(defaults::waitAfter).map(Duration::toMinutes))
                .containsExactly(1L, 2L, 4L, 8L, 16L, 32L, 64L, 120L, 120L);
        assertThat(defaults.givesUpAfter(9)).isFalse();
        assertThat(defaults.givesUpAfter(10)).isTrue();
        Duration waited = IntStream.rangeClosed(1, 9).mapToObj(defaults::waitAfter).reduce(Duration.ZERO, Duration::plus);
        assertThat(waited).isEqualTo(Duration.ofMinutes(367));   // about six hours between the first and the last attempt
        // A huge number of attempts neither overflows nor passes the longest wait.
        assertThat(defaults.waitAfter(10_000)).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void aPolicyThatCouldNeverSendOrWaitsBackwardsIsRefusedAtStartUp() {
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ofMinutes(1), Duration.ofHours(1)))
                .hasMessageContaining("max-attempts");
        assertThatThrownBy(() -> new RetryPolicy(3, Duration.ofHours(2), Duration.ofMinutes(1)))
                .hasMessageContaining("longest-retry-wait");
    }
}
