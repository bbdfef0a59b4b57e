package care.backoffice.payroll.adjustments;

import care.backoffice.payroll.engine.PayslipCalculator;
import care.backoffice.support.problem.Problems;
import java.math.BigDecimal;
import java.time.LocalDate;
import care.backoffice.payroll.runs.PayPeriod;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rules for a new adjustment that need no database, plain Java: every bad field is named in one answer. The
 * rest (the colleague exists and is employed in the period, the period is not paid or being paid) is checked by
 * the controller against the stored data.
 */
final class AdjustmentRules {

    /** Pounds with at most 2 decimals, below £10 million: a one-off adjustment larger than that is a typing error. */
    private static final Pattern MONEY = Pattern.compile("\\d{1,7}(\\.\\d{1,2})?");
    /** Shown on the payslip (one line) and in the FPS-free text of the journal: printable, short. */
    static final int MAX_REASON = 120;

    /** The request as the back office sends it; text fields so that every bad one is named. */
    record Request(String period, String type, String amount, Boolean taxable, Boolean niable, String reason,
            String correctsPeriod) {}

    /** A checked adjustment, ready to store. */
    record Checked(PayPeriod period, AdjustmentType type, BigDecimal amount, boolean taxable, boolean niable,
            String reason, PayPeriod correctsPeriod) {}

    private AdjustmentRules() {}

    /** The request's own fields: 400 naming every bad one. */
    static Checked check(Request r) {
        Problems p = new Problems();
        PayPeriod period = period(p, "period", r.period(), true);
        AdjustmentType type = null;
        if (r.type() == null || r.type().isBlank()) {
            p.add("type", "is required: one of " + Arrays.toString(AdjustmentType.values()));
        } else {
            try {
                type = AdjustmentType.valueOf(r.type().strip());
            } catch (IllegalArgumentException e) {
                p.add("type", "must be one of " + Arrays.toString(AdjustmentType.values()));
            }
        }
        BigDecimal amount = null;
        if (r.amount() == null || !MONEY.matcher(r.amount().strip()).matches()) {
            p.add("amount", "is required: pounds with at most 2 decimals, e.g. \"150.00\" (the type says whether it is "
                    + "paid or deducted)");
        } else {
            amount = new BigDecimal(r.amount().strip()).setScale(2);
            p.require(amount.signum() > 0, "amount", "must be more than zero");
        }
        boolean taxable = false;
        boolean niable = false;
        if (type != null) {
            if (type.taxable() == null) {
                p.require(r.taxable() != null, "taxable", "is required for " + type + ": is it taxable (HMRC)?");
                p.require(r.niable() != null, "niable", "is required for " + type + ": is it subject to Class 1 NI?");
                taxable = Boolean.TRUE.equals(r.taxable());
                niable = Boolean.TRUE.equals(r.niable());
                if (r.taxable() != null && r.niable() != null) {
                    String unsupported = PayslipCalculator.unsupportedTreatment(type.kind(), taxable, niable);
                    p.require(unsupported == null, "niable", unsupported);
                }
            } else {
                taxable = type.taxable();
                niable = type.niable();
                // The fixed types carry HMRC's treatment; a different one is a different type (OTHER_*).
                p.require(r.taxable() == null || r.taxable() == taxable, "taxable", type + " is "
                        + (taxable ? "" : "not ") + "taxable (HMRC); use " + other(type) + " for anything else");
                p.require(r.niable() == null || r.niable() == niable, "niable", type + " is "
                        + (niable ? "" : "not ") + "NI-able (HMRC); use " + other(type) + " for anything else");
            }
        }
        String reason = r.reason() == null ? "" : r.reason().strip();
        if (reason.isEmpty()) {
            p.add("reason", "is required: it is printed on the payslip");
        } else {
            p.require(reason.length() <= MAX_REASON, "reason", "must be at most " + MAX_REASON + " characters");
            p.require(reason.chars().noneMatch(Character::isISOControl), "reason", "must be one line of text");
        }
        PayPeriod corrects = period(p, "correctsPeriod", r.correctsPeriod(), false);
        if (period != null && corrects != null) {
            p.require(corrects.end().isBefore(period.start()), "correctsPeriod",
                    "must be a period before " + period.name() + ": a correction is paid in a later run");
        }
        p.throwIfAny();
        return new Checked(period, type, amount, taxable, niable, reason, corrects);
    }

    /**
     * The run of a period pays whoever is employed on a day of it, so an adjustment outside the employment would
     * never be paid: 422.
     */
    static void requireEmployed(Checked c, LocalDate employeeStart, LocalDate employeeLeaving, String schedule) {
        Problems p = new Problems();
        p.require(!c.period().end().isBefore(employeeStart), "period",
                "is before the colleague started (" + employeeStart + ")");
        p.require(employeeLeaving == null || !c.period().start().isAfter(employeeLeaving), "period",
                "is after the colleague left (" + employeeLeaving + "): payments after leaving are not supported "
                        + "yet; put it in the final period");
        // Runs pay one schedule: an adjustment in another schedule's period would never be paid.
        p.require(schedule == null || schedule.equals(c.period().frequency().name()), "period",
                "is a " + c.period().frequency() + " period, but the colleague is paid " + schedule
                        + (schedule == null ? "" : ": name one of their periods (" + example(schedule) + ")"));
        p.throwIfAny(422, "The colleague is not paid in the period");
    }

    private static String example(String schedule) {
        return switch (schedule) {
            case "WEEKLY" -> "2026-27-W05";
            case "FORTNIGHTLY" -> "2026-27-2W03";
            case "FOUR_WEEKLY" -> "2026-27-4W02";
            default -> "2026-05";
        };
    }

    private static String other(AdjustmentType t) {
        return t.kind() == PayslipCalculator.AdjustmentKind.PAYMENT ? "OTHER_PAYMENT" : "OTHER_DEDUCTION";
    }

    private static PayPeriod period(Problems p, String field, String value, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                p.add(field, "is required: the pay period as its run names it (YYYY-MM, or 2026-27-W05, "
                        + "2026-27-2W03, 2026-27-4W02)");
            }
            return null;
        }
        // The pay date does not matter for the period's days; its start stands in.
        Optional<PayPeriod> parsed = PayPeriod.parse(value.strip(), LocalDate.of(2000, 1, 1));
        if (parsed.isEmpty()) {
            p.add(field, "must be a pay period as its run names it: YYYY-MM, or 2026-27-W05, 2026-27-2W03, 2026-27-4W02");
            return null;
        }
        return parsed.get();
    }
}
