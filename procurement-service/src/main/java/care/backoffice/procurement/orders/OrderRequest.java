package care.backoffice.procurement.orders;

import care.backoffice.procurement.advice.AdviceRequest;
import java.util.List;

/**
 * A team's order: a catalogue line names a catalogue item and a quantity; a free-text line describes the item
 * and gives its category, unit and expected unit price.
 */
public record OrderRequest(String supplierId, DeliveryAddress deliveryAddress, List<Line> lines, AdviceRequest advice,
        String note) {

    public record DeliveryAddress(String line1, String line2, String town, String postcode) {}

    public record Line(String catalogueItemId, String description, String category, String unit, String quantity,
            String unitPrice) {}
}
