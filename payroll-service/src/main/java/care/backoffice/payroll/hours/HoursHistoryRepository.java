package care.backoffice.payroll.hours;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Single entries, their amendments and voids, and the history of their versions. */
@Repository
class HoursHistoryRepository {

    private static final String CURRENT = """
            select id, employee_id, team_code, work_date, start_time, minutes, activity, client_id, care_type, version,
                   voided_at is not null as voided, coalesce(voided_by, amended_by, submitted_by) as made_by,
                   coalesce(voided_at, amended_at, submitted_at) as made_at
            from hours_entry""";

    /** One past version, as kept in the history. */
    record Version(int version, LocalDate date, LocalTime start, int minutes, Activity activity, String clientId,
            String careType, String madeBy, Instant madeAt, String replacedBy, Instant replacedAt, String reason) {}

    private final JdbcClient jdbc;

    HoursHistoryRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<StoredEntry> find(UUID id) {
        return jdbc.sql(CURRENT + " where id = ?").param(id).query(HoursHistoryRepository::map).optional();
    }

    /** The entry, locked until the transaction ends so that two amendments cannot both build on one version. */
    Optional<StoredEntry> lock(UUID id) {
        return jdbc.sql(CURRENT + " where id = ? for update").param(id).query(HoursHistoryRepository::map).optional();
    }

    /** The person's entries around a date (a day either side, for entries running past midnight). */
    List<StoredEntry> ofPersonAround(UUID employeeId, LocalDate from, LocalDate to) {
        return jdbc.sql(CURRENT + " where employee_id = ? and work_date between ? and ? and voided_at is null")
                .params(employeeId, from.minusDays(1), to.plusDays(1)).query(HoursHistoryRepository::map).list();
    }

    /** Copies the version being replaced into the history, with who replaces it, when and why. */
    void keep(StoredEntry replaced, String by, Instant at, String reason) {
        jdbc.sql("""
                insert into hours_entry_version (entry_id, version, work_date, start_time, minutes, activity, client_id,
                    care_type, made_by, made_at, replaced_by, replaced_at, replace_reason)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(replaced.id(), replaced.version(), replaced.date(), replaced.start(), replaced.minutes(),
                        replaced.activity().name(), replaced.clientId(), replaced.careType(), replaced.madeBy(),
                        Timestamp.from(replaced.madeAt()), by, Timestamp.from(at), reason)
                .update();
    }

    void amend(StoredEntry next, String reason) {
        jdbc.sql("""
                update hours_entry set work_date = ?, start_time = ?, minutes = ?, activity = ?, client_id = ?,
                    care_type = ?, version = ?, amended_by = ?, amended_at = ?, amend_reason = ?
                where id = ?""")
                .params(next.date(), next.start(), next.minutes(), next.activity().name(), next.clientId(),
                        next.careType(), next.version(), next.madeBy(), Timestamp.from(next.madeAt()), reason, next.id())
                .update();
    }

    void markVoid(StoredEntry voided, String reason) {
        jdbc.sql("update hours_entry set version = ?, voided_at = ?, voided_by = ?, void_reason = ? where id = ?")
                .params(voided.version(), Timestamp.from(voided.madeAt()), voided.madeBy(), reason, voided.id())
                .update();
    }

    List<Version> history(UUID id) {
        return jdbc.sql("""
                select version, work_date, start_time, minutes, activity, client_id, care_type, made_by, made_at,
                       replaced_by, replaced_at, replace_reason
                from hours_entry_version where entry_id = ? order by version""")
                .param(id)
                .query((rs, n) -> new Version(rs.getInt(1), rs.getObject(2, LocalDate.class),
                        rs.getObject(3, LocalTime.class), rs.getInt(4), Activity.valueOf(rs.getString(5)),
                        rs.getString(6), rs.getString(7), rs.getString(8), rs.getTimestamp(9).toInstant(),
                        rs.getString(10), rs.getTimestamp(11).toInstant(), rs.getString(12)))
                .list();
    }

    Optional<String> voidReason(UUID id) {
        return jdbc.sql("select void_reason from hours_entry where id = ?").param(id).query(String.class).optional();
    }

    static StoredEntry map(ResultSet rs, int n) throws SQLException {
        return new StoredEntry(rs.getObject("id", UUID.class), rs.getObject("employee_id", UUID.class),
                rs.getString("team_code"), rs.getObject("work_date", LocalDate.class),
                rs.getObject("start_time", LocalTime.class), rs.getInt("minutes"),
                Activity.valueOf(rs.getString("activity")), rs.getString("client_id"), rs.getString("care_type"),
                rs.getInt("version"), rs.getBoolean("voided"), rs.getString("made_by"),
                rs.getTimestamp("made_at").toInstant());
    }
}
