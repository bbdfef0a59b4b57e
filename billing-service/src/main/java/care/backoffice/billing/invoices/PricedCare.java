package care.backoffice.billing.invoices;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

/** One care record as a run charges (or credits) it: already brought to billable minutes at its hourly rate. */
public record PricedCare(UUID hoursEntryId, int version, String team, String clientId, String careType,
        LocalDate careDate, String funderReference, BigDecimal hourlyRate, int chargedMinutes, int billableMinutes) {}
