package care.backoffice.payroll.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The maternity pay period's weeks and the employment test, without Spring. EWC: Sunday 1 March 2026. */
class MaternityPayTest {

    static final LocalDate EWC = LocalDate.parse("2026-03-01");

    @Test
    void theQualifyingWeekIsTheFifteenthBeforeTheEwcAndThePayPeriodStartsNoEarlierThanTheEleventh() {
        assertThat(MaternityPay.isWeekStart(EWC)).isTrue();
        assertThat(MaternityPay.isWeekStart(LocalDate.parse("2026-03-02"))).isFalse();
        // 1 March − 15 weeks = Sunday 16 November 2025; the week ends Saturday 22 November.
        assertThat(MaternityPay.qualifyingWeekEnd(EWC)).isEqualTo("2025-11-22");
        // 1 March − 11 weeks = Sunday 14 December 2025.
        assertThat(MaternityPay.earliestStart(EWC)).isEqualTo("2025-12-14");
    }

    @Test
    void twentySixWeeksOfEmploymentContinuingIntoTheQualifyingWeek() {
        // The qualifying week is the 26th; the 1st starts 25 weeks earlier: Sunday 25 May 2025 to Saturday 31 May.
        assertThat(MaternityPay.longEnoughEmployed(LocalDate.parse("2025-05-31"), EWC)).isTrue();
        assertThat(MaternityPay.longEnoughEmployed(LocalDate.parse("2025-06-01"), EWC)).isFalse();
    }

    @Test
    void aPayPeriodPaysTheSmpWeeksThatEndInIt() {
        // MPP from Sunday 11 January 2026: week 1 ends Saturday 17th, 2 the 24th, 3 the 31st; 4–7 end in February.
        LocalDate start = LocalDate.parse("2026-01-11");
        assertThat(MaternityPay.weeksEndingIn(start, LocalDate.parse("2026-01-01"), LocalDate.parse("2026-01-31")))
                .contains(new MaternityPay.Weeks(1, 3));
        assertThat(MaternityPay.weeksEndingIn(start, LocalDate.parse("2026-02-01"), LocalDate.parse("2026-02-28")))
                .contains(new MaternityPay.Weeks(4, 4));
        assertThat(MaternityPay.weeksEndingIn(start, LocalDate.parse("2025-12-01"), LocalDate.parse("2025-12-31"))).isEmpty();
        // 39 weeks: the last ends Saturday 10 October 2026, week 38 on the 3rd; nothing is paid after it.
        assertThat(MaternityPay.lastDay(start)).isEqualTo("2026-10-10");
        assertThat(MaternityPay.weeksEndingIn(start, LocalDate.parse("2026-10-01"), LocalDate.parse("2026-10-31")))
                .contains(new MaternityPay.Weeks(38, 2));
        assertThat(MaternityPay.weeksEndingIn(start, LocalDate.parse("2026-11-01"), LocalDate.parse("2026-11-30"))).isEmpty();
        assertThat(MaternityPay.daysIn(LocalDate.parse("2026-01-01"), LocalDate.parse("2026-01-31"), start,
                LocalDate.parse("2027-01-09"))).isEqualTo(21);
    }
}
