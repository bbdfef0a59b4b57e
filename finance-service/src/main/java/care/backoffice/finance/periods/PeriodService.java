package care.backoffice.finance.periods;

import java.time.YearMonth;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
public class PeriodService {

    private final PeriodRepository periods;

    public PeriodService(PeriodRepository periods) {
        this.periods = periods;
    }

    /** Applies the change under an exclusive lock on the month; records who and why when the status changes. */
    @Transactional
    public PeriodStatus change(YearMonth month, PeriodRules.Action action, String user, String reason) {
        PeriodStatus now = periods.lockForChange(month);
        PeriodStatus next = PeriodRules.next(now, action);
        if (next != now) {
            periods.change(month, action.name(), now, next, user, reason);
        }
        return next;
    }
}
