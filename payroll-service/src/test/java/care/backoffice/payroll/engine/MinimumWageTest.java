package care.backoffice.payroll.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The minimum wage band for an age and a period, from the reference's rates (§5). */
class MinimumWageTest {

    @ParameterizedTest
    @CsvSource({
            // born,      period start, hourly at least
            "1990-01-01, 2026-05-01, 12.71",  // 36: National Living Wage 2026
            "2005-05-01, 2026-05-01, 12.71",  // 21 on the period's first day
            "2005-05-02, 2026-05-01, 10.85",  // 21 the day after: 18–20 until the next period
            "2008-05-01, 2026-05-01, 10.85",  // 18
            "2009-01-01, 2026-05-01, 8.00",   // 17
            "1990-01-01, 2026-03-01, 12.21",  // March 2026: the 2025 rates
            "1990-01-01, 2026-04-01, 12.71",  // rates change on 1 April, not 6 April
            "2006-01-01, 2025-06-01, 10.00"})
    void theBandIsTheAgeOnThePeriodsFirstDayAtTheRatesInForceThen(LocalDate born, LocalDate periodStart, String hourly) {
        assertThat(MinimumWage.forPeriod(born, periodStart)).hasValueSatisfying(b ->
                assertThat(b.hourly()).isEqualByComparingTo(hourly));
    }

    @ParameterizedTest
    @CsvSource({"2025-03-31"})
    void beforeTheFirstYearOfDataThereIsNoRate(LocalDate periodStart) {
        assertThat(MinimumWage.forPeriod(LocalDate.parse("1990-01-01"), periodStart)).isEmpty();
    }
}
