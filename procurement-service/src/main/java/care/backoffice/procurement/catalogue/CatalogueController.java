package care.backoffice.procurement.catalogue;

import care.backoffice.procurement.shared.Money;
import care.backoffice.procurement.suppliers.SupplierRepository;
import care.backoffice.support.idempotency.IdempotentRequests;
import care.backoffice.support.problem.ApiException;
import care.backoffice.support.problem.Problems;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The back office keeps categories and each supplier's catalogue; every colleague browses them. */
@RestController
public class CatalogueController {

    public record CategoryRequest(String code, String name, String expenseAccount, Boolean freeTextAllowed) {}

    public record ItemRequest(String supplierItemCode, String description, String unit, String unitPrice,
            String category) {}

    private static final java.time.ZoneId LONDON = java.time.ZoneId.of("Europe/London");

    private final CatalogueRepository catalogue;
    private final SupplierRepository suppliers;
    private final IdempotentRequests idempotent;

    public CatalogueController(CatalogueRepository catalogue, SupplierRepository suppliers,
            IdempotentRequests idempotent) {
        this.catalogue = catalogue;
        this.suppliers = suppliers;
        this.idempotent = idempotent;
    }

    @GetMapping("/api/procurement/categories")
    @PreAuthorize("hasAnyRole('team-member','back-office','finance')")
    public List<Category> categories() {
        return catalogue.categories();
    }

    @PostMapping("/api/procurement/categories")
    @PreAuthorize("hasRole('back-office')")
    public ResponseEntity<?> addCategory(@RequestBody CategoryRequest r,
            @RequestHeader(name = "Idempotency-Key", required = false) String key) {
        Problems p = new Problems();
        p.require(r.code() != null && r.code().matches("[a-z0-9][a-z0-9-]{0,49}"), "code",
                "is required: lower-case letters, digits and dashes");
        p.require(r.name() != null && !r.name().isBlank(), "name", "is required");
        // Purchases are expenses: the 5xxx-8xxx range of the chart (fixed assets are capitalised by finance).
        p.require(r.expenseAccount() != null && r.expenseAccount().matches("[5-8]\\d{3}"), "expenseAccount",
                "must be an expense account code of the chart of accounts (5000-8999)");
        p.require(r.freeTextAllowed() != null, "freeTextAllowed", "is required (true or false)");
        p.throwIfAny();
        Category c = new Category(r.code(), r.name().trim(), r.expenseAccount(), r.freeTextAllowed());
        return idempotent.once("category", key, r, () -> {
            if (!catalogue.insertCategory(c)) {
                throw ApiException.conflict("Category " + c.code() + " already exists");
            }
            return ResponseEntity.status(201).body(c);
        });
    }

    /** The catalogue as it stands today: each item's price today, or why it cannot be ordered. */
    @GetMapping("/api/procurement/catalogue")
    @PreAuthorize("hasAnyRole('team-member','back-office','finance')")
    public List<Map<String, Object>> items(@RequestParam(required = false) UUID supplierId) {
        LocalDate today = LocalDate.now(LONDON);
        return catalogue.listings(supplierId).stream().map(l -> view(l, today)).toList();
    }

    public record ChangeRequest(String kind, String unitPrice, String effectiveFrom, String reason) {}

    /**
     * The back office changes an item from a date: a new price ({@code PRICE}), the price withdrawn
     * ({@code PRICE_WITHDRAWN}: no price until a new one), or the item withdrawn ({@code WITHDRAWN}). Only from
     * today on: orders already placed keep their price. Every change stays in the item's history.
     */
    @PostMapping("/api/procurement/catalogue/{itemId}/changes")
    @PreAuthorize("hasRole('back-office')")
    public ResponseEntity<?> change(@PathVariable UUID itemId, @RequestBody ChangeRequest r,
            @RequestHeader(name = "Idempotency-Key", required = false) String key) {
        Problems p = new Problems();
        CatalogueListing.Kind kind = null;
        try {
            kind = r.kind() == null ? null : CatalogueListing.Kind.valueOf(r.kind());
        } catch (IllegalArgumentException e) {
            // reported below
        }
        p.require(kind != null, "kind", "must be PRICE, PRICE_WITHDRAWN or WITHDRAWN");
        LocalDate from = p.date("effectiveFrom", r.effectiveFrom(), true);
        LocalDate today = LocalDate.now(LONDON);
        if (from != null && from.isBefore(today)) {
            p.add("effectiveFrom", "must be today (" + today + ") or later: orders already placed keep their price");
        }
        BigDecimal price = null;
        if (kind == CatalogueListing.Kind.PRICE) {
            price = Money.parse(p, "unitPrice", r.unitPrice(), true);
        } else if (r.unitPrice() != null) {
            p.add("unitPrice", "only a PRICE change has a price");
        }
        boolean withdrawal = kind != null && kind != CatalogueListing.Kind.PRICE;
        p.require(!withdrawal || (r.reason() != null && !r.reason().isBlank()), "reason",
                "say why it is withdrawn, for everyone who orders it");
        p.require(r.reason() == null || r.reason().length() <= 500, "reason", "at most 500 characters");
        p.throwIfAny();
        CatalogueListing.Kind k = kind;
        BigDecimal newPrice = price;
        String reason = r.reason() == null || r.reason().isBlank() ? null : r.reason().trim();
        String who = care.backoffice.support.security.CurrentUser.get().name();
        return idempotent.once("catalogue-change:" + itemId, key, r, () -> {
            CatalogueListing listing = catalogue.lockListing(itemId)
                    .orElseThrow(() -> ApiException.notFound("Catalogue item " + itemId));
            listing.withdrawal().filter(w -> !w.effectiveFrom().isAfter(from)).ifPresent(w -> {
                throw ApiException.conflict("The item is withdrawn from " + w.effectiveFrom()
                        + "; list it again as a new item instead");
            });
            catalogue.addChange(itemId, k, newPrice, from, reason, who);
            return ResponseEntity.status(201).body(history(catalogue.lockListing(itemId).orElseThrow(), today));
        });
    }

