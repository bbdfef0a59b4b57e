package care.backoffice.billing.clients;

import care.backoffice.billing.funders.Address;
import care.backoffice.support.problem.Problems;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** A client with their first funding; the id is the one teams use (payroll sends it with each visit). */
public record NewClient(String id, String name, Address address, String email, NewFunding funding) {

    public record NewFunding(String funderId, String from, String to, String packageKind, String funderReference,
            String authorisedHoursPerWeek) {

        static final List<String> PACKAGES = List.of("COUNCIL_PACKAGE", "CHC_PACKAGE", "NHS_FUNDED", "SELF_FUNDING", "OTHER");

        void check(Problems p, String at) {
            p.require(uuid(funderId) != null, at + "funderId", "is required: the id of a registered funder");
            LocalDate start = p.date(at + "from", from, true);
            LocalDate end = p.date(at + "to", to, false);
            if (start != null && end != null && end.isBefore(start)) {
                p.add(at + "to", "must not be before from");
            }
            if (packageKind == null || !PACKAGES.contains(packageKind)) {
                p.add(at + "packageKind", "must be one of " + String.join(", ", PACKAGES));
            }
            if (authorisedHoursPerWeek != null && (hours() == null || hours().signum() < 0)) {
                p.add(at + "authorisedHoursPerWeek", "must be a number of hours with at most two decimals, e.g. \"10.5\"");
            }
        }

        BigDecimal hours() {
            if (authorisedHoursPerWeek == null || !authorisedHoursPerWeek.matches("^[0-9]{1,3}(\\.[0-9]{1,2})?$")) {
                return null;
            }
            return new BigDecimal(authorisedHoursPerWeek);
        }

        Integer authorisedMinutesPerWeek() {
            BigDecimal h = hours();
            return h == null ? null : h.multiply(BigDecimal.valueOf(60)).setScale(0, java.math.RoundingMode.HALF_UP).intValueExact();
        }
    }

    void check(Problems p) {
        if (id != null && !id.matches("^[A-Za-z0-9][A-Za-z0-9._\\-]{0,63}$")) {
            p.add("id", "must be 1-64 letters, digits, '.', '_' or '-'");
        }
        checkDetails(p, name, address, email);
        if (funding == null) {
            p.add("funding", "is required: who pays for this client's care from which date");
        } else {
            funding.check(p, "funding.");
        }
    }

    /** Name, address and email: the same rules for a new client and a change of details. */
    static void checkDetails(Problems p, String name, Address address, String email) {
        p.require(name != null && !name.isBlank(), "name", "is required");
        if (address == null) {
            p.add("address", "is required: where the client receives care and, for self-funders, the invoice");
        } else {
            p.require(address.line1() != null && !address.line1().isBlank(), "address.line1", "is required");
            p.require(address.city() != null && !address.city().isBlank(), "address.city", "is required");
            p.require(address.postcode() != null && !address.postcode().isBlank(), "address.postcode", "is required");
        }
        if (email != null && !email.matches("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$")) {
            p.add("email", "is not an email address");
        }
    }

    static UUID uuid(String s) {
        try {
            return s == null ? null : UUID.fromString(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

}
