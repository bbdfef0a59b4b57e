package care.backoffice.procurement.spending;

import care.backoffice.procurement.orders.BudgetRules;
import care.backoffice.procurement.policy.PolicyRepository;
import care.backoffice.procurement.policy.TeamPolicy;
import care.backoffice.procurement.shared.Money;
import care.backoffice.procurement.shared.ProcurementProperties;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Spending per team and category against budget, public to every colleague. Committed = what open orders still
 * commit; spent = matched supplier invoices (payables).
 */
@RestController
public class SpendingController {

    private final JdbcClient jdbc;
    private final PolicyRepository policies;
    private final ProcurementProperties props;

    public SpendingController(JdbcClient jdbc, PolicyRepository policies, ProcurementProperties props) {
        this.jdbc = jdbc;
        this.policies = policies;
        this.props = props;
    }

    @GetMapping("/api/procurement/spending")
    @PreAuthorize("hasAnyRole('team-member','back-office','finance')")
    public List<Map<String, Object>> spending(@RequestParam(required = false) String team,
            @RequestParam(required = false) Integer year) {
        LocalDate today = LocalDate.now(ZoneId.of("Europe/London"));
        int startMonth = props.budget().yearStartMonth();
        int budgetYear = year != null ? year : BudgetRules.budgetYear(today, startMonth);
        // In a past year everything has been released; in the current one, what the monthly split released so far.
        LocalDate asOf = budgetYear < BudgetRules.budgetYear(today, startMonth)
                ? LocalDate.of(budgetYear + 1, startMonth, 1).minusDays(1) : today;
        List<Map<String, Object>> out = new ArrayList<>();
        for (TeamPolicy p : policies.all()) {
            if (team != null && !team.equals(p.team())) {
                continue;
            }
            BigDecimal committed = Money.ZERO;
            BigDecimal spent = Money.ZERO;
            var usage = jdbc.sql("select committed, spent from team_budget_usage where team = ? and budget_year = ?")
                    .params(p.team(), budgetYear).query((ResultSet rs, int n) -> new BigDecimal[] {
                            rs.getBigDecimal(1), rs.getBigDecimal(2)}).optional();
            if (usage.isPresent()) {
                committed = usage.get()[0];
                spent = usage.get()[1];
            }
            BigDecimal released = BudgetRules.releasedToDate(p.yearlyBudget(), p.splitByMonth(), asOf, startMonth);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("team", p.team());
            m.put("budgetYear", budgetYear);
            m.put("yearlyBudget", Money.format(p.yearlyBudget()));
            m.put("splitByMonth", p.splitByMonth());
            m.put("releasedToDate", Money.format(released));
            m.put("committed", Money.format(committed));
            m.put("spent", Money.format(spent));
            m.put("remaining", Money.format(BudgetRules.remaining(released, committed, spent)));
            m.put("byCategory", byCategory(p.team(), budgetYear));
            out.add(m);
        }
        return out;
    }

    private List<Map<String, Object>> byCategory(String team, int year) {
        // Open value of a line = quantity not yet invoiced × price, rounded like the order line (half-up, pence).
        return jdbc.sql("""
                with committed as (
                    select l.category, sum(round(greatest(l.quantity - l.invoiced_quantity, 0) * l.unit_price, 2)) amount
                    from order_line l join purchase_order o on o.id = l.order_id
                    where o.team = :team and o.budget_year = :year and o.status = 'PLACED'
                    group by l.category),
                spent as (
                    select pl.category, sum(pl.amount) amount
                    from payable_line pl join payable p on p.id = pl.payable_id
                    join supplier_invoice i on i.id = p.invoice_id join purchase_order o on o.id = i.order_id
                    where p.team = :team and o.budget_year = :year
                    group by pl.category)
                select c.code, c.name, coalesce(committed.amount, 0) committed, coalesce(spent.amount, 0) spent
                from category c left join committed on committed.category = c.code
                left join spent on spent.category = c.code
                where committed.amount is not null or spent.amount is not null
                order by c.code""")
                .param("team", team).param("year", year)
                .query((ResultSet rs, int n) -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("category", rs.getString("code"));
                    m.put("name", rs.getString("name"));
                    m.put("committed", Money.format(rs.getBigDecimal("committed").setScale(2)));
                    m.put("spent", Money.format(rs.getBigDecimal("spent").setScale(2)));
                    return m;
                }).list();
    }
}
