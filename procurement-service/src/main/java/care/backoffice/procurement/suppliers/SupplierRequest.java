package care.backoffice.procurement.suppliers;

/** What the back office types in to set up a supplier; checked whole by {@link SupplierRules}. */
public record SupplierRequest(String name, Address address, String peppolParticipantId, String orderEndpointUrl,
        BankDetails bankDetails, Integer paymentTermsDays, String accountCode) {

    public record Address(String line1, String line2, String town, String postcode, String countryCode) {}

    public record BankDetails(String accountName, String sortCode, String accountNumber) {}
}
