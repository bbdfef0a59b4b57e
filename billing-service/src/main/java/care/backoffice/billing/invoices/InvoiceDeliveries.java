package care.backoffice.billing.invoices;

import java.util.List;
import java.util.UUID;

/** The deliveries of an invoice's documents (the delivery feature answers; invoices do not depend on it). */
public interface InvoiceDeliveries {
    List<DocumentDelivery> of(UUID invoiceId);
}
