package care.backoffice.billing.funders;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

public record Funder(UUID id, String legalName, FunderType type, Address address, String peppolParticipantId,
        String email, String portalUrl, int paymentTermsDays, List<RequiredReference> requiredReferences,
        Instant createdAt) {

    public boolean requires(RequiredReference reference) {
        return requiredReferences.contains(reference);
    }
}
