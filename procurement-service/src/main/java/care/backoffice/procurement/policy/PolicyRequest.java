package care.backoffice.procurement.policy;

import java.util.List;

/** A team's spending policy as the team writes it; amounts are strings with up to two decimals. */
public record PolicyRequest(String yearlyBudget, Boolean splitByMonth, String adviceThreshold, String perOrderCap,
        List<String> approvedSupplierIds) {}
