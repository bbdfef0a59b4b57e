package care.backoffice.billing.pricing;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A care package authorises N hours a week (Monday to Sunday). Visits are counted in the order they took place;
 * the visit that crosses the limit is beyond it by the minutes over, later ones entirely. Whether those minutes
 * are charged is the contract's rule: some councils pay them (and review the package), others do not.
 */
public final class AuthorisedHours {

    private AuthorisedHours() {}

    public record Visit(UUID id, int billableMinutes) {}

    /** A visit's outcome: the minutes to charge and how many of its minutes lie beyond the authorisation. */
    public record Outcome(UUID id, int billableMinutes, int minutesBeyond) {}

    /**
     * @param alreadyCharged minutes of the same client-week charged by earlier runs, which count first
     * @param visits this run's visits of the client-week, in the order they took place
     */
    public static List<Outcome> apply(int authorisedMinutes, int alreadyCharged, List<Visit> visits,
            boolean chargeBeyond) {
        List<Outcome> out = new ArrayList<>(visits.size());
        int used = alreadyCharged;
        for (Visit v : visits) {
            int within = Math.max(0, Math.min(v.billableMinutes(), authorisedMinutes - used));
            int beyond = v.billableMinutes() - within;
            used += v.billableMinutes();
            out.add(new Outcome(v.id(), chargeBeyond ? v.billableMinutes() : within, beyond));
        }
        return out;
    }
}
