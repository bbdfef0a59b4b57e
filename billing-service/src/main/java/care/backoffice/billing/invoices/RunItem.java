package care.backoffice.billing.invoices;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

/** A row of run_item: one care record a run charges (CHARGE) or credits (CREDIT), on which document. */
public record RunItem(UUID runId, UUID hoursEntryId, String kind, int version, String team, String clientId,
        String careType, LocalDate careDate, UUID funderId, UUID contractId, String funderReference,
        BigDecimal hourlyRate, int chargedMinutes, int billableMinutes, UUID originalInvoiceId, String groupKey) {

    public PricedCare priced() {
        return new PricedCare(hoursEntryId, version, team, clientId, careType, careDate, funderReference, hourlyRate,
                chargedMinutes, billableMinutes);
    }

    /** Which document of the run an item goes on: credits per original invoice, charges per funder and contract
     *  (and per client for self-funders, who each pay their own invoice). Credits sort first, so that an amended
     *  record is credited before it is charged again. */
    public static String groupKey(String kind, UUID funderId, UUID contractId, boolean selfFunder, String clientId,
            UUID originalInvoiceId) {
        return "CREDIT".equals(kind) ? "C|" + originalInvoiceId
                : "I|" + funderId + "|" + contractId + (selfFunder ? "|" + clientId : "");
    }
}
