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

    @ParameterizedTest
    @CsvSource({
            // frequency, tax year, number, first day, last day, name
            "WEEKLY,      2026-27, 1,  2026-04-06, 2026-04-12, 2026-27-W01",
            "WEEKLY,      2026-27, 5,  2026-05-04, 2026-05-10, 2026-27-W05",
            "WEEKLY,      2026-27, 52, 2027-03-29, 2027-04-04, 2026-27-W52",
            // Week 53 is what is left of the tax year: 5 April 2027, or 4–5 April 2028 (2028 is a leap year).
            "WEEKLY,      2026-27, 53, 2027-04-05, 2027-04-05, 2026-27-W53",
            "WEEKLY,      2027-28, 53, 2028-04-04, 2028-04-05, 2027-28-W53",
            "FORTNIGHTLY, 2026-27, 3,  2026-05-04, 2026-05-17, 2026-27-2W03",
            "FOUR_WEEKLY, 2026-27, 2,  2026-05-04, 2026-05-31, 2026-27-4W02",
            "FOUR_WEEKLY, 2026-27, 13, 2027-03-08, 2027-04-04, 2026-27-4W13",
            "FOUR_WEEKLY, 2026-27, 14, 2027-04-05, 2027-04-05, 2026-27-4W14"})
    void weekBasedPeriodsFollowHmrcsWeekNumbering(care.backoffice.payroll.engine.PayFrequency f, String taxYear,
            int number, LocalDate first, LocalDate last, String name) {
        PayPeriod p = PayPeriod.weekBased(f, taxYear, number, last);
        assertThat(p.start()).isEqualTo(first);
        assertThat(p.end()).isEqualTo(last);
        assertThat(p.name()).isEqualTo(name);
        assertThat(PayPeriod.parse(name, last)).contains(p);
    }

    @ParameterizedTest
    @CsvSource({
            // pay date, frequency, tax week, tax period the engine uses
            "2026-05-08, WEEKLY,      5,  5",   // 4–10 May is week 5
            "2026-04-06, WEEKLY,      1,  1",
            "2027-04-05, WEEKLY,      53, 53",  // taxed non-cumulatively by the engine
            "2026-05-29, FOUR_WEEKLY, 8,  2",   // week 8, the last of 4-week period 2
            "2026-05-15, FORTNIGHTLY, 6,  3"})
    void taxIsWorkedOutForThePeriodOfThePayDate(LocalDate payDate, care.backoffice.payroll.engine.PayFrequency f,
            int week, int taxPeriod) {
        PayPeriod p = PayPeriod.weekBased(f, "2026-27", 1, payDate);
        assertThat(p.taxWeek()).isEqualTo(week);
        assertThat(p.taxPeriod()).isEqualTo(taxPeriod);
    }

    @Test
    void weekBasedSalariesArePerPeriodProRataByCalendarDays() {
        BigDecimal annual = new BigDecimal("26000.00");
        var weekly = care.backoffice.payroll.engine.PayFrequency.WEEKLY;
        var fourWeekly = care.backoffice.payroll.engine.PayFrequency.FOUR_WEEKLY;
        LocalDate longAgo = LocalDate.parse("2020-01-01");
        // 26,000 / 52 = 500.00 a week; / 13 = 2,000.00 for four weeks.
        assertThat(GrossPay.salaried(annual, weekly, LocalDate.parse("2026-05-04"), LocalDate.parse("2026-05-10"), longAgo,
                null)).isEqualByComparingTo("500.00");
        assertThat(GrossPay.salaried(annual, fourWeekly, LocalDate.parse("2026-05-04"), LocalDate.parse("2026-05-31"),
                longAgo, null)).isEqualByComparingTo("2000.00");
        // Started Wednesday 6 May: 5 of 7 days → 26,000 × 5 / 364 = 357.142… → 357.14.
        assertThat(GrossPay.salaried(annual, weekly, LocalDate.parse("2026-05-04"), LocalDate.parse("2026-05-10"),
                LocalDate.parse("2026-05-06"), null)).isEqualByComparingTo("357.14");
        // Week 53 of 2026-27 is one day, 5 April 2027: 26,000 / 364 = 71.428… → 71.43.
        assertThat(GrossPay.salaried(annual, weekly, LocalDate.parse("2027-04-05"), LocalDate.parse("2027-04-05"), longAgo,
                null)).isEqualByComparingTo("71.43");
    }

    @Test
    void namesThatAreNoPeriodAreRefused() {
        for (String bad : new String[] {"2026-13", "2026-27-W54", "2026-28-W01", "2026-27-4W15", "2026-27-X01", "May"}) {
            assertThat(PayPeriod.parse(bad, LocalDate.parse("2026-05-08"))).as(bad).isEmpty();
        }
    }
}
