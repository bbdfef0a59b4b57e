package care.backoffice.billing.care;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

@Repository
public class CareDeliveredRepository {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    public CareDeliveredRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** @return true if this hours entry was new */
    boolean insertIfNew(CareRecord r) {
        return jdbc.sql("""
                insert into care_delivered (hours_entry_id, version, status, team, employee_id, client_id, care_type,
                    care_date, start_time, minutes, planned_minutes)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (hours_entry_id) do nothing""")
                .params(r.uuid(), r.version(), r.status(), r.team(), r.employeeId(), r.clientId(), r.careType(),
                        LocalDate.parse(r.date()), LocalTime.parse(r.start()), r.minutes(), r.plannedMinutes())
                .update() == 1;
    }

    /** The stored version, locked until the transaction ends so that two amendments cannot interleave. */
    Stored lock(UUID id) {
        return jdbc.sql("select version, status from care_delivered where hours_entry_id = ? for update").param(id)
                .query(Stored.class).single();
    }

    record Stored(int version, String status) {}

    /** Replaces the entry with a later version; what was billed stays recorded, so the run can credit it. */
    void replace(CareRecord r) {
        jdbc.sql("""
                update care_delivered set version = ?, status = ?, team = ?, employee_id = ?, client_id = ?,
                    care_type = ?, care_date = ?, start_time = ?, minutes = ?, planned_minutes = ?, received_at = now()
                where hours_entry_id = ?""")
                .params(r.version(), r.status(), r.team(), r.employeeId(), r.clientId(), r.careType(),
                        LocalDate.parse(r.date()), LocalTime.parse(r.start()), r.minutes(), r.plannedMinutes(), r.uuid())
                .update();
    }

    void keepVersion(CareRecord r) {
        jdbc.sql("insert into care_delivered_version (hours_entry_id, version, payload) values (?, ?, ?::jsonb) "
                        + "on conflict do nothing")
                .params(r.uuid(), r.version(), json.writeValueAsString(r)).update();
    }

    Optional<String> unbillableReason(UUID id) {
        return jdbc.sql("select unbillable_reason from care_billing_basis where hours_entry_id = ? and status = 'ACTIVE'")
                .param(id).query(String.class).optional();
    }

    public record Unbillable(UUID hoursEntryId, int version, String team, String clientId, String careType,
            LocalDate date, int minutes, String reason) {}

    /** Active care still to bill that no run can charge until the back office fixes its client, funding or contract. */
    public List<Unbillable> unbillable() {
        return jdbc.sql("""
                select b.hours_entry_id, b.version, b.team, b.client_id, b.care_type, b.care_date, b.minutes,
                       b.unbillable_reason
                from care_to_bill q
                join care_billing_basis b on b.hours_entry_id = q.hours_entry_id and b.version = q.version
                where b.status = 'ACTIVE' and b.unbillable_reason is not null
                order by b.care_date, b.team, b.hours_entry_id""")
                .query((rs, n) -> new Unbillable(rs.getObject(1, UUID.class), rs.getInt(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getObject(6, LocalDate.class), rs.getInt(7), rs.getString(8)))
                .list();
    }
}
