package care.backoffice.payroll.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import care.backoffice.payroll.engine.PayslipCalculator.Adjustment;
import care.backoffice.payroll.engine.PayslipCalculator.AdjustmentKind;
import care.backoffice.payroll.engine.PayslipCalculator.Section;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** One-off payments and deductions by their tax and NI treatment, without Spring. 2026-27, month 1, 1257L, cat A. */
class PayslipAdjustmentsTest {

    static final TaxYearParameters Y2026 = TaxYears.require("2026-27", "taxYear");

    static BigDecimal £(String s) {
        return new BigDecimal(s);
    }

    static PayslipCalculator.Result slip(String basic, PensionCalculator.Scheme pension, Adjustment... adjustments) {
        return PayslipCalculator.calculate(Y2026, new PayslipCalculator.Input(PayFrequency.MONTHLY, 1, "1257L", false,
                "A", £(basic), null, null, Set.of(), pension, null, null, List.of(adjustments)));
    }

    static Adjustment payment(String code, String amount, boolean taxable, boolean niable) {
        return new Adjustment(AdjustmentKind.PAYMENT, code, code.toLowerCase(), £(amount), taxable, niable);
    }

    static Adjustment deduction(String code, String amount, boolean taxable, boolean niable) {
        return new Adjustment(AdjustmentKind.DEDUCTION, code, code.toLowerCase(), £(amount), taxable, niable);
    }

