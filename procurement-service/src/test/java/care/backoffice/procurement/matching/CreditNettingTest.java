package care.backoffice.procurement.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class CreditNettingTest {

    static CreditNetting.Line line(int no, Integer orderLine, String q, String price, String total) {
        return new CreditNetting.Line(no, orderLine, "item", new BigDecimal(q), new BigDecimal(price), new BigDecimal(total));
    }

    static final List<CreditNetting.Line> INVOICE = List.of(line(1, 1, "2", "45.50", "91.00"),
            line(2, 2, "10", "30.00", "300.00"));

    @Test
    void aCreditAtTheInvoicedPriceTakesGoodsOff() {
        var net = CreditNetting.net(INVOICE, new BigDecimal("391.00"), List.of(line(1, 2, "4", "30.00", "120.00")),
                new BigDecimal("120.00"));
        assertThat(net.total()).isEqualByComparingTo("271.00");
        assertThat(net.lines().get(1).quantity()).isEqualByComparingTo("6");
        assertThat(net.lines().get(1).lineTotal()).isEqualByComparingTo("180.00");
        assertThat(net.lines().get(0)).isEqualTo(INVOICE.get(0));
    }

    @Test
    void aCreditAtAnotherPriceCorrectsTheAmountOnly() {
        var net = CreditNetting.net(INVOICE, new BigDecimal("391.00"), List.of(line(1, 2, "10", "0.50", "5.00")),
                new BigDecimal("5.00"));
        assertThat(net.total()).isEqualByComparingTo("386.00");
        assertThat(net.lines().get(1).quantity()).isEqualByComparingTo("10");
        assertThat(net.lines().get(1).lineTotal()).isEqualByComparingTo("295.00");
    }

    @Test
    void aCreditForNoInvoicedOrderLineReducesTheTotalOnly() {
        var net = CreditNetting.net(INVOICE, new BigDecimal("391.00"), List.of(line(1, null, "1", "11.00", "11.00"),
                line(2, 7, "1", "30.00", "30.00")), new BigDecimal("41.00"));
        assertThat(net.total()).isEqualByComparingTo("350.00");
        assertThat(net.lines()).isEqualTo(INVOICE);
    }

    @Test
    void creditingEverythingLeavesNothing() {
        var net = CreditNetting.net(INVOICE, new BigDecimal("391.00"), List.of(line(1, 1, "2", "45.50", "91.00"),
                line(2, 2, "10", "30.00", "300.00")), new BigDecimal("391.00"));
        assertThat(net.fullyCredited()).isTrue();
        var partly = CreditNetting.net(INVOICE, new BigDecimal("391.00"), List.of(line(1, 1, "2", "45.50", "91.00")),
                new BigDecimal("91.00"));
        assertThat(partly.fullyCredited()).isFalse();
        assertThat(partly.lines()).hasSize(1);
    }
}
