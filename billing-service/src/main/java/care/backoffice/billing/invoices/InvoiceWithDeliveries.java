package care.backoffice.billing.invoices;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;

/** An invoice or credit note with where its documents went (none while it is not issued or not yet queued). */
public record InvoiceWithDeliveries(@JsonUnwrapped Invoice invoice, List<DocumentDelivery> deliveries) {}
