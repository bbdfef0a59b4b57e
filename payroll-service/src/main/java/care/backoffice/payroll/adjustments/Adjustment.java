package care.backoffice.payroll.adjustments;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * A one-off payment or deduction for a colleague, paid in the run of {@code period} (the pay period as runs name
 * it: {@code YYYY-MM} for monthly pay). {@code correctsPeriod} names an earlier, already paid period it corrects:
 * a paid period is closed, so a correction goes into a later run as an adjustment.
 */
public record Adjustment(UUID id, UUID employeeId, String period, AdjustmentType type, String kind,
        BigDecimal amount, boolean taxable, boolean niable, String reason, String correctsPeriod, String createdBy,
        Instant createdAt, String status, String voidedBy, Instant voidedAt, String voidReason) {

    /** How the payslip names it: "Bonus: winter cover", "Back pay for 2026-04: missed visits". */
    public String payslipText() {
        return payslipText(type, reason, correctsPeriod);
    }

    public static String payslipText(AdjustmentType type, String reason, String correctsPeriod) {
        return type.label() + (correctsPeriod == null ? "" : " for " + correctsPeriod) + ": " + reason;
    }
}
