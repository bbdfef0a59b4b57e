package care.backoffice.billing.invoices;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** An issued (or rejected) invoice or credit note as the back office reads it. */
public record Invoice(UUID id, String number, InvoiceKind kind, String status, UUID runId, UUID funderId,
        String funderType, String clientId, String purchaseOrderNumber, UUID originalInvoiceId, LocalDate issueDate,
        LocalDate dueDate, LocalDate periodStart, LocalDate periodEnd,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal net,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal vat,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal total, String rejection, List<InvoiceLine> lines,
        List<String> documents) {}
