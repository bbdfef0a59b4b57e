package care.backoffice.payroll.runs;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Tax months and gross pay, without Spring. */
class PayRulesTest {

    @ParameterizedTest
    @CsvSource({
            "2026-04-06, 2026-27, 1",   // the first day of the tax year
            "2026-04-05, 2025-26, 12",  // the last day of the one before
            "2026-05-05, 2026-27, 1",
            "2026-05-06, 2026-27, 2",
            "2026-11-27, 2026-27, 8",
            "2027-01-05, 2026-27, 9",
            "2027-03-31, 2026-27, 12"})
    void theTaxMonthIsTheOneThePayDateFallsIn(LocalDate payDate, String taxYear, int taxMonth) {
        PayPeriod p = PayPeriod.of(YearMonth.from(payDate), payDate);
        assertThat(p.taxYear()).isEqualTo(taxYear);
        assertThat(p.taxMonth()).isEqualTo(taxMonth);
    }

    @Test
    void salariedPayIsATwelfthProRataByCalendarDaysForStartersAndLeavers() {
        LocalDate s = LocalDate.parse("2026-02-01");
        LocalDate e = LocalDate.parse("2026-02-28");
        BigDecimal annual = new BigDecimal("25000.00");
        assertThat(GrossPay.salaried(annual, s, e, LocalDate.parse("2020-01-01"), null)).isEqualByComparingTo("2083.33");
        // Started 15 February: 14 of 28 days → 25,000 × 14 / 336 = 1,041.666… → 1,041.67 (half up, once).
        assertThat(GrossPay.salaried(annual, s, e, LocalDate.parse("2026-02-15"), null)).isEqualByComparingTo("1041.67");
        // Left 3 February: 3 days → 25,000 × 3 / 336 = 223.214… → 223.21.
        assertThat(GrossPay.salaried(annual, s, e, LocalDate.parse("2020-01-01"), LocalDate.parse("2026-02-03")))
                .isEqualByComparingTo("223.21");
        // Started and left the same day.
        assertThat(GrossPay.salaried(annual, s, e, LocalDate.parse("2026-02-10"), LocalDate.parse("2026-02-10")))
                .isEqualByComparingTo("74.40");
        assertThat(GrossPay.salaried(annual, s, e, LocalDate.parse("2026-03-01"), null)).isEqualByComparingTo("0.00");
    }

    @Test
    void hourlyPayIsMinutesTimesRateRoundedOnceAtTheEnd() {
        // 7 × 25 minutes at £12.71: 175/60 × 12.71 = 37.0708… → 37.07 (rounding each entry would give 7 × 5.30 = 37.10).
        assertThat(GrossPay.hourly(new BigDecimal("12.71"), 175)).isEqualByComparingTo("37.07");
        assertThat(GrossPay.hourly(new BigDecimal("13.50"), 0)).isEqualByComparingTo("0.00");
    }
}
