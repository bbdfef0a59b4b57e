package care.backoffice.billing.statistics;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** What a team sees about its own care in a month: delivered, charged, and what still needs fixing. */
public record TeamStatistics(String team, String month, BigDecimal careHoursDelivered, BigDecimal careHoursCharged,
        int careRecords, int unbillableCount, List<UnbillableItem> unbillable) {

    /** A care record that cannot be charged, with the reason the back office (or the team) must fix. */
    public record UnbillableItem(UUID hoursEntryId, LocalDate date, String clientId, String careType, int minutes,
            String reason) {}
}
