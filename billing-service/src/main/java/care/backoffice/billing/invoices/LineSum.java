package care.backoffice.billing.invoices;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * The visits of one invoice line summed (team × client × care type × hourly rate, with the funder's reference for
 * the client): how many, their billable minutes, their first and last day. Money is not summed here; it is
 * computed once per line from the minutes (see {@link care.backoffice.billing.pricing.Pricing}).
 */
public record LineSum(String team, String clientId, String clientName, String funderReference, String careType,
        BigDecimal hourlyRate, int visits, long minutes, LocalDate firstDay, LocalDate lastDay) {}
