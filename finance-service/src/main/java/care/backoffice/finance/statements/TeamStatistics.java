package care.backoffice.finance.statements;

import java.math.BigDecimal;
import java.util.List;

/**
 * What a team sees of its own money: income earned, staff costs (every "Staff costs" line of the P&L),
 * other spend, and the result (income less both).
 */
public record TeamStatistics(String team, String from, String to, BigDecimal income, BigDecimal staffCosts,
        BigDecimal spend, BigDecimal result) {

    public static TeamStatistics build(String team, String from, String to, List<Movement> movements, Chart chart) {
        BigDecimal income = BigDecimal.ZERO.setScale(2);
        BigDecimal staff = BigDecimal.ZERO.setScale(2);
        BigDecimal spend = BigDecimal.ZERO.setScale(2);
        for (Movement m : movements) {
            if (!team.equals(m.team()) || !chart.isProfitAndLoss(m.account())) {
                continue;
            }
            var a = chart.get(m.account());
            if ("INCOME".equals(a.type())) {
                income = income.subtract(m.net());
            } else if (a.statutoryLine() != null && a.statutoryLine().startsWith("Staff costs")) {
                staff = staff.add(m.net());
            } else {
                spend = spend.add(m.net());
            }
        }
        return new TeamStatistics(team, from, to, income, staff, spend, income.subtract(staff).subtract(spend));
    }
}
