package care.backoffice.billing.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import care.backoffice.billing.pricing.BillingUnit;
import care.backoffice.billing.pricing.ChargedTime;
import care.backoffice.billing.pricing.Rounding;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Which visits a correction re-prices: those whose price differs between the terms before and after it. */
class ContractTermsTest {

    static final LocalDate JAN = LocalDate.of(2031, 1, 1);
    static final LocalDate MAR = LocalDate.of(2031, 3, 1);

    /** Personal care £24.00 from 1 January, £26.00 from 1 March; 15-minute units to the nearest, actual time. */
    static ContractTerms terms() {
        NavigableMap<LocalDate, BigDecimal> personal = new TreeMap<>(Map.of(JAN, new BigDecimal("24.00"), MAR, new BigDecimal("26.00")));
        return new ContractTerms(JAN, null, BillingUnit.FIFTEEN_MINUTES, Rounding.NEAREST, ChargedTime.ACTUAL,
                Map.of("PERSONAL_CARE", personal));
    }

    @Test
    void aVisitIsPricedByTheLatestRateOnItsDayAndTheContractsUnitAndNothingOutsideTheContract() {
        ContractTerms t = terms();
        assertThat(t.priceOf("PERSONAL_CARE", LocalDate.of(2031, 2, 28), 38, null))
                .isEqualTo(new ContractTerms.Price(new BigDecimal("24.00"), 38, 45));
        assertThat(t.priceOf("PERSONAL_CARE", MAR, 52, null).hourlyRate()).isEqualByComparingTo("26.00");
        assertThat(t.priceOf("PERSONAL_CARE", LocalDate.of(2030, 12, 31), 30, null)).isNull();
        assertThat(t.priceOf("NURSING_CARE", MAR, 30, null)).isNull();
        assertThat(t.endingOn(LocalDate.of(2031, 3, 15)).priceOf("PERSONAL_CARE", LocalDate.of(2031, 3, 16), 30, null)).isNull();
    }

    @Test
    void aCorrectedRateRePricesOnlyTheVisitsInItsPeriod() {
        ContractTerms before = terms();
        ContractTerms after = before.withRate("PERSONAL_CARE", JAN, JAN, new BigDecimal("25.00"));
        assertThat(before.pricesDifferently(after, "PERSONAL_CARE", LocalDate.of(2031, 2, 10), 30, null)).isTrue();
        assertThat(before.pricesDifferently(after, "PERSONAL_CARE", LocalDate.of(2031, 3, 10), 30, null)).isFalse();
        // The same amount written differently is no correction.
        ContractTerms sameAmount = before.withRate("PERSONAL_CARE", JAN, JAN, new BigDecimal("24.0"));
        assertThat(before.pricesDifferently(sameAmount, "PERSONAL_CARE", LocalDate.of(2031, 2, 10), 30, null)).isFalse();
        // Moving the first price later leaves the days before it without a price: re-priced (to be credited).
        ContractTerms later = before.withRate("PERSONAL_CARE", JAN, LocalDate.of(2031, 2, 1), new BigDecimal("24.00"));
        assertThat(later.priceOf("PERSONAL_CARE", LocalDate.of(2031, 1, 20), 30, null)).isNull();
        assertThat(before.pricesDifferently(later, "PERSONAL_CARE", LocalDate.of(2031, 1, 20), 30, null)).isTrue();
        assertThat(before.pricesDifferently(later, "PERSONAL_CARE", LocalDate.of(2031, 2, 20), 30, null)).isFalse();
    }

    @Test
    void aCorrectionOfHowTimeIsCountedRePricesOnlyTheVisitsWhoseMinutesChange() {
        ContractTerms before = terms();
        ContractTerms perMinute = before.countingTime(BillingUnit.MINUTE, Rounding.NEAREST, ChargedTime.ACTUAL);
        assertThat(before.pricesDifferently(perMinute, "PERSONAL_CARE", MAR, 45, null)).isFalse();   // 45 either way
        assertThat(before.pricesDifferently(perMinute, "PERSONAL_CARE", MAR, 38, null)).isTrue();    // 45 → 38
        ContractTerms planned = before.countingTime(BillingUnit.FIFTEEN_MINUTES, Rounding.NEAREST, ChargedTime.PLANNED);
        assertThat(before.pricesDifferently(planned, "PERSONAL_CARE", MAR, 45, 45)).isFalse();      // 45 and 45
        // Billed 45 either way, but charged 50 then 45: the council CSV shows both, as the run's KEEP check compares.
        assertThat(before.pricesDifferently(planned, "PERSONAL_CARE", MAR, 50, 45)).isTrue();
        assertThat(before.pricesDifferently(planned, "PERSONAL_CARE", MAR, 50, 30)).isTrue();       // 45 → 30
        assertThat(before.pricesDifferently(planned, "PERSONAL_CARE", MAR, 50, null)).isFalse();    // unplanned: actual
    }
}
