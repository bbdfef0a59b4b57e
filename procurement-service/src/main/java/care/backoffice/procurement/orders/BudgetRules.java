package care.backoffice.procurement.orders;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;

/**
 * How much a team may still commit. Plain Java.
 *
 * <p>Budget year: the organisation's financial year, starting on the first of {@code startMonth} (April by
 * default, the usual UK charity and company year; property {@code procurement.budget.year-start-month}); it is
 * named by the calendar year it starts in.
 *
 * <p>Split by month: one twelfth of the yearly budget is released at the start of each month, and whatever a
 * team did not use carries forward. Released to date = yearly × months begun / 12, rounded DOWN to the penny, so
 * that the sum released never exceeds the yearly budget (in the twelfth month it is exactly the yearly budget).
 */
public final class BudgetRules {

    private BudgetRules() {}

    public static int budgetYear(LocalDate date, int startMonth) {
        return date.getMonthValue() >= startMonth ? date.getYear() : date.getYear() - 1;
    }

    public static BigDecimal releasedToDate(BigDecimal yearlyBudget, boolean splitByMonth, LocalDate date,
            int startMonth) {
        if (!splitByMonth) {
            return yearlyBudget;
        }
        int monthsBegun = Math.floorMod(date.getMonthValue() - startMonth, 12) + 1;
        return yearlyBudget.multiply(BigDecimal.valueOf(monthsBegun)).divide(BigDecimal.valueOf(12), 2,
                RoundingMode.DOWN);
    }

    /** Remaining = released to date − committed − spent; it may be negative after a policy was lowered. */
    public static BigDecimal remaining(BigDecimal released, BigDecimal committed, BigDecimal spent) {
        return released.subtract(committed).subtract(spent);
    }

    public static boolean fits(BigDecimal orderTotal, BigDecimal remaining) {
        return orderTotal.compareTo(remaining) <= 0;
    }

    /**
     * A line's amount: quantity × unit price rounded half-up to the penny, as PEPPOL BIS and UK invoices round
     * line amounts (BIS rule: line extension amount = quantity × price, two decimals).
     */
    public static BigDecimal lineTotal(BigDecimal quantity, BigDecimal unitPrice) {
        return quantity.multiply(unitPrice).setScale(2, RoundingMode.HALF_UP);
    }
}
