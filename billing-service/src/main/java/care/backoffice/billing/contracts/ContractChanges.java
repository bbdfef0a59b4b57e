package care.backoffice.billing.contracts;

import care.backoffice.billing.pricing.Money;
import care.backoffice.support.problem.Problems;
import java.time.LocalDate;

/**
 * What the back office sends to end a contract or correct it. Fields are strings so that every bad one is named in
 * one answer. A correction changes only the fields it gives (absent = unchanged) and must say why.
 */
public final class ContractChanges {

    private ContractChanges() {}

    /** A reason is what makes a correction explainable to a funder or an auditor a year later. */
    static final int REASON_MAX = 1000;

    /** Ends the contract after {@code endsOn} (its last day); care after it has no contract. */
    public record Ending(String endsOn, String reason) {

        /** @return the new last day, or null when a problem was noted */
        LocalDate check(Problems p, Contract c) {
            LocalDate end = p.date("endsOn", endsOn, true);
            if (end != null && end.isBefore(c.startsOn())) {
                p.add("endsOn", "must not be before the contract starts (" + c.startsOn() + ")");
            }
            if (reason != null && reason.length() > REASON_MAX) {
                p.add("reason", "must be at most " + REASON_MAX + " characters");
            }
            return end;
        }
    }

    /**
     * A correction of terms entered wrongly. {@code reference} and {@code purchaseOrderNumber}: an empty string
     * removes them.
     */
    public record TermsCorrection(String reason, String reference, String purchaseOrderNumber, String billingUnit,
            String rounding, String chargedTime, String output, String vat, Boolean chargeBeyondAuthorisedHours) {

        void check(Problems p) {
            checkReason(p, reason);
            if (billingUnit != null) {
                NewContract.oneOf(p, "billingUnit", billingUnit, "MINUTE", "FIVE_MINUTES", "FIFTEEN_MINUTES");
            }
            if (rounding != null) {
                NewContract.oneOf(p, "rounding", rounding, "UP", "NEAREST", "DOWN");
            }
            if (chargedTime != null) {
                NewContract.oneOf(p, "chargedTime", chargedTime, "ACTUAL", "PLANNED");
            }
            if (output != null) {
                NewContract.oneOf(p, "output", output, "PEPPOL", "COUNCIL_CSV", "PDF_EMAIL");
            }
            if (vat != null) {
                NewContract.oneOf(p, "vat", vat, "EXEMPT", "STANDARD");
            }
            // Printed on every invoice and in UBL (BT-10, BT-13): a line's worth, not a document.
            if (reference != null && reference.length() > 200) {
                p.add("reference", "must be at most 200 characters");
            }
            if (purchaseOrderNumber != null && purchaseOrderNumber.length() > 200) {
                p.add("purchaseOrderNumber", "must be at most 200 characters");
            }
            if (reference == null && purchaseOrderNumber == null && billingUnit == null && rounding == null
                    && chargedTime == null && output == null && vat == null && chargeBeyondAuthorisedHours == null) {
                p.add("billingUnit", "nothing to correct: give at least one of billingUnit, rounding, chargedTime, "
                        + "output, vat, chargeBeyondAuthorisedHours, reference, purchaseOrderNumber");
            }
        }
    }

    /**
     * A price entered wrongly: the row of {@code careType} from {@code effectiveFrom} gets {@code hourlyRate} and/or
     * starts on {@code correctedEffectiveFrom} instead. A new price from a date is not a correction: add a rate.
     */
    public record RateCorrection(String careType, String effectiveFrom, String hourlyRate,
            String correctedEffectiveFrom, String reason) {

        record Checked(LocalDate from, LocalDate to) {}

        Checked check(Problems p, Contract c) {
            checkReason(p, reason);
            if (careType == null) {
                p.add("careType", "is required: the care type of the price to correct");
            }
            LocalDate from = p.date("effectiveFrom", effectiveFrom, true);
            if (from != null && careType != null && c.rates().stream()
                    .noneMatch(r -> r.careType().equals(careType) && r.effectiveFrom().equals(from))) {
                p.add("effectiveFrom", "the contract has no " + careType + " price from this date");
            }
            if (hourlyRate != null && (Money.parse(hourlyRate) == null || Money.parse(hourlyRate).signum() < 0)) {
                p.add("hourlyRate", "must be an amount in pounds with at most two decimals, e.g. \"26.40\"");
            }
            LocalDate to = p.date("correctedEffectiveFrom", correctedEffectiveFrom, false);
            if (to != null) {
                if (to.isBefore(c.startsOn()) || (c.endsOn() != null && to.isAfter(c.endsOn()))) {
                    p.add("correctedEffectiveFrom", "must fall within the contract (" + c.startsOn() + " to "
                            + (c.endsOn() == null ? "open" : c.endsOn()) + ")");
                } else if (!to.equals(from) && c.rates().stream()
                        .anyMatch(r -> r.careType().equals(careType) && r.effectiveFrom().equals(to))) {
                    p.add("correctedEffectiveFrom", careType + " already has a price from this date");
                }
            }
            if (hourlyRate == null && correctedEffectiveFrom == null) {
                p.add("hourlyRate", "nothing to correct: give hourlyRate and/or correctedEffectiveFrom");
            }
            return new Checked(from, to == null ? from : to);
        }
    }

    static void checkReason(Problems p, String reason) {
        if (reason == null || reason.isBlank()) {
            p.add("reason", "is required: why the contract is corrected (kept in its history)");
        } else if (reason.length() > REASON_MAX) {
            p.add("reason", "must be at most " + REASON_MAX + " characters");
        }
    }
}
