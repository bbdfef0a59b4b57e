package care.backoffice.finance.close;

import care.backoffice.finance.exports.TableExport;
import care.backoffice.finance.periods.PeriodRepository;
import care.backoffice.finance.periods.PeriodRules;
import care.backoffice.finance.periods.PeriodService;
import care.backoffice.finance.statements.StatementService;
import care.backoffice.finance.statements.Table;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.sql.Date;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What each step of the month-end close does. Nothing here posts a journal, so running the close twice
 * cannot post twice; every step is safe to repeat (balances are rebuilt, the pack replaced, closing an
 * already closed month changes nothing).
 */
@Component
public class MonthEndWork {

    private final JdbcClient jdbc;
    private final PeriodRepository periods;
    private final PeriodService periodService;
    private final StatementService statements;
    private final List<String> expectedSources;

    public MonthEndWork(JdbcClient jdbc, PeriodRepository periods, PeriodService periodService,
            StatementService statements,
            @Value("${finance.close.expected-sources:billing,payroll}") List<String> expectedSources) {
        this.jdbc = jdbc;
        this.periods = periods;
        this.periodService = periodService;
        this.statements = statements;
        this.expectedSources = expectedSources;
    }

    /**
     * The hand-off records are the journals themselves: each billing and payroll run posts one journal
     * for its month, deduplicated by its run id. A month without one has not been handed over yet.
     */
    public List<String> missingSources(YearMonth month) {
        List<String> posted = jdbc.sql("select distinct source from journal where date between ? and ?")
                .params(Date.valueOf(month.atDay(1)), Date.valueOf(month.atEndOfMonth())).query(String.class).list();
        List<String> missing = new ArrayList<>(expectedSources);
        missing.removeAll(posted);
        return missing;
    }

    /**
     * Rebuilds the month's balances from its journal lines (they are kept on posting; this proves and,
     * if ever needed, repairs them). The month's period row is locked so no posting lands in between.
     * @return the number of balance rows
     */
    public int rebuildBalances(YearMonth month) {
        periods.lockForChange(month);
        Date first = Date.valueOf(month.atDay(1));
        jdbc.sql("delete from balance where month = ?").param(first).update();
        return jdbc.sql("""
                insert into balance (account, team, month, debit, credit)
                select account, coalesce(team, ''), ?, sum(debit), sum(credit) from journal_line
                where date between ? and ? group by account, coalesce(team, '')""")
                .params(first, first, Date.valueOf(month.atEndOfMonth())).update();
    }

    /** Trial balance, P&L (with previous period and year to date), balance sheet and cash flow, as PDF and XLSX. */
    public void storePack(YearMonth month) throws IOException {
        List<Table> tables = List.of(statements.trialBalance(month, month, false).table(),
                statements.profitAndLoss(month, month, null).table(),
                statements.balanceSheet(month.atEndOfMonth()).table(),
                statements.cashFlow(month, month).table());
        ByteArrayOutputStream pdf = new ByteArrayOutputStream();
        TableExport.pdf(tables, pdf);
        ByteArrayOutputStream xlsx = new ByteArrayOutputStream();
        TableExport.xlsx(tables, xlsx);
        store(month, "pdf", pdf.toByteArray());
        store(month, "xlsx", xlsx.toByteArray());
    }

    private void store(YearMonth month, String format, byte[] content) {
        jdbc.sql("""
                insert into statement_pack (month, format, content) values (?, ?, ?)
                on conflict (month, format) do update set content = excluded.content, created_at = now()""")
                .params(Date.valueOf(month.atDay(1)), format, content).update();
    }

    public Optional<byte[]> pack(YearMonth month, String format) {
        return jdbc.sql("select content from statement_pack where month = ? and format = ?")
                .params(Date.valueOf(month.atDay(1)), format).query(byte[].class).optional();
    }

    public void softClose(YearMonth month, String startedBy) {
        periodService.change(month, PeriodRules.Action.CLOSE, startedBy, "month-end close job");
    }

    /** How many times the month was reopened: a close after a reopening is a new run of the job. */
    public long reopenings(YearMonth month) {
        return jdbc.sql("select count(*) from period_event where month = ? and action = 'REOPEN'")
                .param(Date.valueOf(month.atDay(1))).query(Long.class).single();
    }
}
