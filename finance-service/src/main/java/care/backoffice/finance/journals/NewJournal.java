package care.backoffice.finance.journals;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

/** A journal request that passed the structural checks: parsed, normalised, not yet posted. */
public record NewJournal(LocalDate date, String description, String source, String sourceDocumentId,
        List<NewLine> lines) {

    public record NewLine(String account, BigDecimal debit, BigDecimal credit, String team, String payerType,
            String supplier, String employee, String funder) {}

    public YearMonth month() {
        return YearMonth.from(date);
    }

    public BigDecimal totalDebit() {
        return lines.stream().map(NewLine::debit).reduce(BigDecimal.ZERO, BigDecimal::add).setScale(2);
    }

    public BigDecimal totalCredit() {
        return lines.stream().map(NewLine::credit).reduce(BigDecimal.ZERO, BigDecimal::add).setScale(2);
    }
}
