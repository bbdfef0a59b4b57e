package care.backoffice.billing.invoices;

import care.backoffice.billing.funders.Address;

/**
 * Seller or buyer as the documents print them. {@code endpointScheme}/{@code endpointId} is the electronic
 * address (a PEPPOL participant id such as 0088 + GLN, or EM + an email address).
 */
public record Party(String name, Address address, String endpointScheme, String endpointId, String email,
        String companyNumber, String vatNumber) {}
