package care.backoffice.finance.periods;

import care.backoffice.support.problem.ApiException;
import java.util.Map;

/** Which period changes are allowed: plain rules, kept apart from the locking that applies them. */
public final class PeriodRules {

    public enum Action { CLOSE, REOPEN, LOCK }

    private PeriodRules() {}

    /** The status after the action, or a 409 saying why it is not allowed. Repeating an action is a no-op. */
    public static PeriodStatus next(PeriodStatus now, Action action) {
        return switch (action) {
            case CLOSE -> {
                if (now == PeriodStatus.HARD_LOCKED) {
                    throw refused(now, action, "the period is hard-locked (year end)");
                }
                yield PeriodStatus.SOFT_CLOSED;
            }
            case REOPEN -> {
                if (now == PeriodStatus.HARD_LOCKED) {
                    throw refused(now, action, "a hard-locked period (year end) can never be reopened");
                }
                yield PeriodStatus.OPEN;
            }
            case LOCK -> PeriodStatus.HARD_LOCKED;
        };
    }

    private static ApiException refused(PeriodStatus now, Action action, String why) {
        return new ApiException(409, "Period change not allowed", "cannot " + action.name().toLowerCase()
                + ": " + why, Map.of("code", "PERIOD_LOCKED", "status", now.name()));
    }
}
