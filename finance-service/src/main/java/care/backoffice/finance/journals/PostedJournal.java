package care.backoffice.finance.journals;

import com.fasterxml.jackson.annotation.JsonInclude;
import care.backoffice.finance.money.Money;
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

    /** The answer to a new posting, built from what was stored without reading it back. */
    static PostedJournal of(UUID id, long number, NewJournal j, UUID reverses, String postedBy, Instant postedAt) {
        List<Line> lines = new java.util.ArrayList<>(j.lines().size());
        for (int i = 0; i < j.lines().size(); i++) {
            NewJournal.NewLine l = j.lines().get(i);
            Map<String, String> dims = new java.util.LinkedHashMap<>();
            if (l.payerType() != null) dims.put("payerType", l.payerType());
            if (l.supplier() != null) dims.put("supplier", l.supplier());
            if (l.employee() != null) dims.put("employee", l.employee());
            if (l.funder() != null) dims.put("funder", l.funder());
            lines.add(new Line(i + 1, l.account(), Money.formatOrNull(l.debit()), Money.formatOrNull(l.credit()),
                    l.team(), dims.isEmpty() ? null : dims));
        }
        return new PostedJournal(id, number, j.date(), j.description(), j.source(), j.sourceDocumentId(), reverses,
                postedBy, postedAt, Money.format(j.totalDebit()), Money.format(j.totalCredit()), lines);
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Line(int lineNo, String account, String debit, String credit, String team,
            Map<String, String> dimensions) {}
}
