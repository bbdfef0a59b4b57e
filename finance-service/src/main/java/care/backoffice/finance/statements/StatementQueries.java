package care.backoffice.finance.statements;

import care.backoffice.finance.accounts.AccountRepository;
import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads statements' inputs from the balances (account x team x month), never from the whole journal
 * history; only a balance sheet dated inside a month adds that month's lines up to the date.
 */
@Repository
public class StatementQueries {

    private final JdbcClient jdbc;
    private final AccountRepository accounts;

    public StatementQueries(JdbcClient jdbc, AccountRepository accounts) {
        this.jdbc = jdbc;
        this.accounts = accounts;
    }

    public Chart chart() {
        return new Chart(accounts.findAll());
    }

    /** Movements of every account x team in the months from..to, optionally for one team. */
    public List<Movement> movements(YearMonth from, YearMonth to, String team) {
        return movements(from, to, team, true);
    }

    /**
     * @param byTeam false to sum the teams together in the database (team ""): far fewer rows to read
     *               when a statement does not need them apart
     */
    public List<Movement> movements(YearMonth from, YearMonth to, String team, boolean byTeam) {
        String sql = "select account, " + (byTeam ? "team" : "''") + ", sum(debit), sum(credit) from balance "
                + "where month between ? and ?" + (team == null ? "" : " and team = ?")
                + (byTeam ? " group by account, team" : " group by account");
        var spec = jdbc.sql(sql).param(first(from)).param(first(to));
        if (team != null) {
            spec = spec.param(team);
        }
        return spec.query((rs, n) -> new Movement(rs.getString(1), rs.getString(2), rs.getBigDecimal(3),
                rs.getBigDecimal(4))).list();
    }

    /** Every account's balance at the end of the given day (teams summed together). */
    public List<Movement> closing(LocalDate at) {
        YearMonth month = YearMonth.from(at);
        if (at.equals(month.atEndOfMonth())) {
            return jdbc.sql("select account, '', sum(debit), sum(credit) from balance where month <= ? group by account")
                    .param(first(month))
                    .query((rs, n) -> new Movement(rs.getString(1), rs.getString(2), rs.getBigDecimal(3),
                            rs.getBigDecimal(4))).list();
        }
        return jdbc.sql("""
                select account, '', sum(debit), sum(credit) from (
                    select account, debit, credit from balance where month < ?
                    union all
                    select account, debit, credit from journal_line where date >= ? and date <= ?
                ) b group by account""")
                .params(first(month), first(month), Date.valueOf(at))
                .query((rs, n) -> new Movement(rs.getString(1), rs.getString(2), rs.getBigDecimal(3),
                        rs.getBigDecimal(4))).list();
    }

    /** Balance of the cash accounts before the given month. */
    public BigDecimal cashBefore(YearMonth month) {
        return jdbc.sql("""
                select coalesce(sum(b.debit - b.credit), 0) from balance b join account a on a.code = b.account
                where a.cash_flow_class = 'CASH' and b.month < ?""").param(first(month))
                .query(BigDecimal.class).single().setScale(2);
    }

    /**
     * Lines of a control account up to a date, signed so that positive increases what is owed, with the
     * party: funder (else payer type) for debtors, supplier for creditors.
     */
    public List<AgedBalances.Item> controlItems(String account, LocalDate at, boolean debtors) {
        String party = debtors ? "coalesce(funder, payer_type, '(no funder)')" : "coalesce(supplier, '(no supplier)')";
        String amount = debtors ? "debit - credit" : "credit - debit";
        return jdbc.sql("select " + party + ", date, " + amount + " from journal_line where account = ? and date <= ?")
                .params(account, Date.valueOf(at))
                .query((rs, n) -> new AgedBalances.Item(rs.getString(1), rs.getDate(2).toLocalDate(), rs.getBigDecimal(3)))
                .list();
    }

    static Date first(YearMonth m) {
        return Date.valueOf(m.atDay(1));
    }
}
