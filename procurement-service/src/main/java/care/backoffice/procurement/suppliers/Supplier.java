package care.backoffice.procurement.suppliers;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A supplier as stored, with sort code and account number in their normalised digits-only form.
 *
 * @param accountCode the code in the {@code supplier} claim of the supplier's own service account, or null
 */
public record Supplier(UUID id, String name, String addressLine1, String addressLine2, String town, String postcode,
        String countryCode, String peppolParticipantId, String orderEndpointUrl, String bankAccountName,
        String sortCode, String accountNumber, int paymentTermsDays, String createdBy, OffsetDateTime createdAt,
        String accountCode) {
}
