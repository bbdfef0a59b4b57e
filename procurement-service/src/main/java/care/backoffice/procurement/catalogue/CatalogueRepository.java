package care.backoffice.procurement.catalogue;

import care.backoffice.procurement.shared.ReferenceData;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class CatalogueRepository {

    private final JdbcClient jdbc;
    private final ReferenceData cache;

    public CatalogueRepository(JdbcClient jdbc, ReferenceData cache) {
        this.jdbc = jdbc;
        this.cache = cache;
    }

    /** Read by free-text orders and every match: served from the reference-data cache. */
    public List<Category> categories() {
        return cache.get("categories", "all", key -> jdbc.sql("select * from category order by code")
                .query(Category.class).list());
    }

    public Map<String, Category> categoriesByCode() {
        return categories().stream().collect(Collectors.toMap(Category::code, Function.identity()));
    }

    public boolean insertCategory(Category c) {
        return jdbc.sql("insert into category (code, name, expense_account, free_text_allowed) values (?, ?, ?, ?) "
                        + "on conflict do nothing")
                .params(c.code(), c.name(), c.expenseAccount(), c.freeTextAllowed()).update() == 1
                && changed("categories", null);
    }

    private boolean changed(String name, Object key) {
        cache.changed(name, key);
        return true;
    }

    public CatalogueItem insertItem(UUID supplierId, String code, String description, String unit, BigDecimal price,
            String category) {
        UUID id = UUID.randomUUID();
        int inserted = jdbc.sql("""
                insert into catalogue_item (id, supplier_id, supplier_item_code, description, unit, unit_price, category)
                values (?, ?, ?, ?, ?, ?, ?) on conflict (supplier_id, supplier_item_code) do nothing""")
                .params(id, supplierId, code, description, unit, price, category).update();
        return inserted == 1 ? new CatalogueItem(id, supplierId, code, description, unit, price, category) : null;
    }

    public List<CatalogueItem> items(UUID supplierId) {
        if (supplierId == null) {
            return jdbc.sql("select * from catalogue_item order by supplier_id, supplier_item_code")
                    .query(CatalogueItem.class).list();
        }
        return jdbc.sql("select * from catalogue_item where supplier_id = ? order by supplier_item_code")
                .param(supplierId).query(CatalogueItem.class).list();
    }

    public Map<UUID, CatalogueItem> itemsById(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return jdbc.sql("select * from catalogue_item where id = any(?)").param(ids.toArray(UUID[]::new))
                .query(CatalogueItem.class).list().stream()
                .collect(Collectors.toMap(CatalogueItem::id, Function.identity()));
    }

    /** Items with their changes, for ordering: served from the reference-data cache. */
    public Map<UUID, CatalogueListing> listingsById(Collection<UUID> ids) {
        return cache.getAll("catalogue-item", ids, missing -> withChanges(itemsById(missing).values()));
    }

    /** Every item (of one supplier, or all) with its changes, in catalogue order. */
    public List<CatalogueListing> listings(UUID supplierId) {
        List<CatalogueItem> items = items(supplierId);
        Map<UUID, CatalogueListing> listings = withChanges(items);
        return items.stream().map(i -> listings.get(i.id())).toList();
    }

    private Map<UUID, CatalogueListing> withChanges(Collection<CatalogueItem> items) {
        if (items.isEmpty()) {
            return Map.of();
        }
        Map<UUID, List<CatalogueListing.Change>> changes = changes(items.stream().map(CatalogueItem::id).toList());
        Map<UUID, CatalogueListing> listings = new java.util.LinkedHashMap<>();
        items.forEach(i -> listings.put(i.id(), new CatalogueListing(i, changes.getOrDefault(i.id(), List.of()))));
        return listings;
    }

    private Map<UUID, List<CatalogueListing.Change>> changes(Collection<UUID> itemIds) {
        return jdbc.sql("select * from catalogue_item_change where item_id = any(?)")
                .param(itemIds.toArray(UUID[]::new))
                .query((java.sql.ResultSet rs, int n) -> new CatalogueListing.Change(rs.getObject("item_id", UUID.class),
                        rs.getLong("seq"), CatalogueListing.Kind.valueOf(rs.getString("kind")),
                        rs.getBigDecimal("unit_price"), rs.getObject("effective_from", java.time.LocalDate.class),
                        rs.getString("reason"), rs.getString("changed_by"),
                        rs.getObject("changed_at", java.time.OffsetDateTime.class)))
                .list().stream().collect(Collectors.groupingBy(CatalogueListing.Change::itemId));
    }

    /** Locks the item (changes to one item are recorded one after another) and returns it with its changes. */
    public Optional<CatalogueListing> lockListing(UUID id) {
        return jdbc.sql("select * from catalogue_item where id = ? for update").param(id).query(CatalogueItem.class)
                .optional().map(i -> new CatalogueListing(i, changes(List.of(id)).getOrDefault(id, List.of())));
    }

    public void addChange(UUID itemId, CatalogueListing.Kind kind, BigDecimal price, java.time.LocalDate from,
            String reason, String who) {
        jdbc.sql("""
                insert into catalogue_item_change (item_id, kind, unit_price, effective_from, reason, changed_by, changed_at)
                values (?, ?, ?, ?, ?, ?, ?)""")
                .params(itemId, kind.name(), price, from, reason, who, java.time.OffsetDateTime.now()).update();
        cache.changed("catalogue-item", itemId);
    }

    public Optional<CatalogueItem> item(UUID id) {
        return jdbc.sql("select * from catalogue_item where id = ?").param(id).query(CatalogueItem.class).optional();
    }
}
