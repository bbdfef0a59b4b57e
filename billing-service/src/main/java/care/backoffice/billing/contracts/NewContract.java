package care.backoffice.billing.contracts;

import care.backoffice.billing.care.CareType;
import care.backoffice.billing.pricing.Money;
import care.backoffice.support.problem.Problems;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** A contract as the back office enters it; strings so that every bad field is named in one answer. */
public record NewContract(String funderId, String reference, String purchaseOrderNumber, String billingUnit,
        String rounding, String chargedTime, String output, String vat, Boolean chargeBeyondAuthorisedHours,
        String startsOn, String endsOn, List<NewRate> rates) {

    public record NewRate(String careType, String hourlyRate, String effectiveFrom) {}

    void check(Problems p) {
        p.require(parseUuid(funderId) != null, "funderId", "is required: the id of a registered funder");
        oneOf(p, "billingUnit", billingUnit, "MINUTE", "FIVE_MINUTES", "FIFTEEN_MINUTES");
        oneOf(p, "rounding", rounding, "UP", "NEAREST", "DOWN");
        oneOf(p, "chargedTime", chargedTime, "ACTUAL", "PLANNED");
        oneOf(p, "output", output, "PEPPOL", "COUNCIL_CSV", "PDF_EMAIL");
        if (vat != null) {
            oneOf(p, "vat", vat, "EXEMPT", "STANDARD");
        }
        LocalDate start = p.date("startsOn", startsOn, true);
        LocalDate end = p.date("endsOn", endsOn, false);
        if (start != null && end != null && end.isBefore(start)) {
            p.add("endsOn", "must not be before startsOn");
        }
        if (rates == null || rates.isEmpty()) {
            p.add("rates", "at least one hourly price per care type is required");
        } else {
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < rates.size(); i++) {
                NewRate r = rates.get(i);
                String at = "rates[" + i + "]";
                checkRate(p, at, r);
                LocalDate from = r.effectiveFrom() == null ? start : p.date(at + ".effectiveFrom", r.effectiveFrom(), false);
                if (from != null && start != null && from.isBefore(start)) {
                    p.add(at + ".effectiveFrom", "must not be before the contract starts");
                }
                if (!seen.add(r.careType() + "@" + from)) {
                    p.add(at + ".careType", "has two prices from the same date");
                }
            }
        }
    }

    static void checkRate(Problems p, String at, NewRate r) {
        if (r.careType() == null || !CareType.isValid(r.careType())) {
            p.add(at + ".careType", "must be one of " + List.of(CareType.values()));
        }
        if (Money.parse(r.hourlyRate()) == null || Money.parse(r.hourlyRate()).signum() < 0) {
            p.add(at + ".hourlyRate", "must be an amount in pounds with at most two decimals, e.g. \"26.40\"");
        }
    }

    static void oneOf(Problems p, String field, String value, String... allowed) {
        if (value == null || !List.of(allowed).contains(value)) {
            p.add(field, (value == null ? "is required: " : "must be ") + "one of " + String.join(", ", allowed));
        }
    }

    static UUID parseUuid(String s) {
        try {
            return s == null ? null : UUID.fromString(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
