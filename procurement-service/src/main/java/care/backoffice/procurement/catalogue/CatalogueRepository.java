package care.backoffice.procurement.catalogue;

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

    public CatalogueRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<Category> categories() {
        return jdbc.sql("select * from category order by code").query(Category.class).list();
    }

    public Map<String, Category> categoriesByCode() {
        return categories().stream().collect(Collectors.toMap(Category::code, Function.identity()));
    }

    public boolean insertCategory(Category c) {
        return jdbc.sql("insert into category (code, name, expense_account, free_text_allowed) values (?, ?, ?, ?) "
                        + "on conflict do nothing")
                .params(c.code(), c.name(), c.expenseAccount(), c.freeTextAllowed()).update() == 1;
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

    public Optional<CatalogueItem> item(UUID id) {
        return jdbc.sql("select * from catalogue_item where id = ?").param(id).query(CatalogueItem.class).optional();
    }
}
