package care.backoffice.procurement.policy;

import care.backoffice.procurement.shared.Money;
import care.backoffice.support.problem.Problems;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

/** Checks a policy change whole. Plain Java; whether a supplier exists is asked through a predicate. */
public final class PolicyRules {

    private PolicyRules() {}

    public record Checked(BigDecimal yearlyBudget, boolean splitByMonth, BigDecimal adviceThreshold,
            BigDecimal perOrderCap, List<UUID> approvedSupplierIds) {}

    public static Checked check(PolicyRequest r, Predicate<UUID> supplierExists) {
        Problems p = new Problems();
        if (r == null) {
            p.add("body", "is required");
            p.throwIfAny();
        }
        BigDecimal budget = Money.parse(p, "yearlyBudget", r.yearlyBudget(), true);
        p.require(r.splitByMonth() != null, "splitByMonth", "is required (true or false)");
        BigDecimal threshold = Money.parse(p, "adviceThreshold", r.adviceThreshold(), true);
        BigDecimal cap = Money.parse(p, "perOrderCap", r.perOrderCap(), false);
        if (cap != null && cap.signum() == 0) {
            p.add("perOrderCap", "must be more than 0.00, or left out for no cap");
        }
        List<UUID> approved = new ArrayList<>();
        List<String> ids = r.approvedSupplierIds() == null ? List.of() : r.approvedSupplierIds();
        for (int i = 0; i < ids.size(); i++) {
            String field = "approvedSupplierIds[" + i + "]";
            try {
                UUID id = UUID.fromString(String.valueOf(ids.get(i)));
                if (!supplierExists.test(id)) {
                    p.add(field, "is not a known supplier");
                } else if (approved.contains(id)) {
                    p.add(field, "is listed twice");
                } else {
                    approved.add(id);
                }
            } catch (IllegalArgumentException e) {
                p.add(field, "is not a supplier id");
            }
        }
        p.throwIfAny();
        return new Checked(budget, r.splitByMonth(), threshold, cap, List.copyOf(approved));
    }
}