    /** Every change to an item, oldest first, with who made it and when; visible to every colleague. */
    @GetMapping("/api/procurement/catalogue/{itemId}/history")
    @PreAuthorize("hasAnyRole('team-member','back-office','finance')")
    public Map<String, Object> history(@PathVariable UUID itemId) {
        CatalogueListing listing = catalogue.listingsById(List.of(itemId)).get(itemId);
        if (listing == null) {
            throw ApiException.notFound("Catalogue item " + itemId);
        }
        return history(listing, LocalDate.now(LONDON));
    }

    private static Map<String, Object> history(CatalogueListing listing, LocalDate today) {
        Map<String, Object> m = view(listing, today);
        m.put("listedPrice", Money.format(listing.item().unitPrice()));
        m.put("changes", listing.changes().stream().map(c -> {
            Map<String, Object> change = new LinkedHashMap<>();
            change.put("kind", c.kind().name());
            change.put("unitPrice", c.unitPrice() == null ? null : Money.format(c.unitPrice()));
            change.put("effectiveFrom", c.effectiveFrom());
            change.put("reason", c.reason());
            change.put("changedBy", c.changedBy());
            change.put("changedAt", c.changedAt());
            return change;
        }).toList());
        return m;
    }

    static Map<String, Object> view(CatalogueListing listing, LocalDate today) {
        CatalogueListing.Terms terms = listing.on(today);
        Map<String, Object> m = view(listing.item());
        m.put("unitPrice", terms.orderable() ? Money.format(terms.unitPrice()) : null);
        m.put("orderable", terms.orderable());
        if (!terms.orderable()) {
            m.put("unavailable", terms.unavailable());
        }
        listing.withdrawal().ifPresent(w -> m.put("withdrawnFrom", w.effectiveFrom()));
        return m;
    }

    /** Adds items to a supplier's catalogue; a list is stored whole or not at all. */
    @PostMapping("/api/procurement/suppliers/{supplierId}/catalogue")
    @PreAuthorize("hasRole('back-office')")
    public ResponseEntity<?> addItems(@PathVariable UUID supplierId, @RequestBody List<ItemRequest> items,
            @RequestHeader(name = "Idempotency-Key", required = false) String key) {
        suppliers.find(supplierId).orElseThrow(() -> ApiException.notFound("Supplier " + supplierId));
        Map<String, Category> categories = catalogue.categoriesByCode();
        Problems p = new Problems();
        p.require(items != null && !items.isEmpty() && items.size() <= 1000, "items", "1 to 1000 items are required");
        List<BigDecimal> prices = new ArrayList<>();
        Set<String> codes = new HashSet<>();
        for (int i = 0; items != null && i < items.size(); i++) {
            ItemRequest it = items.get(i);
            String f = "[" + i + "].";
            p.require(it.supplierItemCode() != null && !it.supplierItemCode().isBlank()
                    && codes.add(it.supplierItemCode()), f + "supplierItemCode", "is required and unique in the list");
            p.require(it.description() != null && !it.description().isBlank(), f + "description", "is required");
            p.require(UnitCodes.isKnown(it.unit()), f + "unit", "must be one of " + UnitCodes.KNOWN.keySet());
            p.require(it.category() != null && categories.containsKey(it.category()), f + "category",
                    "must be one of " + categories.keySet());
            prices.add(Money.parse(p, f + "unitPrice", it.unitPrice(), true));
        }
        p.throwIfAny();
        return idempotent.once("catalogue:" + supplierId, key, items, () -> {
            List<Map<String, Object>> created = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                ItemRequest it = items.get(i);
                CatalogueItem saved = catalogue.insertItem(supplierId, it.supplierItemCode().trim(),
                        it.description().trim(), it.unit(), prices.get(i), it.category());
                if (saved == null) {
                    throw ApiException.conflict("Item " + it.supplierItemCode() + " is already in this catalogue");
                }
                created.add(view(saved));
            }
            return ResponseEntity.status(201).body(created);
        });
    }

    static Map<String, Object> view(CatalogueItem i) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", i.id());
        m.put("supplierId", i.supplierId());
        m.put("supplierItemCode", i.supplierItemCode());
        m.put("description", i.description());
        m.put("unit", i.unit());
        m.put("unitPrice", Money.format(i.unitPrice()));
        m.put("category", i.category());
        return m;
    }
}
