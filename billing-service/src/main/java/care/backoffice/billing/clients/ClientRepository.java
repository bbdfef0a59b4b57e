package care.backoffice.billing.clients;

import care.backoffice.billing.funders.Address;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class ClientRepository {

    private final JdbcClient jdbc;

    public ClientRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @return false if a client with this id exists already */
    public boolean insert(String id, NewClient c, String by) {
        int n = jdbc.sql("""
                insert into client (id, name, address_line1, address_line2, city, postcode, email, created_by)
                values (?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing""")
                .params(id, c.name().trim(), c.address().line1(), c.address().line2(), c.address().city(),
                        c.address().postcode(), c.email(), by).update();
        return n == 1;
    }

    /** @return false if the client already has a funding from that date */
    public boolean insertFunding(String clientId, NewClient.NewFunding f, String by) {
        return jdbc.sql("""
                insert into client_funding (id, client_id, funder_id, valid_from, valid_to, package, funder_reference,
                    authorised_minutes_per_week, created_by)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing""")
                .params(UUID.randomUUID(), clientId, UUID.fromString(f.funderId()), LocalDate.parse(f.from()),
                        f.to() == null ? null : LocalDate.parse(f.to()), f.packageKind(), f.funderReference(),
                        f.authorisedMinutesPerWeek(), by).update() == 1;
    }

    /**
     * Replaces a client's details; the previous ones go to client_history in the same transaction. The row is locked
     * first, so two changes at once are kept one after the other. @return false if nothing changed (a repeat)
     */
    public boolean update(String id, ClientDetails d, String by) {
        Client before = jdbc.sql("select id from client where id = ? for update").param(id).query(String.class)
                .optional().flatMap(this::find).orElseThrow();
        String email = d.email() == null || d.email().isBlank() ? null : d.email().trim();
        String line2 = d.address().line2() == null || d.address().line2().isBlank() ? null : d.address().line2();
        if (before.name().equals(d.name().trim()) && before.address().line1().equals(d.address().line1())
                && java.util.Objects.equals(before.address().line2(), line2)
                && before.address().city().equals(d.address().city())
                && before.address().postcode().equals(d.address().postcode())
                && java.util.Objects.equals(before.email(), email)) {
            return false;
        }
        jdbc.sql("""
                insert into client_history (client_id, changed_by, reason, previous)
                select id, ?, ?, jsonb_build_object('name', name, 'address', jsonb_build_object('line1', address_line1,
                    'line2', address_line2, 'city', city, 'postcode', postcode), 'email', email)
                from client where id = ?""")
                .params(by, d.reason() == null || d.reason().isBlank() ? null : d.reason().trim(), id).update();
        jdbc.sql("""
                update client set name = ?, address_line1 = ?, address_line2 = ?, city = ?, postcode = ?, email = ?
                where id = ?""")
                .params(d.name().trim(), d.address().line1(), line2, d.address().city(), d.address().postcode(), email,
                        id)
                .update();
        return true;
    }

    public record Change(java.time.Instant changedAt, String changedBy, String reason,
            @com.fasterxml.jackson.annotation.JsonRawValue String previous) {}

    public List<Change> history(String id) {
        return jdbc.sql("""
                select changed_at, changed_by, reason, previous::text from client_history where client_id = ?
                order by id""")
                .param(id).query((rs, n) -> new Change(rs.getTimestamp(1).toInstant(), rs.getString(2),
                        rs.getString(3), rs.getString(4)))
                .list();
    }

    public boolean exists(String id) {
        return jdbc.sql("select exists (select 1 from client where id = ?)").param(id).query(Boolean.class).single();
    }

    public Optional<Client> find(String id) {
        return jdbc.sql("select * from client where id = ?").param(id).query((rs, n) -> new Client(rs.getString("id"),
                        rs.getString("name"), new Address(rs.getString("address_line1"), rs.getString("address_line2"),
                                rs.getString("city"), rs.getString("postcode"), "GB"),
                        rs.getString("email"), fundings(id), rs.getTimestamp("created_at").toInstant()))
                .optional();
    }

    public List<String> ids() {
        return jdbc.sql("select id from client order by name, id").query(String.class).list();
    }

    private List<Client.Funding> fundings(String clientId) {
        return jdbc.sql("select * from client_funding where client_id = ? order by valid_from").param(clientId)
                .query((rs, n) -> {
                    Integer minutes = (Integer) rs.getObject("authorised_minutes_per_week");
                    return new Client.Funding(rs.getObject("id", UUID.class), rs.getObject("funder_id", UUID.class),
                            rs.getObject("valid_from", LocalDate.class), rs.getObject("valid_to", LocalDate.class),
                            rs.getString("package"), rs.getString("funder_reference"),
                            minutes == null ? null : BigDecimal.valueOf(minutes).divide(BigDecimal.valueOf(60), 2,
                                    java.math.RoundingMode.HALF_UP),
                            rs.getTimestamp("created_at").toInstant(), rs.getString("created_by"));
                }).list();
    }
}
