package care.backoffice.procurement.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class UblOrderDocumentTest {

    static PeppolOrderValidator validator;

    @BeforeAll
    static void loadRules() {
        validator = new PeppolOrderValidator();
    }

    static UblOrderDocument.Order order(String sellerEndpoint, String description) {
        var buyer = new UblOrderDocument.Party("Buurtzorg Care CIC", "0088:5000000000005", "2 High Street", null,
                "Leeds", "LS1 1AA", "GB");
        var seller = new UblOrderDocument.Party("Medisupply Ltd", sellerEndpoint, "1 Market Street", "Unit 4",
                "Leeds", "LS1 4AP", "GB");
        var delivery = new UblOrderDocument.Party("Team Leeds West", null, "10 Kirkstall Road", null, "Leeds",
                "LS4 2AA", "GB");
        return new UblOrderDocument.Order("PO-000001", LocalDate.of(2026, 11, 23), "team-leeds-west", "Ring the bell",
                buyer, seller, delivery, List.of(
                        new UblOrderDocument.Line(1, "BP-100", description, "EA", new BigDecimal("2"),
                                new BigDecimal("45.50"), new BigDecimal("91.00")),
                        new UblOrderDocument.Line(2, null, "Nitrile gloves, box of 100", "XBX", new BigDecimal("1.5"),
                                new BigDecimal("9.99"), new BigDecimal("14.99"))),
                new BigDecimal("105.99"));
    }

    @Test
    void anOrderIsAValidPeppolBisOrder() {
        String xml = UblOrderDocument.write(order("0088:5012345678900", "Blood pressure monitor <upper arm> & cuff"));
        assertThat(validator.errors(xml)).isEmpty();
        assertThat(xml).contains("&lt;upper arm&gt; &amp; cuff");
    }

    @Test
    void aSupplierOutsidePeppolGetsTheSameOrderWaivingOnlyTheSellerEndpointRule() {
        String xml = UblOrderDocument.write(order(null, "Monitor"));
        assertThat(validator.errors(xml)).singleElement().asString().contains("[PEPPOL-T01-B07201]");
        assertThat(validator.errorsForSupplierOutsidePeppol(xml)).isEmpty();
        String broken = xml.replace("<cbc:DocumentCurrencyCode>GBP</cbc:DocumentCurrencyCode>", "");
        assertThat(validator.errorsForSupplierOutsidePeppol(broken)).isNotEmpty();
    }

    @Test
    void aCancellationIsAValidPeppolOrderCancellation() {
        var o = order("0088:5012345678900", "Monitor");
        String xml = UblOrderDocument.writeCancellation("PO-000001-C", LocalDate.of(2026, 11, 24), "PO-000001",
                "Ordered twice by mistake", o.buyer(), o.seller());
        assertThat(validator.cancellationErrors(xml)).isEmpty();
        assertThat(validator.cancellationErrors(xml.replace("<cbc:CancellationNote>Ordered twice by mistake</cbc:CancellationNote>", "")))
                .isNotEmpty();
    }

    @Test
    void theValidatorCatchesABrokenDocument() {
        String xml = UblOrderDocument.write(order("0088:5012345678900", "Monitor"))
                .replace("<cbc:DocumentCurrencyCode>GBP</cbc:DocumentCurrencyCode>", "");
        assertThat(validator.errors(xml)).isNotEmpty();
    }
}
