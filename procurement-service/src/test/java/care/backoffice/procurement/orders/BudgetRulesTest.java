package care.backoffice.procurement.orders;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class BudgetRulesTest {

    static final int APRIL = 4;

    @Test
    void theBudgetYearStartsInAprilAndIsNamedByTheYearItStartsIn() {
        assertThat(BudgetRules.budgetYear(LocalDate.of(2026, 3, 31), APRIL)).isEqualTo(2025);
        assertThat(BudgetRules.budgetYear(LocalDate.of(2026, 4, 1), APRIL)).isEqualTo(2026);
        assertThat(BudgetRules.budgetYear(LocalDate.of(2027, 1, 15), APRIL)).isEqualTo(2026);
        assertThat(BudgetRules.budgetYear(LocalDate.of(2026, 1, 1), 1)).isEqualTo(2026);
    }

    @Test
    void splitByMonthReleasesATwelfthEachMonthRoundedDownAndCarriesUnusedBudgetForward() {
        BigDecimal yearly = new BigDecimal("1000.00");
        assertThat(BudgetRules.releasedToDate(yearly, true, LocalDate.of(2026, 4, 1), APRIL)).isEqualByComparingTo("83.33");
        assertThat(BudgetRules.releasedToDate(yearly, true, LocalDate.of(2026, 5, 31), APRIL)).isEqualByComparingTo("166.66");
        assertThat(BudgetRules.releasedToDate(yearly, true, LocalDate.of(2026, 11, 23), APRIL)).isEqualByComparingTo("666.66");
        assertThat(BudgetRules.releasedToDate(yearly, true, LocalDate.of(2027, 3, 1), APRIL)).isEqualByComparingTo("1000.00");
        assertThat(BudgetRules.releasedToDate(yearly, false, LocalDate.of(2026, 4, 1), APRIL)).isEqualByComparingTo("1000.00");
    }

    @Test
    void anOrderFitsWhenItIsNoMoreThanWhatRemains() {
        BigDecimal remaining = BudgetRules.remaining(new BigDecimal("1000.00"), new BigDecimal("600.00"),
                new BigDecimal("300.00"));
        assertThat(remaining).isEqualByComparingTo("100.00");
        assertThat(BudgetRules.fits(new BigDecimal("100.00"), remaining)).isTrue();
        assertThat(BudgetRules.fits(new BigDecimal("100.01"), remaining)).isFalse();
    }

    @Test
    void lineAmountsRoundHalfUpToThePenny() {
        assertThat(BudgetRules.lineTotal(new BigDecimal("1.5"), new BigDecimal("0.05"))).isEqualByComparingTo("0.08");
        assertThat(BudgetRules.lineTotal(new BigDecimal("3"), new BigDecimal("33.33"))).isEqualByComparingTo("99.99");
        assertThat(BudgetRules.lineTotal(new BigDecimal("0.333"), new BigDecimal("10.00"))).isEqualByComparingTo("3.33");
    }
}
