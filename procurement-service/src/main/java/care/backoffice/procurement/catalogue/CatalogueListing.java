package care.backoffice.procurement.catalogue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A catalogue item with every change made to it, and what it can be ordered at on a given day. Plain Java.
 *
 * <p>On day {@code d}: an item WITHDRAWN from a date on or before {@code d} cannot be ordered. Otherwise its price
 * is the latest PRICE or PRICE_WITHDRAWN change effective on or before {@code d} (the later recorded one if two
 * share a date), or the price it was first listed at if there is none; after PRICE_WITHDRAWN it has no price and
 * cannot be ordered until a later PRICE.
 */
public record CatalogueListing(CatalogueItem item, List<Change> changes) {

    public enum Kind { PRICE, PRICE_WITHDRAWN, WITHDRAWN }

    public record Change(UUID itemId, long seq, Kind kind, BigDecimal unitPrice, LocalDate effectiveFrom,
            String reason, String changedBy, OffsetDateTime changedAt) {}

    /** What the item can be ordered at on a day: a price, or why not. */
    public record Terms(BigDecimal unitPrice, String unavailable) {
        public boolean orderable() {
            return unavailable == null;
        }
    }

    public CatalogueListing {
        changes = changes.stream().sorted(Comparator.comparing(Change::effectiveFrom).thenComparing(Change::seq))
                .toList();
    }

    public Terms on(LocalDate day) {
        Optional<Change> withdrawn = withdrawal().filter(w -> !w.effectiveFrom().isAfter(day));
        if (withdrawn.isPresent()) {
            return new Terms(null, "was withdrawn from the catalogue from " + withdrawn.get().effectiveFrom()
                    + because(withdrawn.get()));
        }
        BigDecimal price = item.unitPrice();
        Change last = null;
        for (Change c : changes) {
            if (c.effectiveFrom().isAfter(day)) {
                break;
            }
            if (c.kind() != Kind.WITHDRAWN) {
                price = c.kind() == Kind.PRICE ? c.unitPrice() : null;
                last = c;
            }
        }
        if (price == null) {
            return new Terms(null, "has no price from " + last.effectiveFrom() + " (the price was withdrawn"
                    + because(last) + ")");
        }
        return new Terms(price, null);
    }

    /** The earliest withdrawal of the item, if it is (or will be) withdrawn. */
    public Optional<Change> withdrawal() {
        return changes.stream().filter(c -> c.kind() == Kind.WITHDRAWN).findFirst();
    }

    private static String because(Change c) {
        return c.reason() == null ? "" : ": " + c.reason();
    }
}
