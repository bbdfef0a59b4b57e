package care.backoffice.procurement.suppliers;

import care.backoffice.support.security.CurrentUser;
import care.backoffice.support.security.Roles;
import java.util.Optional;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;

/**
 * Suppliers' own service accounts. Keycloak gives each supplier a confidential client with realm role
 * {@code supplier} whose tokens carry a claim {@code supplier} = the supplier's account code (e.g. "medisupply").
 * Such a token acts for that one supplier only.
 */
@Component
public class SupplierAccounts {

    /** Realm role of suppliers' service accounts (not in service-support's {@code Roles}: only we use it). */
    public static final String SUPPLIER_ROLE = "supplier";

    /** Token claim holding the supplier's account code. */
    public static final String SUPPLIER_CLAIM = "supplier";

    private final SupplierRepository suppliers;

    public SupplierAccounts(SupplierRepository suppliers) {
        this.suppliers = suppliers;
    }

    /**
     * The supplier the caller acts for: empty for the back office (which acts for any supplier); for a
     * supplier's token the supplier whose account code is the token's claim. A supplier token whose claim is
     * missing or matches no supplier is refused (403): it acts for nobody.
     */
    public Optional<Supplier> actingFor() {
        CurrentUser user = CurrentUser.get();
        if (user.has(Roles.BACK_OFFICE) || !user.has(SUPPLIER_ROLE)) {
            return Optional.empty();
        }
        String code = SecurityContextHolder.getContext().getAuthentication() instanceof JwtAuthenticationToken jwt
                ? jwt.getToken().getClaimAsString(SUPPLIER_CLAIM) : null;
        if (code == null || code.isBlank()) {
            throw new AccessDeniedException("supplier token without a supplier claim");
        }
        return Optional.of(suppliers.findByAccountCode(code.trim())
                .orElseThrow(() -> new AccessDeniedException("no supplier has account code " + code)));
    }

    /**
     * The supplier a PEPPOL document is from: for the back office, the supplier with the document's seller
     * electronic address (empty if none has it); for a supplier's own account, itself, and a document whose
     * seller address is another supplier's, or not its own PEPPOL id, is a 403.
     */
    public Optional<java.util.UUID> supplierOfDocument(Optional<Supplier> caller, String sellerEndpoint) {
        Optional<java.util.UUID> named = sellerEndpoint == null ? Optional.empty()
                : suppliers.idByPeppolParticipant(sellerEndpoint);
        if (caller.isEmpty()) {
            return named;
        }
        Supplier self = caller.get();
        boolean another = named.isPresent() && !named.get().equals(self.id());
        boolean notItsAddress = self.peppolParticipantId() != null && !self.peppolParticipantId().equals(sellerEndpoint);
        if (another || notItsAddress) {
            throw new AccessDeniedException("the document's seller is not the supplier of this account");
        }
        return Optional.of(self.id());
    }

    /** Refuses (403) a supplier's token acting for another supplier; the back office may act for any. */
    public void requireActingFor(Optional<Supplier> caller, java.util.UUID supplierId) {
        if (caller.isPresent() && !caller.get().id().equals(supplierId)) {
            throw new AccessDeniedException("a supplier acts for itself only");
        }
    }
}
