package care.backoffice.payroll.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every row of HMRC's 2025-26 NIC test data (weekly and monthly, all 16 category letters). */
class HmrcNationalInsuranceTest {

    static List<HmrcTestData.NiRow> rows() {
        return HmrcTestData.nationalInsurance();
    }

    @Test
    void allRowsAreThere() {
        assertThat(rows()).hasSize(448);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void agreesWithHmrcWithinOnePenny(HmrcTestData.NiRow row) {
        TaxYearParameters year = TaxYears.require(row.taxYear(), "taxYear");
        var r = NationalInsuranceCalculator.calculate(year.nationalInsurance(), new NationalInsuranceCalculator.Input(
                row.frequency(), row.period(), row.category(), row.grossPay(), null));
        assertThat(r.employee()).as("employee NI").isCloseTo(row.employee(), within(HmrcTestData.TOLERANCE));
        assertThat(r.employer()).as("employer NI").isCloseTo(row.employer(), within(HmrcTestData.TOLERANCE));
        assertThat(r.earningsAtLel()).as("earnings at LEL").isCloseTo(row.atLel(), within(HmrcTestData.TOLERANCE));
        assertThat(r.earningsLelToPt()).as("earnings LEL to PT").isCloseTo(row.lelToPt(), within(HmrcTestData.TOLERANCE));
        assertThat(r.earningsPtToUel()).as("earnings PT to UEL").isCloseTo(row.ptToUel(), within(HmrcTestData.TOLERANCE));
    }
}
