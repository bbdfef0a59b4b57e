package care.backoffice.procurement.matching;

import static org.assertj.core.api.Assertions.assertThat;

import care.backoffice.procurement.matching.ThreeWayMatch.InvoiceLine;
import care.backoffice.procurement.matching.ThreeWayMatch.OrderLine;
import care.backoffice.procurement.matching.ThreeWayMatch.Reason;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class ThreeWayMatchTest {

    static final ThreeWayMatch.Tolerance TOLERANCE = new ThreeWayMatch.Tolerance(new BigDecimal("2"), new BigDecimal("5.00"));

    static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    // Two monitors at 45.50 ordered and received; 10 boxes of gloves at 30.00 ordered, 6 received.
    static final List<OrderLine> ORDER = List.of(
            new OrderLine(1, d("2"), d("45.50"), d("2"), d("0")),
            new OrderLine(2, d("10"), d("30.00"), d("6"), d("0")));

    @Test
    void whatWasOrderedReceivedAndInvoicedAtTheOrderPriceMatches() {
        var r = ThreeWayMatch.match(ORDER, List.of(new InvoiceLine(1, 1, d("2"), d("91.00")),
                new InvoiceLine(2, 2, d("6"), d("180.00"))), d("271.00"), TOLERANCE);
        assertThat(r.matched()).isTrue();
        assertThat(r.expectedTotal()).isEqualByComparingTo("271.00");
        assertThat(r.quantityByOrderLine()).containsEntry(2, d("6"));
    }

    @Test
    void theToleranceIsTheSmallerOfTwoPercentAndFivePounds() {
        assertThat(TOLERANCE.allowedFor(d("91.00"))).isEqualByComparingTo("1.82");
        assertThat(TOLERANCE.allowedFor(d("1000.00"))).isEqualByComparingTo("5.00");
        List<InvoiceLine> one = List.of(new InvoiceLine(1, 1, d("2"), d("92.82")));
        assertThat(ThreeWayMatch.match(ORDER, one, d("92.82"), TOLERANCE).matched()).isTrue();
        var over = ThreeWayMatch.match(ORDER, one, d("92.83"), TOLERANCE);
        assertThat(over.reasons()).containsExactly(Reason.PRICE);
        assertThat(over.findings().get(0).detail()).contains("91.00").contains("1.83").contains("1.82");
    }

    @Test
    void anAgreedPriceHasNoToleranceButQuantitiesStillCount() {
        List<InvoiceLine> one = List.of(new InvoiceLine(1, 1, d("2"), d("150.00")));
        assertThat(ThreeWayMatch.match(ORDER, one, d("150.00"), null).matched()).isTrue();
        assertThat(ThreeWayMatch.match(ORDER, List.of(new InvoiceLine(1, 2, d("8"), d("240.00"))), d("240.00"), null)
                .reasons()).containsExactly(Reason.QUANTITY);
    }

    @Test
    void invoicingMoreThanWasReceivedIsAQuantityMismatch() {
        var r = ThreeWayMatch.match(ORDER, List.of(new InvoiceLine(1, 2, d("8"), d("240.00"))), d("240.00"), TOLERANCE);
        assertThat(r.reasons()).containsExactly(Reason.QUANTITY);
        assertThat(r.findings().get(0).detail()).contains("8 invoiced but only 6 received");
    }

    @Test
    void invoicingMoreThanWasOrderedIsAQuantityMismatchEvenIfReceived() {
        var r = ThreeWayMatch.match(List.of(new OrderLine(1, d("2"), d("10.00"), d("2"), d("1"))),
                List.of(new InvoiceLine(1, 1, d("2"), d("20.00"))), d("20.00"), TOLERANCE);
        assertThat(r.reasons()).containsExactly(Reason.QUANTITY);
    }

    @Test
    void nothingReceivedIsNoReceipt() {
        var r = ThreeWayMatch.match(List.of(new OrderLine(1, d("2"), d("45.50"), d("0"), d("0"))),
                List.of(new InvoiceLine(1, null, d("2"), d("91.00"))), d("91.00"), TOLERANCE);
        assertThat(r.reasons()).containsExactly(Reason.NO_RECEIPT);
    }

    @Test
    void noOrderOrAnUnknownOrderLineIsNoOrder() {
        assertThat(ThreeWayMatch.match(null, List.of(new InvoiceLine(1, 1, d("1"), d("5.00"))), d("5.00"), TOLERANCE)
                .reasons()).containsExactly(Reason.NO_ORDER);
        assertThat(ThreeWayMatch.match(ORDER, List.of(new InvoiceLine(1, 7, d("1"), d("5.00"))), d("5.00"), TOLERANCE)
                .reasons()).containsExactly(Reason.NO_ORDER);
        assertThat(ThreeWayMatch.match(ORDER, List.of(new InvoiceLine(1, null, d("1"), d("5.00"))), d("5.00"), TOLERANCE)
                .reasons()).containsExactly(Reason.NO_ORDER);
    }

    @Test
    void severalReasonsAreAllReported() {
        var r = ThreeWayMatch.match(ORDER, List.of(new InvoiceLine(1, 2, d("8"), d("400.00"))), d("400.00"), TOLERANCE);
        assertThat(r.reasons()).containsExactlyInAnyOrder(Reason.QUANTITY, Reason.PRICE);
    }
}
