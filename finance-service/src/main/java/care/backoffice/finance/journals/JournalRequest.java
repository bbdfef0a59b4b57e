package care.backoffice.finance.journals;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;

/**
 * The posting contract other services code against. Amounts and the date travel as strings so that
 * every bad value can be named in one problem answer instead of failing at the first unreadable one.
 */
@Schema(description = "A journal to post. Debits must equal credits; one journal per (source, sourceDocumentId).",
        example = """
                {"date":"2026-10-31","description":"Billing run October 2026","source":"billing",
                 "sourceDocumentId":"billing-run-2026-10",
                 "lines":[{"account":"1100","debit":"120.00","team":"team-arnhem-noord","dimensions":{"payerType":"LA","funder":"gelderland-county"}},
                          {"account":"4000","credit":"120.00","team":"team-arnhem-noord","dimensions":{"payerType":"LA","funder":"gelderland-county"}}]}""")
public record JournalRequest(
        @Schema(description = "Accounting date (ISO yyyy-MM-dd); its calendar month must be open", example = "2026-10-31")
        String date,
        @Schema(description = "What the journal is for, at most 500 characters", example = "Billing run October 2026")
        String description,
        @Schema(description = "Who posts it", allowableValues = {"billing", "payroll", "procurement", "manual"})
        String source,
        @Schema(description = "The id of the source document (billing run, payroll run, supplier invoice, manual reference); "
                + "at most 200 characters. A replay with the same source and id returns the first journal.",
                example = "billing-run-2026-10")
        String sourceDocumentId,
        @Schema(description = "At least two lines, at most 10,000")
        List<Line> lines) {

    @Schema(description = "One line: exactly one of debit or credit, a positive amount in GBP with at most 2 decimals")
    public record Line(
            @Schema(description = "Account code from the chart; must exist and be open", example = "4000") String account,
            @Schema(description = "Debit amount as a string, e.g. \"120.00\"", example = "120.00") String debit,
            @Schema(description = "Credit amount as a string, e.g. \"120.00\"") String credit,
            @Schema(description = "Team code the line belongs to; omit for organisation-wide lines (e.g. bank)",
                    example = "team-arnhem-noord") String team,
            @Schema(description = "Optional analysis: payerType, supplier, employee, funder (strings)",
                    example = "{\"payerType\":\"LA\",\"funder\":\"gelderland-county\"}") Map<String, String> dimensions) {}
}
