package care.backoffice.billing.delivery;

import care.backoffice.billing.invoices.DocumentDelivery;
import care.backoffice.billing.invoices.InvoiceDeliveries;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

@Component
class DeliveriesOfInvoice implements InvoiceDeliveries {

    private final DeliveryRepository deliveries;

    DeliveriesOfInvoice(DeliveryRepository deliveries) {
        this.deliveries = deliveries;
    }

    @Override
    public List<DocumentDelivery> of(UUID invoiceId) {
        return deliveries.list(new DeliveryRepository.Filter(null, null, null, invoiceId, DeliveryController.MAX_LIST))
                .stream().map(d -> new DocumentDelivery(d.id(), d.document(), d.channel().name(), d.status().name(),
                        d.recipient(), d.sentAt(), d.uploadedAt(), d.failure()))
                .toList();
    }
}
