package care.backoffice.procurement.invoices;

import java.util.List;

/**
 * A supplier invoice as JSON (a UBL Invoice is read into the same shape). Amounts are strings with at most two
 * decimals. {@code orderNumber} is our order number as printed on the order (PO-000123).
 */
public record InvoiceRequest(String supplierId, String invoiceNumber, String orderNumber, String issueDate,
        String total, List<Line> lines) {

    public record Line(Integer orderLineNo, String description, String quantity, String unitPrice, String lineTotal) {}
}
