package care.backoffice.payroll.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Periods of incapacity, linking and average weekly earnings, without Spring. */
class SicknessRulesTest {

    static Set<LocalDate> days(String... isoDates) {
        return Stream.of(isoDates).map(LocalDate::parse).collect(Collectors.toSet());
    }

    static final LocalDate NOV_END = LocalDate.parse("2025-11-30");

    @Test
    void threeSickDaysAreNoPiwButFourCalendarDaysAcrossAWeekendAre() {
        // Mon–Wed 3–5 Nov 2025, back at work on Thursday: 3 days, no PIW.
        assertThat(PeriodsOfIncapacity.claim(days("2025-11-03", "2025-11-04", "2025-11-05"), days("2025-11-06"), NOV_END))
                .isEmpty();
        // Thu 13, Fri 14, (weekend, nothing recorded), Mon 17: 13–17 Nov is 5 calendar days, 3 qualifying days.
        assertThat(PeriodsOfIncapacity.claim(days("2025-11-13", "2025-11-14", "2025-11-17"), Set.of(), NOV_END))
                .contains(new PeriodsOfIncapacity.Claim(LocalDate.parse("2025-11-13"), 3));
    }

    @Test
    void workInBetweenOrMoreThanThreeDaysOffEndAspell() {
        // Thu 13, Fri 14 sick; worked Saturday 15; Mon 17, Tue 18 sick: two spells of 2 days, neither a PIW.
        assertThat(PeriodsOfIncapacity.claim(days("2025-11-13", "2025-11-14", "2025-11-17", "2025-11-18"),
                days("2025-11-15"), NOV_END)).isEmpty();
        // Sick Mon 3 and Sat 8 with nothing recorded in between (4 days off, Tue–Fri): two one-day spells.
        assertThat(PeriodsOfIncapacity.claim(days("2025-11-03", "2025-11-08"), Set.of(), NOV_END)).isEmpty();
        // Sick Mon 3 and Fri 7 with 3 days off between: one spell of 5 calendar days, a PIW of 2 qualifying days.
        assertThat(PeriodsOfIncapacity.claim(days("2025-11-03", "2025-11-07"), Set.of(), NOV_END))
                .contains(new PeriodsOfIncapacity.Claim(LocalDate.parse("2025-11-03"), 2));
        // A day with both sick leave and work (went home ill) is not a day of incapacity.
        assertThat(PeriodsOfIncapacity.claim(days("2025-11-03", "2025-11-04", "2025-11-05", "2025-11-06"),
                days("2025-11-06"), NOV_END)).isEmpty();
    }

    @Test
    void piwsWithin56DaysLinkAndLaterOnesStartAfresh() {
        // PIW 1: 3–6 Nov (4 days). PIW 2: 2–5 Jan 2026, with 56 days between (7 Nov – 1 Jan: 24 + 31 + 1): linked,
        // 8 qualifying days from 3 Nov. PIW 3: 4–7 Mar, with 57 days after 5 Jan (6 Jan – 3 Mar: 26 + 28 + 3): a new
        // linked PIW from 4 Mar.
        Set<LocalDate> sick = days("2025-11-03", "2025-11-04", "2025-11-05", "2025-11-06",
                "2026-01-02", "2026-01-03", "2026-01-04", "2026-01-05", "2026-03-04", "2026-03-05", "2026-03-06", "2026-03-07");
        assertThat(PeriodsOfIncapacity.claim(sick, Set.of(), LocalDate.parse("2026-01-31")))
                .contains(new PeriodsOfIncapacity.Claim(LocalDate.parse("2025-11-03"), 8));
        assertThat(PeriodsOfIncapacity.claim(sick, Set.of(), LocalDate.parse("2026-03-31")))
                .contains(new PeriodsOfIncapacity.Claim(LocalDate.parse("2026-03-04"), 4));
        // One day later, PIW 2 would be 57 days after PIW 1 and start afresh.
        Set<LocalDate> later = days("2025-11-03", "2025-11-04", "2025-11-05", "2025-11-06",
                "2026-01-03", "2026-01-04", "2026-01-05", "2026-01-06");
        assertThat(PeriodsOfIncapacity.claim(later, Set.of(), LocalDate.parse("2026-01-31")))
                .contains(new PeriodsOfIncapacity.Claim(LocalDate.parse("2026-01-03"), 4));
    }

    @Test
    void daysAfterThePeriodMayEstablishAPiwButAreNotCountedYet() {
        // Thu 30 and Fri 31 July 2026 sick, Mon 3 and Tue 4 August too: one PIW from 30 July; July counts 2 days.
        Set<LocalDate> sick = days("2026-07-30", "2026-07-31", "2026-08-03", "2026-08-04");
        assertThat(PeriodsOfIncapacity.claim(sick, Set.of(), LocalDate.parse("2026-07-31")))
                .contains(new PeriodsOfIncapacity.Claim(LocalDate.parse("2026-07-30"), 2));
        assertThat(PeriodsOfIncapacity.claim(sick, Set.of(), LocalDate.parse("2026-08-31")))
                .contains(new PeriodsOfIncapacity.Claim(LocalDate.parse("2026-07-30"), 4));
    }

    @Test
    void averageWeeklyEarningsFromTheLastPaydays() {
        // Monthly: (2,000 + 2,100) × 12 / (2 × 52) = 49,200 / 104 = 473.0769… → 473.08.
        assertThat(AverageWeeklyEarnings.of(PayFrequency.MONTHLY, List.of(new BigDecimal("2000.00"), new BigDecimal("2100.00"))))
                .isEqualByComparingTo("473.08");
        // A starter with one monthly payday: 1,000 × 12 / 52 = 230.769… → 230.77.
        assertThat(AverageWeeklyEarnings.of(PayFrequency.MONTHLY, List.of(new BigDecimal("1000.00")))).isEqualByComparingTo("230.77");
        // Four-weekly: (1,000 + 1,001) / 8 = 250.125 → 250.13 (half up).
        assertThat(AverageWeeklyEarnings.of(PayFrequency.FOUR_WEEKLY, List.of(new BigDecimal("1000.00"), new BigDecimal("1001.00"))))
                .isEqualByComparingTo("250.13");
        // Weekly: 3 paydays of 300 → 300.00.
        assertThat(AverageWeeklyEarnings.of(PayFrequency.WEEKLY, List.of(new BigDecimal("300"), new BigDecimal("300"),
                new BigDecimal("300")))).isEqualByComparingTo("300.00");
        assertThat(AverageWeeklyEarnings.paydaysInRelevantPeriod(PayFrequency.WEEKLY)).isEqualTo(8);
        assertThat(AverageWeeklyEarnings.paydaysInRelevantPeriod(PayFrequency.FOUR_WEEKLY)).isEqualTo(2);
        assertThat(AverageWeeklyEarnings.of(PayFrequency.MONTHLY, List.of())).isNull();
    }
}
