package care.backoffice.payroll.members;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class MemberRepository {

    private static final String COLUMNS = """
            id, team_code, given_name, family_name, date_of_birth, start_date, ni_number, created_by, created_at""";

    private final JdbcClient jdbc;

    public MemberRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(Member m) {
        jdbc.sql("insert into employee (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(m.id(), m.team(), m.givenName(), m.familyName(), m.dateOfBirth(), m.startDate(),
                        m.niNumber(), m.createdBy(), java.sql.Timestamp.from(m.createdAt()))
                .update();
    }

    public boolean currentEmployeeWithNiNumber(String niNumber) {
        return jdbc.sql("select count(*) from employee where ni_number = ? and leaving_date is null")
                .param(niNumber).query(Long.class).single() > 0;
    }

    public List<Member> inTeam(String team) {
        return jdbc.sql("select " + COLUMNS + " from employee where team_code = ? order by family_name, given_name, id")
                .param(team).query(MemberRepository::map).list();
    }

    private static Member map(ResultSet rs, int row) throws SQLException {
        return new Member(rs.getObject("id", UUID.class), rs.getString("team_code"), rs.getString("given_name"),
                rs.getString("family_name"), rs.getObject("date_of_birth", java.time.LocalDate.class),
                rs.getObject("start_date", java.time.LocalDate.class), rs.getString("ni_number"),
                rs.getString("created_by"), rs.getTimestamp("created_at").toInstant());
    }

    static Instant now() {
        // Microsecond precision, as PostgreSQL stores it, so the answer equals what a later read returns.
        return Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }
}
