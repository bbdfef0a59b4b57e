package care.backoffice.procurement.policy;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A team's own rules for spending: the budget for the year (optionally released month by month), the order
 * value above which the team records the advice it sought, an optional cap per order and an optional list of
 * suppliers the team has chosen to buy from. Nobody outside the team approves anything.
 */
public record TeamPolicy(String team, BigDecimal yearlyBudget, boolean splitByMonth, BigDecimal adviceThreshold,
        BigDecimal perOrderCap, List<UUID> approvedSupplierIds, int version, String changedBy,
        OffsetDateTime changedAt) {

    public boolean allowsSupplier(UUID supplierId) {
        return approvedSupplierIds.isEmpty() || approvedSupplierIds.contains(supplierId);
    }
}
