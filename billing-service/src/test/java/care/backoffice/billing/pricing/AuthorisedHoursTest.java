package care.backoffice.billing.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AuthorisedHoursTest {

    private final UUID a = UUID.randomUUID();
    private final UUID b = UUID.randomUUID();
    private final UUID c = UUID.randomUUID();

    @Test
    void theVisitThatCrossesTheLimitIsBeyondByItsExcessAndLaterVisitsEntirely() {
        var out = AuthorisedHours.apply(120, 0, List.of(new AuthorisedHours.Visit(a, 60), new AuthorisedHours.Visit(b, 50),
                new AuthorisedHours.Visit(c, 30)), false);
        assertThat(out).containsExactly(new AuthorisedHours.Outcome(a, 60, 0), new AuthorisedHours.Outcome(b, 50, 0),
                new AuthorisedHours.Outcome(c, 10, 20));
    }

    @Test
    void minutesChargedByEarlierRunsInTheSameWeekCountFirst() {
        var out = AuthorisedHours.apply(120, 100, List.of(new AuthorisedHours.Visit(a, 30), new AuthorisedHours.Visit(b, 15)), false);
        assertThat(out).containsExactly(new AuthorisedHours.Outcome(a, 20, 10), new AuthorisedHours.Outcome(b, 0, 15));
    }

    @Test
    void aContractThatChargesBeyondThePackageChargesEverythingButStillFlagsIt() {
        var out = AuthorisedHours.apply(60, 0, List.of(new AuthorisedHours.Visit(a, 45), new AuthorisedHours.Visit(b, 45)), true);
        assertThat(out).containsExactly(new AuthorisedHours.Outcome(a, 45, 0), new AuthorisedHours.Outcome(b, 45, 30));
    }
}
