package care.backoffice.finance.journals;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A journal as stored: the answer to a posting and to every replay of it. */
@Schema(description = "A posted journal")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PostedJournal(UUID id, long number, LocalDate date, String description, String source,
        String sourceDocumentId, UUID reversesJournalId, String postedBy, Instant postedAt, String totalDebit,
        String totalCredit, List<Line> lines) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Line(int lineNo, String account, String debit, String credit, String team,
            Map<String, String> dimensions) {}
}
