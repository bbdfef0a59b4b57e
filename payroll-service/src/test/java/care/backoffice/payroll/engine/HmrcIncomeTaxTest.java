package care.backoffice.payroll.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every row of HMRC's 2025-26 income tax test data (rUK, Scottish, Welsh; cumulative and W1/M1). */
class HmrcIncomeTaxTest {

    static List<HmrcTestData.TaxRow> rows() {
        return HmrcTestData.incomeTax();
    }

    @Test
    void allRowsAreThere() {
        assertThat(rows()).hasSize(168);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void agreesWithHmrcWithinOnePenny(HmrcTestData.TaxRow row) {
        TaxYearParameters year = TaxYears.require(row.taxYear(), "taxYear");
        TaxCode code = TaxCode.parse(row.taxCode(), year.incomeTax(), "taxCode");
        var result = IncomeTaxCalculator.calculate(year.incomeTax(), new IncomeTaxCalculator.Input(row.frequency(),
                row.period(), code, row.w1m1(), row.grossPay(), row.taxablePayToDate(), row.taxPaidToDate()));
        assertThat(result.taxDue()).as("tax due in period").isCloseTo(row.taxDueInPeriod(), within(HmrcTestData.TOLERANCE));
        assertThat(result.taxDueToDate()).as("tax due to date").isCloseTo(row.taxDueToDate(), within(HmrcTestData.TOLERANCE));
    }
}
