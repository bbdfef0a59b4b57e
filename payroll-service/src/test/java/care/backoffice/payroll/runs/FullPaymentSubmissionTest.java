package care.backoffice.payroll.runs;

import static org.assertj.core.api.Assertions.assertThat;

import care.backoffice.payroll.rti.FullPaymentSubmission;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** FPS field formats that the run test's colleagues do not reach: Scottish codes, W1/M1, loans, refunds, long names. */
class FullPaymentSubmissionTest {

    static BigDecimal m(String s) {
        return new BigDecimal(s);
    }

    @Test
    void theRegimeAndBasisAreAttributesAndLoansCarryTheirPlanType() {
        String xml = FullPaymentSubmission.write(new FullPaymentSubmission.Employer("123", "AB45678", "123PA00045678"),
                new FullPaymentSubmission.Run("2026-27", 8, LocalDate.parse("2026-11-27")),
                List.of(new FullPaymentSubmission.Employee("AB123456C", "Siobhán", "Mac an tSaoir-Ó Dónaill de la Fuente",
                        List.of("1 High St", "Perth"), "PH1 5AB", LocalDate.parse("1990-01-01"), "p1", null, null, false,
                        null, "D", "S1100L", true, m("2500.00"), m("2000.00"), m("0.00"), m("0.00"), "PLAN_2",
                        m("37.00"), m("12.00"), m("-12.5"), "A", m("2500.00"), m("116.16"), m("312.45"),
                        Map.of("tax", m("1200.00")))));
        assertThat(xml).contains("<TaxCode BasisNonCumulative=\"yes\" TaxRegime=\"S\">1100L</TaxCode>");
        assertThat(xml).contains("<StudentLoanRecovered PlanType=\"02\">37.00</StudentLoanRecovered>");
        assertThat(xml).contains("<PostgradLoanRecovered>12.00</PostgradLoanRecovered>");
        assertThat(xml).contains("<TaxDeductedOrRefunded>-12.50</TaxDeductedOrRefunded>");
        assertThat(xml).contains("<TotalTax>1200.00</TotalTax>", "<TaxablePay>0.00</TaxablePay>");
        assertThat(xml).contains("<Sur>Mac an tSaoir-Ó Dónaill de la Fuent</Sur>"); // 35 characters
        assertThat(xml).contains("<Line>1 High St</Line><Line>Perth</Line><UKPostcode>PH1 5AB</UKPostcode>");
        assertThat(xml).contains("<PeriodEnd>2027-04-05</PeriodEnd>", "<MonthNo>8</MonthNo>", "<PayFreq>M1</PayFreq>");
        assertThat(xml).doesNotContain("<Starter>", "<LeavingDate>");
    }
}
