package care.backoffice.procurement.suppliers;

import care.backoffice.support.problem.Problems;
import java.net.URI;
import java.util.regex.Pattern;

/** Checks a new supplier completely, so one answer names every bad field. Plain Java, no Spring. */
public final class SupplierRules {

    // PEPPOL participant identifiers are "<ICD scheme>:<id>", e.g. 0088:5012345678900 (GLN) or 9932:GB123456789
    // (UK VAT). The optional "iso6523-actorid-upis::" prefix is the scheme of the SML, accepted and stripped.
    private static final Pattern PEPPOL_ID = Pattern.compile("\\d{4}:[A-Za-z0-9.\\-_:]{1,100}");
    // Royal Mail's postcode format (outward code, space optional, inward code), not a check that it exists.
    private static final Pattern UK_POSTCODE = Pattern.compile("[A-Z]{1,2}\\d[A-Z\\d]? ?\\d[A-Z]{2}");

    private SupplierRules() {}

    /** The normalised values a valid request stands for. */
    public record Checked(String name, String line1, String line2, String town, String postcode, String countryCode,
            String peppolParticipantId, String orderEndpointUrl, String accountName, String sortCode,
            String accountNumber, int paymentTermsDays, String accountCode) {}

    /**
     * Account codes are what Keycloak puts in the supplier's token (claim {@code supplier}), e.g. "medisupply":
     * lower-case letters, digits, dots, dashes and underscores, so they survive any mapper unchanged.
     */
    private static final Pattern ACCOUNT_CODE = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    /** @return the normalised code, or null for none; notes a problem under {@code field} if malformed */
    public static String accountCode(Problems p, String field, String value) {
        String code = blankToNull(value);
        if (code != null && !ACCOUNT_CODE.matcher(code).matches()) {
            p.add(field, "must be 1 to 64 lower-case letters, digits, '.', '-' or '_', as in the supplier's token");
        }
        return code;
    }

    public static Checked check(SupplierRequest r) {
        Problems p = new Problems();
        if (r == null) {
            p.add("body", "is required");
            p.throwIfAny();
        }
        p.require(notBlank(r.name()) && r.name().length() <= 200, "name", "is required (at most 200 characters)");

        SupplierRequest.Address a = r.address();
        String country = a == null || a.countryCode() == null || a.countryCode().isBlank() ? "GB"
                : a.countryCode().trim().toUpperCase();
        String postcode = null;
        if (a == null) {
            p.add("address", "is required");
        } else {
            p.require(notBlank(a.line1()), "address.line1", "is required");
            p.require(notBlank(a.town()), "address.town", "is required");
            p.require(country.matches("[A-Z]{2}"), "address.countryCode", "must be an ISO 3166 two-letter code");
            if (!notBlank(a.postcode())) {
                p.add("address.postcode", "is required");
            } else {
                postcode = a.postcode().trim().toUpperCase();
                if ("GB".equals(country) && !UK_POSTCODE.matcher(postcode).matches()) {
                    p.add("address.postcode", "is not a UK postcode like AB1 2CD");
                }
            }
        }

        String peppol = blankToNull(r.peppolParticipantId());
        if (peppol != null) {
            peppol = peppol.replaceFirst("^iso6523-actorid-upis::", "");
            p.require(PEPPOL_ID.matcher(peppol).matches(), "peppolParticipantId",
                    "must be a PEPPOL participant id like 0088:5012345678900");
        }
        String endpoint = blankToNull(r.orderEndpointUrl());
        if (endpoint != null && !isHttpUrl(endpoint)) {
            p.add("orderEndpointUrl", "must be an absolute http(s) URL");
        }
        if (peppol == null && endpoint == null) {
            p.add("peppolParticipantId", "a PEPPOL participant id or an order endpoint URL is required");
        }

        SupplierRequest.BankDetails b = r.bankDetails();
        String sortCode = null;
        String accountNumber = null;
        if (b == null) {
            p.add("bankDetails", "is required");
        } else {
            p.require(notBlank(b.accountName()) && b.accountName().length() <= 18, "bankDetails.accountName",
                    "is required, at most 18 characters (the Bacs account name field)");
            // UK sort codes are six digits, often written 12-34-56; Bacs needs exactly 8-digit account numbers
            // (banks with 7-digit numbers pad with a leading zero, so we ask for the padded form).
            sortCode = b.sortCode() == null ? "" : b.sortCode().replaceAll("[\\s-]", "");
            p.require(sortCode.matches("\\d{6}"), "bankDetails.sortCode", "must be 6 digits, e.g. 12-34-56");
            accountNumber = b.accountNumber() == null ? "" : b.accountNumber().replaceAll("\\s", "");
            p.require(accountNumber.matches("\\d{8}"), "bankDetails.accountNumber", "must be 8 digits");
        }
        p.require(r.paymentTermsDays() != null && r.paymentTermsDays() >= 0 && r.paymentTermsDays() <= 120,
                "paymentTermsDays", "is required, 0 to 120 days");
        String accountCode = accountCode(p, "accountCode", r.accountCode());
        p.throwIfAny();
        return new Checked(r.name().trim(), a.line1().trim(), blankToNull(a.line2()), a.town().trim(), postcode,
                country, peppol, endpoint, b.accountName().trim(), sortCode, accountNumber, r.paymentTermsDays(),
                accountCode);
    }

    private static boolean isHttpUrl(String s) {
        try {
            URI u = URI.create(s);
            return u.isAbsolute() && ("http".equals(u.getScheme()) || "https".equals(u.getScheme()))
                    && u.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