    @Test
    void eachAdjustmentIsTaxedAsHmrcTreatsIt() {
        // Pay 2,000 + bonus 500 − unpaid leave 100 = earnings 2,400.00 (taxable and NI-able).
        // Tax: 2,400 − free pay 1,048.26 = 1,351.74 → 1,351 × 20% = 270.20. NI: (2,400 − 1,048) × 8% = 108.16;
        // employer (2,400 − 417) × 15% = 297.45. Net: 2,400 − 270.20 − 108.16 − advance 50.00 + expenses 45.60
        // = 2,017.24. The expenses are not in gross, taxable or NI-able pay.
        var r = slip("2000.00", null, payment("BONUS", "500.00", true, true), payment("EXPENSES", "45.60", false, false),
                deduction("PAY_CORRECTION", "100.00", true, true), deduction("RECOVERY", "50.00", false, false));
        assertThat(r.grossPay()).isEqualByComparingTo("2400.00");
        assertThat(r.taxablePay()).isEqualByComparingTo("2400.00");
        assertThat(r.niablePay()).isEqualByComparingTo("2400.00");
        assertThat(r.tax()).isEqualByComparingTo("270.20");
        assertThat(r.employeeNi()).isEqualByComparingTo("108.16");
        assertThat(r.employerNi()).isEqualByComparingTo("297.45");
        assertThat(r.netPay()).isEqualByComparingTo("2017.24");
        assertThat(r.totalDeductions()).isEqualByComparingTo("428.36"); // 270.20 + 108.16 + 50.00
        assertThat(r.notTaxedPayments()).isEqualByComparingTo("45.60");
        assertThat(r.deductionsFromNetPay()).isEqualByComparingTo("50.00");
        assertThat(r.yearToDate().grossPay()).isEqualByComparingTo("2400.00");
        assertThat(r.yearToDate().netPay()).isEqualByComparingTo("2017.24");
        assertThat(r.lines()).extracting(PayslipCalculator.Line::section, PayslipCalculator.Line::code,
                PayslipCalculator.Line::amount).containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Section.EARNINGS, "PAY", £("2000.00")),
                        org.assertj.core.groups.Tuple.tuple(Section.EARNINGS, "BONUS", £("500.00")),
                        org.assertj.core.groups.Tuple.tuple(Section.EARNINGS, "PAY_CORRECTION", £("-100.00")),
                        org.assertj.core.groups.Tuple.tuple(Section.DEDUCTIONS, "INCOME_TAX", £("270.20")),
                        org.assertj.core.groups.Tuple.tuple(Section.DEDUCTIONS, "NATIONAL_INSURANCE", £("108.16")),
                        org.assertj.core.groups.Tuple.tuple(Section.DEDUCTIONS, "RECOVERY", £("50.00")),
                        org.assertj.core.groups.Tuple.tuple(Section.NOT_TAXED, "EXPENSES", £("45.60")),
                        org.assertj.core.groups.Tuple.tuple(Section.EMPLOYER, "EMPLOYER_NI", £("297.45")));
    }

    @Test
    void aTaxableButNotNiablePaymentIsTaxedOnly() {
        // 2,000 + 1,000 taxable only: taxable 3,000 − 1,048.26 → 1,951 × 20% = 390.20; NI on 2,000 only:
        // (2,000 − 1,048) × 8% = 76.16, employer (2,000 − 417) × 15% = 237.45. Net 3,000 − 390.20 − 76.16 = 2,533.64.
        var r = slip("2000.00", null, payment("OTHER_PAYMENT", "1000.00", true, false));
        assertThat(r.grossPay()).isEqualByComparingTo("3000.00");
        assertThat(r.niablePay()).isEqualByComparingTo("2000.00");
        assertThat(r.tax()).isEqualByComparingTo("390.20");
        assertThat(r.employeeNi()).isEqualByComparingTo("76.16");
        assertThat(r.employerNi()).isEqualByComparingTo("237.45");
        assertThat(r.netPay()).isEqualByComparingTo("2533.64");
    }

    @Test
    void aBonusIsPensionableAndExpensesAreNot() {
        // Relief at source, 5% / 3% of qualifying earnings (2026-27 monthly band from 520): 2,000 + bonus 500 − 520
        // = 1,980 → employer 59.40, employee 99.00 of which 79.20 from net pay. The expenses change nothing.
        var scheme = new PensionCalculator.Scheme(PensionCalculator.Arrangement.RELIEF_AT_SOURCE,
                PensionCalculator.Basis.QUALIFYING_EARNINGS, £("0.05"), £("0.03"), null);
        var r = slip("2000.00", scheme, payment("BONUS", "500.00", true, true), payment("EXPENSES", "45.60", false, false));
        assertThat(r.pension().employer()).isEqualByComparingTo("59.40");
        assertThat(r.pension().fromNetPay()).isEqualByComparingTo("79.20");
    }

    @Test
    void treatmentsThatDoNotExistForCashPayAreRefusedFieldByField() {
        assertThatThrownBy(() -> slip("2000.00", null, payment("X", "10.00", false, true),
                deduction("Y", "10.00", true, false), payment("Z", "0.00", true, true)))
                .isInstanceOf(EngineInputException.class)
                .satisfies(e -> assertThat(((EngineInputException) e).problems()).extracting(EngineInputException.Problem::field)
                        .containsExactlyInAnyOrder("adjustments[0].niable", "adjustments[1].niable", "adjustments[2].amount"));
        assertThat(PayslipCalculator.unsupportedTreatment(AdjustmentKind.PAYMENT, true, false)).isNull();
        assertThat(PayslipCalculator.unsupportedTreatment(AdjustmentKind.DEDUCTION, false, false)).isNull();
    }

    @Test
    void deductionsNeverTakeMoreThanThereIs() {
        // Unpaid leave of 150 against pay of 100: gross would be −50.
        assertThatThrownBy(() -> slip("100.00", null, deduction("PAY_CORRECTION", "150.00", true, true)))
                .isInstanceOf(EngineInputException.class).hasMessageContaining("adjustments")
                .hasMessageContaining("exceed the period's pay");
        // 500.00 is below free pay and the PT, so net pay is 500.00; recovering 600.00 from it would leave −100.
        assertThatThrownBy(() -> slip("500.00", null, deduction("RECOVERY", "600.00", false, false)))
                .isInstanceOf(EngineInputException.class).hasMessageContaining("exceed the net pay");
        assertThat(slip("500.00", null, deduction("RECOVERY", "500.00", false, false)).netPay()).isEqualByComparingTo("0.00");
    }
}
