package care.backoffice.finance.statements;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/** Builds each statement from the balances; used by the API and by the month-end close. */
@Service
public class StatementService {

    private final StatementQueries queries;
    private final int yearStartMonth;

    public StatementService(StatementQueries queries,
            @Value("${finance.financial-year-start-month:4}") int yearStartMonth) {
        this.queries = queries;
        this.yearStartMonth = yearStartMonth;
    }

    public TrialBalance trialBalance(YearMonth from, YearMonth to, boolean byTeam) {
        return TrialBalance.build(from.toString(), to.toString(), queries.movements(from, to, null, byTeam),
                queries.chart(), byTeam);
    }

    /** With the previous period of equal length and the financial year to date (year starts in yearStartMonth). */
    public ProfitAndLoss profitAndLoss(YearMonth from, YearMonth to, String team) {
        long months = from.until(to, ChronoUnit.MONTHS) + 1;
        YearMonth prevFrom = from.minusMonths(months);
        YearMonth prevTo = from.minusMonths(1);
        YearMonth ytdFrom = YearMonth.of(to.getYear(), yearStartMonth);
        if (ytdFrom.isAfter(to)) {
            ytdFrom = ytdFrom.minusYears(1);
        }
        return ProfitAndLoss.build(from.toString(), to.toString(), team, prevFrom.toString(), prevTo.toString(),
                ytdFrom.toString(), queries.movements(from, to, team, false),
                queries.movements(prevFrom, prevTo, team, false), queries.movements(ytdFrom, to, team, false),
                queries.chart());
    }

    public BalanceSheet balanceSheet(LocalDate at) {
        return BalanceSheet.build(at.toString(), queries.closing(at), queries.chart());
    }

    public CashFlow cashFlow(YearMonth from, YearMonth to) {
        return CashFlow.build(from.toString(), to.toString(), queries.movements(from, to, null, false),
                queries.cashBefore(from), queries.chart());
    }
}
