package care.backoffice.finance.budgets;

import care.backoffice.finance.statements.BudgetVsActual;
import java.sql.Date;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Budgets are plans, not ledger entries: an upload replaces the amount for each team x account x month. */
@Repository
public class BudgetRepository {

    public record Row(String team, String account, YearMonth month, java.math.BigDecimal amount) {}

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    public BudgetRepository(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    public void upsert(List<Row> rows, String by) {
        List<Object[]> args = new ArrayList<>(rows.size());
        for (Row r : rows) {
            args.add(new Object[] {r.team(), r.account(), Date.valueOf(r.month().atDay(1)), r.amount(), by});
        }
        template.batchUpdate("""
                insert into budget (team, account, month, amount, uploaded_by) values (?, ?, ?, ?, ?)
                on conflict (team, account, month)
                do update set amount = excluded.amount, uploaded_by = excluded.uploaded_by, uploaded_at = now()""", args);
    }

    public List<BudgetVsActual.Budget> sums(YearMonth from, YearMonth to, String team) {
        var spec = jdbc.sql("select team, account, sum(amount) from budget where month between ? and ?"
                + (team == null ? "" : " and team = ?") + " group by team, account")
                .param(Date.valueOf(from.atDay(1))).param(Date.valueOf(to.atDay(1)));
        if (team != null) {
            spec = spec.param(team);
        }
        return spec.query((rs, n) -> new BudgetVsActual.Budget(rs.getString(1), rs.getString(2), rs.getBigDecimal(3)))
                .list();
    }
}
