package care.backoffice.payroll.journal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The one journal a finalised payroll run posts to finance-service ({@code POST /api/finance/journals}, contract in
 * finance-service's README), by team, from the chart of accounts (shared/reference/chart-of-accounts-uk-care.csv):
 * <pre>
 *   Dr 6000 Care staff gross wages         gross pay
 *   Dr 6050 Employer's NIC - care staff    employer NI
 *   Dr 6060 Employer pension - care staff  employer pension
 *   Cr 2220 Net wages control              net pay (cleared by the bank payment)
 *   Cr 2210 PAYE and NIC payable           tax + employee NI + employer NI
 *   Cr 2230 Pension contributions payable  employee (from pay) + employer pension
 *   Cr 2211 Other payroll deductions       student and postgraduate loans, and adjustments deducted from net pay
 *   Dr 5200 Care staff mileage and travel  expenses reimbursed with net pay (not taxed)
 * </pre>
 * Bonuses, back pay and deductions before tax are part of gross pay (6000). Expenses are reimbursed through the
 * payroll, so their cost is posted here rather than through procurement; 5200 is the chart's account for care
 * staff's travel, which is what a care team's expenses mostly are. Deductions from net pay (an advance or
 * overpayment recovered) are held on 2211 until the back office clears them against what they recover.
 * Amounts are already pennies (sums of payslip figures), so nothing is rounded here. A line that nets to zero is
 * left out (finance refuses zero lines); one that nets negative (a team whose tax refunds exceed its tax) goes on
 * the other side. Plain Java; refuses to build an unbalanced journal.
 */
public final class PayrollJournal {

    /** One team's totals in a run. */
    public record TeamTotals(String team, BigDecimal gross, BigDecimal tax, BigDecimal employeeNi,
            BigDecimal employerNi, BigDecimal pensionEmployee, BigDecimal pensionEmployer, BigDecimal loans,
            BigDecimal net, BigDecimal notTaxedPayments, BigDecimal deductionsFromNetPay) {

        /** A team without adjustments outside gross pay. */
        public TeamTotals(String team, BigDecimal gross, BigDecimal tax, BigDecimal employeeNi, BigDecimal employerNi,
                BigDecimal pensionEmployee, BigDecimal pensionEmployer, BigDecimal loans, BigDecimal net) {
            this(team, gross, tax, employeeNi, employerNi, pensionEmployee, pensionEmployer, loans, net,
                    BigDecimal.ZERO, BigDecimal.ZERO);
        }
    }

    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public record Line(String account, String debit, String credit, String team, Map<String, String> dimensions) {}

    public record Journal(LocalDate date, String description, String source, String sourceDocumentId,
            List<Line> lines) {}

    private PayrollJournal() {}

    public static Journal of(LocalDate payDate, String description, String sourceDocumentId, List<TeamTotals> teams) {
        List<Line> lines = new ArrayList<>();
        BigDecimal debits = BigDecimal.ZERO;
        BigDecimal credits = BigDecimal.ZERO;
        for (TeamTotals t : teams) {
            Object[][] rows = {
                    {"6000", t.gross(), true},
                    {"5200", t.notTaxedPayments(), true},
                    {"6050", t.employerNi(), true},
                    {"6060", t.pensionEmployer(), true},
                    {"2220", t.net(), false},
                    {"2210", t.tax().add(t.employeeNi()).add(t.employerNi()), false},
                    {"2230", t.pensionEmployee().add(t.pensionEmployer()), false},
                    {"2211", t.loans().add(t.deductionsFromNetPay()), false}};
            for (Object[] r : rows) {
                BigDecimal amount = (BigDecimal) r[1];
                if (amount.signum() == 0) {
                    continue;
                }
                boolean debit = (Boolean) r[2] == (amount.signum() > 0);
                String text = amount.abs().setScale(2).toPlainString();
                lines.add(new Line((String) r[0], debit ? text : null, debit ? null : text, t.team(), null));
                if (debit) {
                    debits = debits.add(amount.abs());
                } else {
                    credits = credits.add(amount.abs());
                }
            }
        }
        if (debits.compareTo(credits) != 0) {
            throw new IllegalStateException("The payroll journal does not balance: debits " + debits + ", credits "
                    + credits + " (gross + expenses must equal net + tax + employee NI + employee pension + loans "
                    + "+ deductions from net pay)");
        }
        return new Journal(payDate, description, "payroll", sourceDocumentId, lines);
    }
}
