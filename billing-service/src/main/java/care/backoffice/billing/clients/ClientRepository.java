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
