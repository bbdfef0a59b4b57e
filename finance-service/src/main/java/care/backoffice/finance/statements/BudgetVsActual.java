package care.backoffice.finance.statements;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Budget against actual per team x account over a range of months. Actuals are shown in the account's
 * normal direction (income credit-positive, costs debit-positive), as budgets are written. The variance
 * is actual minus budget; it is favourable when income is above budget or a cost below it.
 */
public record BudgetVsActual(String from, String to, String team, List<Line> lines, BigDecimal totalBudget,
        BigDecimal totalActual) {

    public record Budget(String team, String account, BigDecimal amount) {}

    public record Line(String team, String account, String name, BigDecimal budget, BigDecimal actual,
            BigDecimal variance, boolean favourable) {}

    public static BudgetVsActual build(String from, String to, String team, List<Budget> budgets,
            List<Movement> actuals, Chart chart) {
        Map<String, BigDecimal[]> rows = new TreeMap<>();
        for (Budget b : budgets) {
            rows.computeIfAbsent(b.team() + '\u0000' + b.account(), k -> zeros())[0] =
                    rows.get(b.team() + '\u0000' + b.account())[0].add(b.amount());
        }
        for (Movement m : actuals) {
            if (!chart.isProfitAndLoss(m.account()) || m.team().isEmpty()) {
                continue;
            }
            boolean creditNormal = "CR".equals(chart.get(m.account()).normalBalance());
            BigDecimal actual = creditNormal ? m.net().negate() : m.net();
            BigDecimal[] r = rows.computeIfAbsent(m.team() + '\u0000' + m.account(), k -> zeros());
            r[1] = r[1].add(actual);
        }
        List<Line> lines = new ArrayList<>();
        BigDecimal tb = BigDecimal.ZERO.setScale(2);
        BigDecimal ta = BigDecimal.ZERO.setScale(2);
        for (Map.Entry<String, BigDecimal[]> e : rows.entrySet()) {
            String[] k = e.getKey().split("\u0000", -1);
            BigDecimal[] r = e.getValue();
            if (r[0].signum() == 0 && r[1].signum() == 0) {
                continue;
            }
            BigDecimal variance = r[1].subtract(r[0]);
            boolean income = "INCOME".equals(chart.get(k[1]).type());
            lines.add(new Line(k[0], k[1], chart.name(k[1]), r[0], r[1], variance,
                    income ? variance.signum() >= 0 : variance.signum() <= 0));
            tb = tb.add(r[0]);
            ta = ta.add(r[1]);
        }
        return new BudgetVsActual(from, to, team, lines, tb, ta);
    }

    private static BigDecimal[] zeros() {
        return new BigDecimal[] {BigDecimal.ZERO.setScale(2), BigDecimal.ZERO.setScale(2)};
    }

    public Table table() {
        Table t = new Table("Budget vs actual" + (team == null ? "" : " - " + team), from + " to " + to,
                List.of("Team", "Account", "Name", "Budget", "Actual", "Variance", "Favourable"));
        for (Line l : lines) {
            t.row(Table.Kind.LINE, l.team(), l.account(), l.name(), l.budget(), l.actual(), l.variance(),
                    l.favourable() ? "yes" : "no");
        }
        return t;
    }
}
