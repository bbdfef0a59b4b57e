package care.backoffice.billing.runs;

import care.backoffice.billing.invoices.Invoice;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A billing run as the back office follows it: progress while it runs, its documents or preview after. */
public record BillingRun(UUID id, String month, boolean dryRun, String status, Progress progress, int unbillableRecords,
        String failure, String requestedBy, Instant requestedAt, Instant finishedAt,
        List<AuthorisedHoursCheck.BeyondAuthorised> beyondAuthorisedHours, List<Invoice> documents,
        List<Preview> preview) {

    /** Care records priced of those to price, then documents issued (or rejected) of those to issue. */
    public record Progress(int careRecordsDone, Integer careRecordsTotal, int documentsIssued, int documentsRejected,
            int documentsTotal) {}

    /** What a dry run would issue: one entry per document, with its lines and totals. */
    public record Preview(String kind, UUID funderId, String clientId, Invoice previewDocument) {}
}
