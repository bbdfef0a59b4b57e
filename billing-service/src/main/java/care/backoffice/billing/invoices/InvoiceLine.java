package care.backoffice.billing.invoices;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.math.BigDecimal;

/** A line per team × client × care type × hourly rate, with the funder's own reference for the client. */
public record InvoiceLine(int lineNo, String team, String clientId, String clientName, String funderReference,
        String careType, @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal hourlyRate, int visits, int minutes,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount) {}
