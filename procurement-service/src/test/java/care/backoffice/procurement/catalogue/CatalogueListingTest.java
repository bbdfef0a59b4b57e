package care.backoffice.procurement.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CatalogueListingTest {

    static final UUID ID = UUID.randomUUID();
    static final CatalogueItem GLOVES = new CatalogueItem(ID, UUID.randomUUID(), "GL-1", "Gloves", "XBX",
            new BigDecimal("30.00"), "care-consumables");

    static CatalogueListing.Change change(long seq, CatalogueListing.Kind kind, String price, String from) {
        return new CatalogueListing.Change(ID, seq, kind, price == null ? null : new BigDecimal(price),
                LocalDate.parse(from), "why " + seq, "bo", OffsetDateTime.now());
    }

    @Test
    void pricesApplyFromTheirDateAndAWithdrawnPriceLeavesTheItemUnorderableUntilANewOne() {
        var listing = new CatalogueListing(GLOVES, List.of(
                change(3, CatalogueListing.Kind.PRICE, "33.00", "2026-12-10"),
                change(1, CatalogueListing.Kind.PRICE, "31.00", "2026-12-01"),
                change(2, CatalogueListing.Kind.PRICE_WITHDRAWN, null, "2026-12-05")));
        assertThat(listing.on(LocalDate.parse("2026-11-30")).unitPrice()).isEqualByComparingTo("30.00");
        assertThat(listing.on(LocalDate.parse("2026-12-01")).unitPrice()).isEqualByComparingTo("31.00");
        var withdrawn = listing.on(LocalDate.parse("2026-12-05"));
        assertThat(withdrawn.orderable()).isFalse();
        assertThat(withdrawn.unavailable()).contains("2026-12-05").contains("why 2");
        assertThat(listing.on(LocalDate.parse("2026-12-10")).unitPrice()).isEqualByComparingTo("33.00");
    }

    @Test
    void twoChangesOnOneDayTheLaterRecordedWins() {
        var listing = new CatalogueListing(GLOVES, List.of(
                change(8, CatalogueListing.Kind.PRICE, "29.00", "2026-12-01"),
                change(7, CatalogueListing.Kind.PRICE_WITHDRAWN, null, "2026-12-01")));
        assertThat(listing.on(LocalDate.parse("2026-12-01")).unitPrice()).isEqualByComparingTo("29.00");
    }

    @Test
    void aWithdrawnItemCannotBeOrderedFromItsDateWhateverItsPrice() {
        var listing = new CatalogueListing(GLOVES, List.of(
                change(1, CatalogueListing.Kind.WITHDRAWN, null, "2026-12-01"),
                change(2, CatalogueListing.Kind.PRICE, "10.00", "2026-11-01")));
        assertThat(listing.on(LocalDate.parse("2026-11-30")).unitPrice()).isEqualByComparingTo("10.00");
        assertThat(listing.on(LocalDate.parse("2026-12-01")).orderable()).isFalse();
        assertThat(listing.on(LocalDate.parse("2027-06-01")).unavailable()).contains("withdrawn").contains("2026-12-01");
        assertThat(listing.withdrawal()).hasValueSatisfying(w -> assertThat(w.seq()).isEqualTo(1));
    }
}
