package care.backoffice.procurement.catalogue;

import java.math.BigDecimal;
import java.util.UUID;

public record CatalogueItem(UUID id, UUID supplierId, String supplierItemCode, String description, String unit,
        BigDecimal unitPrice, String category) {}
