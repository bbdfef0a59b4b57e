package care.backoffice.billing.care;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
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

    /**
     * {@link #insertIfNew} for many records in one statement (their ids distinct): the care_to_bill trigger runs
     * once for the statement. Rows go in in id order, so that two batches sharing ids take their locks in the same
     * order and cannot deadlock each other.
     *
     * @return the ids that were new, and so stored
     */
    List<UUID> insertAllIfNew(List<CareRecord> records) {
        if (records.isEmpty()) {
            return List.of();
        }
        List<CareRecord> rs = records.stream().sorted(java.util.Comparator.comparing(CareRecord::uuid)).toList();
        int n = rs.size();
        Object[] ids = new Object[n];
        Object[] versions = new Object[n];
        Object[] statuses = new Object[n];
        Object[] teams = new Object[n];
        Object[] employees = new Object[n];
        Object[] clients = new Object[n];
        Object[] careTypes = new Object[n];
        Object[] dates = new Object[n];
        Object[] starts = new Object[n];
        Object[] minutes = new Object[n];
        Object[] planned = new Object[n];
        for (int i = 0; i < n; i++) {
            CareRecord r = rs.get(i);
            ids[i] = r.uuid();
            versions[i] = r.version();
            statuses[i] = r.status();
            teams[i] = r.team();
            employees[i] = r.employeeId();
            clients[i] = r.clientId();
            careTypes[i] = r.careType();
            // As the single insert binds them: parsed by java.time (which CareRecord.check() accepted), then ISO.
            dates[i] = LocalDate.parse(r.date()).toString();
            starts[i] = LocalTime.parse(r.start()).toString();
            minutes[i] = r.minutes();
            planned[i] = r.plannedMinutes();
        }
        return jdbc.sql("""
                insert into care_delivered (hours_entry_id, version, status, team, employee_id, client_id, care_type,
                    care_date, start_time, minutes, planned_minutes)
                select id, version, status, team, employee, client, care_type, day::date, start::time, minutes, planned
                from unnest(?::uuid[], ?::int[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                    ?::text[], ?::int[], ?::int[])
                    as r(id, version, status, team, employee, client, care_type, day, start, minutes, planned)
                on conflict (hours_entry_id) do nothing
                returning hours_entry_id""")
                .params(new SqlArrayValue("uuid", ids), new SqlArrayValue("int4", versions),
                        new SqlArrayValue("text", statuses), new SqlArrayValue("text", teams),
                        new SqlArrayValue("text", employees), new SqlArrayValue("text", clients),
                        new SqlArrayValue("text", careTypes), new SqlArrayValue("text", dates),
                        new SqlArrayValue("text", starts), new SqlArrayValue("int4", minutes),
                        new SqlArrayValue("int4", planned))
                .query(UUID.class).list();
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

    /** {@link #keepVersion} for many records in one statement (no two with the same id and version). */
    void keepVersions(List<CareRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        int n = records.size();
        Object[] ids = new Object[n];
        Object[] versions = new Object[n];
        Object[] payloads = new Object[n];
        for (int i = 0; i < n; i++) {
            CareRecord r = records.get(i);
            ids[i] = r.uuid();
            versions[i] = r.version();
            payloads[i] = json.writeValueAsString(r);
        }
        jdbc.sql("""
                insert into care_delivered_version (hours_entry_id, version, payload)
                select id, version, payload::jsonb from unnest(?::uuid[], ?::int[], ?::text[]) as v(id, version, payload)
                on conflict do nothing""")
                .params(new SqlArrayValue("uuid", ids), new SqlArrayValue("int4", versions),
                        new SqlArrayValue("text", payloads))
                .update();
    }

    /** {@link #unbillableReason} for many entries in one query: the ACTIVE ones that cannot be charged, and why. */
    Map<UUID, String> unbillableReasons(java.util.Collection<UUID> ids) {
        Map<UUID, String> reasons = new HashMap<>();
        if (ids.isEmpty()) {
            return reasons;
        }
        jdbc.sql("""
                select hours_entry_id, unbillable_reason from care_billing_basis
                where hours_entry_id = any(?) and status = 'ACTIVE' and unbillable_reason is not null""")
                .param(new SqlArrayValue("uuid", ids.toArray()))
                .query(rs -> {
                    reasons.put(rs.getObject(1, UUID.class), rs.getString(2));
                });
        return reasons;
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
