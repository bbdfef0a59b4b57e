package care.backoffice.billing.funders;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class FunderRepository {

    private static final String COLUMNS = """
            id, legal_name, type, address_line1, address_line2, city, postcode, country_code, peppol_participant_id,
            email, portal_url, payment_terms_days, required_references, created_at""";

    private final JdbcClient jdbc;

    public FunderRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Funder insert(NewFunder f, String createdBy) {
        UUID id = UUID.randomUUID();
        String[] refs = f.requiredReferences() == null ? new String[0]
                : f.requiredReferences().stream().distinct().toArray(String[]::new);
        jdbc.sql("""
                insert into funder (id, legal_name, type, address_line1, address_line2, city, postcode, country_code,
                    peppol_participant_id, email, portal_url, payment_terms_days, required_references, created_by)
                values (:id, :name, :type, :line1, :line2, :city, :postcode, :country, :peppol, :email, :portal,
                    :terms, :refs, :by)""")
                .param("id", id).param("name", f.legalName().trim()).param("type", f.type())
                .param("line1", f.address().line1()).param("line2", f.address().line2())
                .param("city", f.address().city()).param("postcode", f.address().postcode())
                .param("country", f.address().countryCode() == null ? "GB" : f.address().countryCode())
                .param("peppol", blankToNull(f.peppolParticipantId())).param("email", blankToNull(f.email()))
                .param("portal", blankToNull(f.portalUrl())).param("terms", f.paymentTermsDays())
                .param("refs", refs).param("by", createdBy)
                .update();
        return find(id).orElseThrow();
    }

    /** Replaces a funder's details; the previous values go to funder_history in the same transaction. */
    public Optional<Funder> update(UUID id, NewFunder f, String changedBy) {
        int kept = jdbc.sql("""
                insert into funder_history (funder_id, changed_by, previous)
                select id, :by, to_jsonb(f) - 'created_at' - 'created_by' from funder f where id = :id""")
                .param("by", changedBy).param("id", id).update();
        if (kept == 0) {
            return Optional.empty();
        }
        String[] refs = f.requiredReferences() == null ? new String[0]
                : f.requiredReferences().stream().distinct().toArray(String[]::new);
        jdbc.sql("""
                update funder set legal_name = :name, type = :type, address_line1 = :line1, address_line2 = :line2,
                    city = :city, postcode = :postcode, country_code = :country, peppol_participant_id = :peppol,
                    email = :email, portal_url = :portal, payment_terms_days = :terms, required_references = :refs
                where id = :id""")
                .param("id", id).param("name", f.legalName().trim()).param("type", f.type())
                .param("line1", f.address().line1()).param("line2", f.address().line2())
                .param("city", f.address().city()).param("postcode", f.address().postcode())
                .param("country", f.address().countryCode() == null ? "GB" : f.address().countryCode())
                .param("peppol", blankToNull(f.peppolParticipantId())).param("email", blankToNull(f.email()))
                .param("portal", blankToNull(f.portalUrl())).param("terms", f.paymentTermsDays())
                .param("refs", refs).update();
        return find(id);
    }

    public record Change(java.time.Instant changedAt, String changedBy, String previous) {}

    public List<Change> history(UUID id) {
        return jdbc.sql("select changed_at, changed_by, previous::text from funder_history where funder_id = ? order by id")
                .param(id).query((rs, n) -> new Change(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3)))
                .list();
    }

    public List<Funder> findAll() {
        return jdbc.sql("select " + COLUMNS + " from funder order by lower(legal_name), id").query(FunderRepository::map).list();
    }

    public Optional<Funder> find(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from funder where id = ?").param(id).query(FunderRepository::map).optional();
    }

    static Funder map(ResultSet rs, int row) throws SQLException {
        List<RequiredReference> refs = new ArrayList<>();
        Array array = rs.getArray("required_references");
        if (array != null) {
            for (Object o : (Object[]) array.getArray()) {
                refs.add(RequiredReference.valueOf((String) o));
            }
        }
        return new Funder(rs.getObject("id", UUID.class), rs.getString("legal_name"),
                FunderType.valueOf(rs.getString("type")),
                new Address(rs.getString("address_line1"), rs.getString("address_line2"), rs.getString("city"),
                        rs.getString("postcode"), rs.getString("country_code")),
                rs.getString("peppol_participant_id"), rs.getString("email"), rs.getString("portal_url"),
                rs.getInt("payment_terms_days"), List.copyOf(refs), rs.getTimestamp("created_at").toInstant());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
