package care.backoffice.payroll.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import care.backoffice.payroll.runs.Enhancements.Rates;
import care.backoffice.payroll.runs.Enhancements.Shift;
import care.backoffice.payroll.runs.Enhancements.Window;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Night, weekend and bank-holiday enhancements, split by the minute, without Spring. */
class EnhancementsTest {

    static final BankHolidays EW = BankHolidays.englandAndWales();

    static Rates rates(String night, String weekend, String bankHoliday) {
        return new Rates(night == null ? null : new BigDecimal(night), weekend == null ? null : new BigDecimal(weekend),
                bankHoliday == null ? null : new BigDecimal(bankHoliday), null, null);
    }

    static Shift shift(String date, String start, int minutes) {
        return new Shift(LocalDate.parse(date), LocalTime.parse(start), minutes);
    }

    @Test
    void aShiftFromFridayEveningIntoSaturdayIsSplitAtTheNightsStartMidnightAndTheNightsEnd() {
        // Fri 2 May 2025 21:00 – Sat 07:00: 21–22 basic (60), Fri 22–24 night (120), Sat 00–06 night and weekend
        // (360), Sat 06–07 weekend (60).
        var s = List.of(shift("2025-05-02", "21:00", 600));
        // Weekend 25% beats night 20% on Saturday's night hours: night 120, weekend 360 + 60 = 420.
        assertThat(Enhancements.minutes(s, rates("20", "25", null), EW::isBankHoliday))
                .isEqualTo(Map.of(Window.NIGHT, 120L, Window.WEEKEND, 420L));
        // Night 40% beats weekend 30%: night 120 + 360 = 480, weekend 60.
        assertThat(Enhancements.minutes(s, rates("40", "30", null), EW::isBankHoliday))
                .isEqualTo(Map.of(Window.NIGHT, 480L, Window.WEEKEND, 60L));
        // No weekend enhancement: just the night.
        assertThat(Enhancements.minutes(s, rates("20", null, null), EW::isBankHoliday))
                .isEqualTo(Map.of(Window.NIGHT, 480L));
    }

    @Test
    void bankHolidaysAreWholeCalendarDaysOfEnglandAndWales() {
        // Sun 25 May 2025 22:00 – Mon 26 May 06:00 (spring bank holiday): Sunday's 2 hours weekend (25%) rather than
        // night (20%); Monday's 6 hours bank holiday (100%).
        assertThat(Enhancements.minutes(List.of(shift("2025-05-25", "22:00", 480)), rates("20", "25", "100"),
                EW::isBankHoliday)).isEqualTo(Map.of(Window.WEEKEND, 120L, Window.BANK_HOLIDAY, 360L));
        // Christmas 2026: Friday 25th, and Monday 28th as the substitute for Boxing Day (a Saturday, so a weekend).
        assertThat(EW.isBankHoliday(LocalDate.parse("2026-12-25"))).isTrue();
        assertThat(EW.isBankHoliday(LocalDate.parse("2026-12-26"))).isFalse();
        assertThat(EW.isBankHoliday(LocalDate.parse("2026-12-28"))).isTrue();
        assertThat(EW.isBankHoliday(LocalDate.parse("2027-12-27"))).isTrue();
        assertThat(EW.isBankHoliday(LocalDate.parse("2025-08-25"))).isTrue();
        assertThatThrownBy(() -> EW.isBankHoliday(LocalDate.parse("2028-01-03"))).hasMessageContaining("2027-12-31");
    }

    @Test
    void theAgreementMayDefineItsOwnNight() {
        // Night 23:00–07:00: a Tuesday shift 20:00–08:00 has 8 night hours.
        var own = new Rates(new BigDecimal("15"), null, null, LocalTime.of(23, 0), LocalTime.of(7, 0));
        assertThat(Enhancements.minutes(List.of(shift("2025-05-06", "20:00", 720)), own, EW::isBankHoliday))
                .isEqualTo(Map.of(Window.NIGHT, 480L));
        // A night that does not cross midnight, 00:00–05:00.
        var early = new Rates(new BigDecimal("15"), null, null, LocalTime.MIDNIGHT, LocalTime.of(5, 0));
        assertThat(Enhancements.minutes(List.of(shift("2025-05-06", "22:00", 480)), early, EW::isBankHoliday))
                .isEqualTo(Map.of(Window.NIGHT, 300L));
    }

    @Test
    void premiumsAreRoundedOncePerWindow() {
        // 175 minutes at £12.71 with 25%: 175 × 12.71 × 25 / 6000 = 9.2677… → 9.27.
        var lines = Enhancements.premiums(Map.of(Window.NIGHT, 175L), rates("25", null, null), new BigDecimal("12.71"));
        assertThat(lines).singleElement().satisfies(l -> {
            assertThat(l.amount()).isEqualByComparingTo("9.27");
            assertThat(l.description()).isEqualTo("Night enhancement 25% on 2h 55m");
            assertThat(l.taxable()).isTrue();
            assertThat(l.niable()).isTrue();
        });
    }
}
