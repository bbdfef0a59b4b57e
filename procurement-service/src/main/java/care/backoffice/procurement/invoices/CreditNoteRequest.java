package care.backoffice.procurement.invoices;

import java.util.List;

/**
 * A supplier credit note as JSON (a UBL CreditNote is read into the same shape). {@code invoiceNumber} is the
 * supplier's own number of the invoice it credits. {@code total}, if given, must equal the sum of the lines.
 * Lines are as on an invoice: {@code orderLineNo} names our order line; a line at the invoice's price credits
 * goods (returned or never delivered), at another price it corrects the price.
 */
public record CreditNoteRequest(String supplierId, String creditNoteNumber, String invoiceNumber, String issueDate,
        String total, String reason, List<InvoiceRequest.Line> lines) {}
