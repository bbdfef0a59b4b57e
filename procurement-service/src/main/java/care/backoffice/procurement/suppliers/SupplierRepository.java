package care.backoffice.procurement.suppliers;

import care.backoffice.procurement.shared.ReferenceData;
import care.backoffice.support.problem.ApiException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class SupplierRepository {

    private final JdbcClient jdbc;
    private final ReferenceData cache;

    public SupplierRepository(JdbcClient jdbc, ReferenceData cache) {
        this.jdbc = jdbc;
        this.cache = cache;
    }

    public Supplier insert(SupplierRules.Checked s, String createdBy) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                insert into supplier (id, name, address_line1, address_line2, town, postcode, country_code,
                    peppol_participant_id, order_endpoint_url, bank_account_name, sort_code, account_number,
                    payment_terms_days, created_by, account_code, account_code_set_by, account_code_set_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (account_code) do nothing""")
                .params(id, s.name(), s.line1(), s.line2(), s.town(), s.postcode(), s.countryCode(),
                        s.peppolParticipantId(), s.orderEndpointUrl(), s.accountName(), s.sortCode(),
                        s.accountNumber(), s.paymentTermsDays(), createdBy, s.accountCode(),
                        s.accountCode() == null ? null : createdBy, s.accountCode() == null ? null : OffsetDateTime.now())
                .update();
        return find(id).orElseThrow(() -> accountCodeTaken(s.accountCode()));
    }

    /**
     * Gives the supplier's service account its code (null: the supplier has no account any more).
     *
     * @return false if another supplier has the code
     */
    public boolean setAccountCode(UUID id, String code, String who) {
        try {
            jdbc.sql("update supplier set account_code = ?, account_code_set_by = ?, account_code_set_at = now() where id = ?")
                    .params(code, who, id).update();
            cache.changed("supplier", id);
            return true;
        } catch (org.springframework.dao.DuplicateKeyException e) {
            // the unique constraint decides, also between two back-office colleagues at the same moment
            return false;
        }
    }

    public Optional<Supplier> findByAccountCode(String code) {
        return jdbc.sql("select * from supplier where account_code = ?").param(code).query(Supplier.class).optional();
    }

    static ApiException accountCodeTaken(String code) {
        return ApiException.conflict("Account code " + code + " belongs to another supplier");
    }

    /** Every order reads its supplier: served from the reference-data cache. */
    public Optional<Supplier> find(UUID id) {
        return Optional.ofNullable(cache.get("supplier", id, key -> jdbc.sql("select * from supplier where id = ?")
                .param(key).query(Supplier.class).optional().orElse(null)));
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
