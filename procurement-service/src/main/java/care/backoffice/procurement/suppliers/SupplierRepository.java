package care.backoffice.procurement.suppliers;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class SupplierRepository {

    private final JdbcClient jdbc;

    public SupplierRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Supplier insert(SupplierRules.Checked s, String createdBy) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                insert into supplier (id, name, address_line1, address_line2, town, postcode, country_code,
                    peppol_participant_id, order_endpoint_url, bank_account_name, sort_code, account_number,
                    payment_terms_days, created_by)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, s.name(), s.line1(), s.line2(), s.town(), s.postcode(), s.countryCode(),
                        s.peppolParticipantId(), s.orderEndpointUrl(), s.accountName(), s.sortCode(),
                        s.accountNumber(), s.paymentTermsDays(), createdBy)
                .update();
        return find(id).orElseThrow();
    }

    public Optional<Supplier> find(UUID id) {
        return jdbc.sql("select * from supplier where id = ?").param(id).query(Supplier.class).optional();
    }

    /**
     * The supplier a PEPPOL document comes from, by its electronic address "scheme:id". Should two suppliers
     * share an address (a group's subsidiaries on one access point), the one registered first is taken.
     */
    public Optional<UUID> idByPeppolParticipant(String schemeAndId) {
        return jdbc.sql("select id from supplier where peppol_participant_id = ? order by created_at, id limit 1")
                .param(schemeAndId).query(UUID.class).optional();
    }

    public List<Supplier> all() {
        return jdbc.sql("select * from supplier order by lower(name), id").query(Supplier.class).list();
    }
}
