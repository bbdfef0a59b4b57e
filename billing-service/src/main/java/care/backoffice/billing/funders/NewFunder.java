package care.backoffice.billing.funders;

import care.backoffice.support.problem.Problems;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A funder as the back office enters it. Fields are plain strings so that every bad one can be named in
 * one answer instead of the first failed conversion.
 */
public record NewFunder(String legalName, String type, Address address, String peppolParticipantId, String email,
        String portalUrl, Integer paymentTermsDays, List<String> requiredReferences) {

    /** PEPPOL participant id: a four-digit ICD scheme, a colon, the identifier (Peppol Policy for use of identifiers). */
    static final Pattern PEPPOL_ID = Pattern.compile("^[0-9]{4}:[A-Za-z0-9][A-Za-z0-9.\\-_:]{0,49}$");
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    private static final Pattern COUNTRY = Pattern.compile("^[A-Z]{2}$");

    void check() {
        Problems p = new Problems();
        p.require(notBlank(legalName), "legalName", "is required");
        // The legal name goes on every invoice and into UBL's RegistrationName; 200 characters is ample for any body.
        p.require(legalName == null || legalName.length() <= 200, "legalName", "must be at most 200 characters");
        if (type == null) {
            p.add("type", "is required: one of NHS_ICB, NHS_CHC, LOCAL_AUTHORITY, SELF_FUNDER, OTHER");
        } else if (!FunderType.isValid(type)) {
            p.add("type", "must be one of NHS_ICB, NHS_CHC, LOCAL_AUTHORITY, SELF_FUNDER, OTHER");
        }
        if (address == null) {
            p.add("address", "is required");
        } else {
            p.require(notBlank(address.line1()), "address.line1", "is required");
            p.require(address.line1() == null || address.line1().length() <= 200, "address.line1", "must be at most 200 characters");
            p.require(address.city() == null || address.city().length() <= 100, "address.city", "must be at most 100 characters");
            p.require(notBlank(address.city()), "address.city", "is required");
            p.require(notBlank(address.postcode()), "address.postcode", "is required");
            p.require(address.countryCode() == null || COUNTRY.matcher(address.countryCode()).matches(),
                    "address.countryCode", "must be an ISO 3166-1 alpha-2 code such as GB");
        }
        if (peppolParticipantId != null && !PEPPOL_ID.matcher(peppolParticipantId).matches()) {
            p.add("peppolParticipantId", "must be scheme:id with a four-digit scheme, e.g. 0088:5012345678900");
        }
        if (email != null && !EMAIL.matcher(email).matches()) {
            p.add("email", "is not an email address");
        }
        if (portalUrl != null && !portalUrl.startsWith("https://")) {
            p.add("portalUrl", "must be an https:// address");
        }
        // Invoices go somewhere: over PEPPOL to the participant id, or as a PDF by email.
        p.require(notBlank(peppolParticipantId) || notBlank(email), "peppolParticipantId",
                "a PEPPOL participant id or an email is required to send the invoice to");
        if (paymentTermsDays == null) {
            p.add("paymentTermsDays", "is required");
        } else if (paymentTermsDays < 0 || paymentTermsDays > 365) {
            p.add("paymentTermsDays", "must be between 0 and 365");
        }
        if (requiredReferences != null) {
            for (int i = 0; i < requiredReferences.size(); i++) {
                if (!RequiredReference.isValid(requiredReferences.get(i))) {
                    p.add("requiredReferences[" + i + "]",
                            "must be one of PURCHASE_ORDER_NUMBER, CLIENT_REFERENCE, CONTRACT_REFERENCE");
                }
            }
        }
        p.throwIfAny();
    }

    static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
