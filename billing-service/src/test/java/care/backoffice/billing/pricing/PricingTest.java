package care.backoffice.billing.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class PricingTest {

    @ParameterizedTest(name = "{0} min per minute, {1} → {2}")
    @CsvSource({"0,UP,0", "1,UP,1", "44,DOWN,44", "59,NEAREST,59"})
    void perMinuteChargesEveryMinuteWhateverTheRounding(int minutes, Rounding rounding, int expected) {
        assertThat(Pricing.billableMinutes(minutes, BillingUnit.MINUTE, rounding)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} min in 5-minute units rounded {1} → {2}")
    @CsvSource({
            "20,UP,20", "21,UP,25", "24,UP,25", "1,UP,5",
            "21,DOWN,20", "24,DOWN,20", "4,DOWN,0",
            "22,NEAREST,20", "23,NEAREST,25", "2,NEAREST,0", "3,NEAREST,5"})
    void fiveMinuteUnits(int minutes, Rounding rounding, int expected) {
        assertThat(Pricing.billableMinutes(minutes, BillingUnit.FIVE_MINUTES, rounding)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} min in 15-minute units rounded {1} → {2}")
    @CsvSource({
            "45,UP,45", "46,UP,60", "16,UP,30", "1,UP,15",
            "29,DOWN,15", "44,DOWN,30", "14,DOWN,0",
            "22,NEAREST,15", "23,NEAREST,30", "7,NEAREST,0", "8,NEAREST,15", "52,NEAREST,45", "53,NEAREST,60"})
    void fifteenMinuteUnits(int minutes, Rounding rounding, int expected) {
        assertThat(Pricing.billableMinutes(minutes, BillingUnit.FIFTEEN_MINUTES, rounding)).isEqualTo(expected);
    }

    @Test
    void negativeMinutesAreAProgrammingErrorNotAPrice() {
        assertThatThrownBy(() -> Pricing.billableMinutes(-1, BillingUnit.MINUTE, Rounding.UP))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void plannedTimeIsChargedWhenTheContractSaysSoAndTheVisitWasPlanned() {
        assertThat(Pricing.chargedMinutes(ChargedTime.PLANNED, 52, 45)).isEqualTo(45);
        assertThat(Pricing.chargedMinutes(ChargedTime.PLANNED, 52, null)).isEqualTo(52);
        assertThat(Pricing.chargedMinutes(ChargedTime.ACTUAL, 52, 45)).isEqualTo(52);
    }

    @ParameterizedTest(name = "£{0}/h × {1} min = £{2}")
    @CsvSource({
            "24.00,45,18.00",
            "24.00,60,24.00",
            "25.50,20,8.50",
            "23.99,7,2.80",   // 2.79883… rounds up to the penny
            "23.99,1,0.40",   // 0.39983…
            "19.05,2,0.64",   // 0.635 exactly: half-up
            "0.00,600,0.00"})
    void lineAmountIsRateTimesMinutesOverSixtyHalfUpToThePenny(String rate, long minutes, String expected) {
        assertThat(Pricing.lineAmount(new BigDecimal(rate), minutes)).isEqualByComparingTo(expected)
                .extracting(BigDecimal::scale).isEqualTo(2);
    }

    @Test
    void roundingMoneyOncePerLineDoesNotDriftLikePerVisitRounding() {
        // 30 visits of 7 minutes at £23.99/h: per visit 2.80 each would make 84.00; the true amount is 83.965 → 83.97.
        assertThat(Pricing.lineAmount(new BigDecimal("23.99"), 30 * 7)).isEqualByComparingTo("83.97");
    }

    @Test
    void careIsExemptFromVatUnlessTheContractSaysStandard() {
        assertThat(Pricing.vat(new BigDecimal("100.00"), VatTreatment.EXEMPT)).isEqualByComparingTo("0.00");
        assertThat(Pricing.vat(new BigDecimal("10.03"), VatTreatment.STANDARD)).isEqualByComparingTo("2.01");
    }

    @Test
    void moneyIsReadFromStringsWithAtMostTwoDecimals() {
        assertThat(Money.parse("24.5")).isEqualByComparingTo("24.50");
        assertThat(Money.parse("24.555")).isNull();
        assertThat(Money.parse("1e3")).isNull();
        assertThat(Money.format(new BigDecimal("7.5"))).isEqualTo("7.50");
    }
}
