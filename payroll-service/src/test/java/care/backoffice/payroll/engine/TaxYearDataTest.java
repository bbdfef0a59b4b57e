package care.backoffice.payroll.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Tax years are data: one file per year, found by name, nothing in the code names a year. */
class TaxYearDataTest {

    @Test
    void bothYearsLoadWithEveryCategoryAndFrequency() {
        for (String y : new String[] {"2025-26", "2026-27"}) {
            TaxYearParameters p = TaxYears.require(y, "taxYear");
            assertThat(p.nationalInsurance().categories()).containsKeys("A", "B", "C", "H", "J", "M", "Z", "V", "F", "I",
                    "L", "S", "N", "E", "D", "K", "X");
            for (PayFrequency f : PayFrequency.values()) {
                assertThat(p.nationalInsurance().thresholds()).containsKey(f.name());
                assertThat(p.pension().qualifyingEarnings()).containsKey(f);
            }
            assertThat(p.nationalInsurance().thresholds()).containsKey("ANNUAL");
        }
        assertThat(TaxYears.require("2026-27", "t").studentLoans().plans()).containsKey("PLAN_5");
        assertThat(TaxYears.require("2025-26", "t").studentLoans().plans()).doesNotContainKey("PLAN_5");
    }

    @Test
    void taxYearsStartOnTheSixthOfApril() {
        assertThat(TaxYears.codeFor(LocalDate.of(2026, 4, 5))).isEqualTo("2025-26");
        assertThat(TaxYears.codeFor(LocalDate.of(2026, 4, 6))).isEqualTo("2026-27");
        assertThat(TaxYears.codeFor(LocalDate.of(2000, 1, 1))).isEqualTo("1999-00");
    }

    @Test
    void unknownYearsAreNotGuessed() {
        assertThat(TaxYears.find("2024-25")).isEmpty();
        assertThat(TaxYears.find("2026-28")).isEmpty();
        assertThat(TaxYears.find("../2026-27")).isEmpty();
        assertThat(TaxYears.find(null)).isEmpty();
    }

    @Test
    void aNewYearIsOnlyADataFile() {
        // src/test/resources/payroll/tax-years/2098-99.json exists only on the test classpath: a copy of 2026-27
        // with a personal allowance of 20,000 (code 2000L) and a 22% basic rate. The engine picks it up with no
        // code change.
        TaxYearParameters future = TaxYears.require("2098-99", "taxYear");
        assertThat(future.incomeTax().personalAllowance()).isEqualByComparingTo("20000");
        var r = IncomeTaxCalculator.calculate(future.incomeTax(), new IncomeTaxCalculator.Input(PayFrequency.MONTHLY, 1,
                TaxCode.parse("2000L", future.incomeTax(), "taxCode"), false, new BigDecimal("3000.00"),
                new BigDecimal("3000.00"), BigDecimal.ZERO));
        assertThat(r.taxDue()).isEqualByComparingTo("293.04"); // free pay 1,667.43 → 1,332 × 22%
    }
}
