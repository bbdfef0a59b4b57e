package care.backoffice.payroll.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Properties over many random pay histories (a seeded generator, so a failure is reproducible; the seed and the
 * case are in the message):
 * <ul>
 * <li>tax due to date is never negative, for any code (only NT and refunds give a negative deduction);</li>
 * <li>a negative deduction (refund) happens only on a cumulative basis;</li>
 * <li>for K codes a period's deduction never exceeds 50% of that period's pay.</li>
 * </ul>
 */
class EnginePropertyTest {

    static final List<String> CODES = List.of("1257L", "0T", "BR", "D0", "D1", "NT", "K100", "K585", "K1000", "K2500",
            "S1257L", "SK630", "SD3", "SBR", "C1257L", "CK45", "45L", "999L", "1001L", "12570L", "1383M", "1131N");

    @Test
    void taxToDateIsNeverNegativeAndKCodesNeverTakeMoreThanHalfThePay() {
        long seed = 20261123L;
        Random random = new Random(seed);
        int checked = 0;
        for (String yearCode : List.of("2025-26", "2026-27")) {
            TaxYearParameters year = TaxYears.require(yearCode, "taxYear");
            for (int series = 0; series < 4000; series++) {
                PayFrequency f = PayFrequency.values()[random.nextInt(PayFrequency.values().length)];
                boolean nonCumulative = random.nextInt(5) == 0;
                BigDecimal payToDate = BigDecimal.ZERO;
                BigDecimal paid = BigDecimal.ZERO;
                for (int period = 1; period <= f.maxPeriod(); period++) {
                    // Mostly ordinary pay, sometimes nothing, sometimes a large bonus.
                    long pence = switch (random.nextInt(10)) {
                        case 0 -> 0;
                        case 1 -> random.nextInt(50_000_00);
                        default -> random.nextInt(8_000_00);
                    };
                    BigDecimal pay = BigDecimal.valueOf(pence, 2);
                    payToDate = payToDate.add(pay);
                    // Codes change during the year, as HMRC coding notices do.
                    String text = CODES.get(random.nextInt(CODES.size()));
                    TaxCode code = TaxCode.parse(text, year.incomeTax(), "taxCode");
                    var r = IncomeTaxCalculator.calculate(year.incomeTax(),
                            new IncomeTaxCalculator.Input(f, period, code, nonCumulative, pay, payToDate, paid));
                    String where = "seed " + seed + ": " + yearCode + " " + f + " p" + period + " " + text
                            + (nonCumulative ? " W1/M1" : "") + " pay " + pay + " to date " + payToDate + " paid " + paid;
                    assertThat(r.taxDueToDate()).as(where).isGreaterThanOrEqualTo(BigDecimal.ZERO);
                    if (r.taxDue().signum() < 0) {
                        assertThat(r.nonCumulativeBasis()).as(where + ": refund on a non-cumulative basis").isFalse();
                    }
                    if (code.kind() == TaxCode.Kind.K) {
                        assertThat(r.taxDue()).as(where + ": over the 50% limit")
                                .isLessThanOrEqualTo(pay.multiply(new BigDecimal("0.5")));
                    }
                    if (code.kind() == TaxCode.Kind.NO_TAX && !r.nonCumulativeBasis()) {
                        assertThat(r.taxDueToDate()).as(where).isEqualByComparingTo("0");
                    }
                    paid = r.taxDueToDate();
                    checked++;
                }
            }
        }
        assertThat(checked).isGreaterThan(100_000);
    }
}
