package care.backoffice.billing.funders;

/** A postal address as an invoice needs it (UBL PostalAddress; country as ISO 3166-1 alpha-2). */
public record Address(String line1, String line2, String city, String postcode, String countryCode) {}
