package care.backoffice.billing.invoices;

import care.backoffice.billing.funders.Address;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The care organisation itself, as seller on every invoice ({@code billing.seller.*}). The VAT number is needed
 * even though care is exempt: EN 16931 BR-E-02 wants the seller's VAT or tax registration id on an invoice with
 * exempt lines. The bank account is where funders pay (BT-84, required with payment means 30, BR-61).
 */
@ConfigurationProperties("billing.seller")
public record Seller(String legalName, String companyNumber, String vatNumber, String peppolParticipantId,
        String email, String addressLine1, String city, String postcode, String bankAccount, String bankAccountName) {

    public Party asParty() {
        String[] endpoint = peppolParticipantId.split(":", 2);
        return new Party(legalName, new Address(addressLine1, null, city, postcode, "GB"), endpoint[0], endpoint[1],
                email, companyNumber, vatNumber);
    }
}
