package care.backoffice.billing.runs;

import care.backoffice.billing.pricing.AuthorisedHours;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Component;

/** Applies the clients' authorised weekly hours to a run's charges (the step between pricing and issuing). */
@Component
public class AuthorisedHoursCheck {

    private static final int FETCH = 2_000;
    private static final int UPDATE_BATCH = 20_000;

    private final JdbcClient jdbc;
    /** Reads the run's visits a few thousand at a time (PostgreSQL keeps a cursor inside the step's transaction). */
    private final JdbcTemplate cursor;

    public AuthorisedHoursCheck(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.cursor = new JdbcTemplate(template.getDataSource());
        this.cursor.setFetchSize(FETCH);
    }

    record Charge(UUID hoursEntryId, int documentNo, String clientId, LocalDate careDate, int billableMinutes,
            int authorisedMinutes, boolean chargeBeyond) {}

    record ClientWeek(String clientId, LocalDate monday) {}

    /**
     * Visits arrive ordered by client and time, so each client-week is complete when the next one starts: only one
     * week's visits are held at a time. (Holding every visit with a package and asking for each client-week's
     * earlier charges separately ran a 1,250-team month, 528,672 visits, out of a 256 MB heap after 100 s.)
     */
    public void apply(UUID runId) {
        // The pricing step has just written this run's items; the statistics still describe the table before it.
        // With them the planner expected one visit and joined each of 99,560 visits to the documents by scanning
        // them all (18 s of the 26 s run on the 1,250-team organisation). Sampling the table takes a fraction of a second.
        jdbc.sql("analyze run_item").update();
        Map<ClientWeek, Integer> earlier = chargedByEarlierRuns(runId);
        List<Beyond> updates = new ArrayList<>();
        List<Charge> week = new ArrayList<>();
        ClientWeek[] current = {null};
        // Only the visits of clients with a package carry authorised minutes (a partial index finds them).
        cursor.query("""
                select r.hours_entry_id, r.document_no, r.client_id, r.care_date, r.billable_minutes,
                       r.authorised_minutes, k.charge_beyond_authorised as charge_beyond
                from run_item r
                join run_document d on d.run_id = r.run_id and d.document_no = r.document_no
                join contract k on k.id = d.contract_id
                where r.run_id = ? and r.kind = 'CHARGE' and r.authorised_minutes is not null
                order by r.client_id, r.care_date, r.start_time, r.hours_entry_id""",
                (java.sql.ResultSet rs) -> {
                    Charge c = new Charge(rs.getObject(1, UUID.class), rs.getInt(2), rs.getString(3),
                            rs.getObject(4, LocalDate.class), rs.getInt(5), rs.getInt(6), rs.getBoolean(7));
                    ClientWeek k = new ClientWeek(c.clientId(), monday(c.careDate()));
                    if (!k.equals(current[0])) {
                        check(runId, current[0], week, earlier, updates);
                        week.clear();
                        current[0] = k;
                    }
                    week.add(c);
                }, runId);
        check(runId, current[0], week, earlier, updates);
        flush(runId, updates);
    }

    /** A visit of the run that lies (partly) beyond its package: what it is charged now. */
    private record Beyond(UUID visit, int documentNo, int billableMinutes, int minutesBeyond) {}

    private void check(UUID runId, ClientWeek k, List<Charge> visits, Map<ClientWeek, Integer> earlier,
            List<Beyond> updates) {
        if (visits.isEmpty()) {
            return;
        }
        Charge first = visits.get(0);
        // Minutes charged for the client's week by earlier runs count first.
        List<AuthorisedHours.Outcome> outcomes = AuthorisedHours.apply(first.authorisedMinutes(),
                earlier.getOrDefault(k, 0),
                visits.stream().map(v -> new AuthorisedHours.Visit(v.hoursEntryId(), v.billableMinutes())).toList(),
                first.chargeBeyond());
        for (int i = 0; i < outcomes.size(); i++) {
            AuthorisedHours.Outcome o = outcomes.get(i);
            if (o.minutesBeyond() > 0) {
                updates.add(new Beyond(o.id(), visits.get(i).documentNo(), o.billableMinutes(), o.minutesBeyond()));
            }
        }
        if (updates.size() >= UPDATE_BATCH) {
            flush(runId, updates);
        }
    }

    /**
     * One statement per slice (arrays unnested into a join): on the 1,250-team month half the visits went beyond their
     * package, and 256,281 single-row updates in JDBC batches took 100 s of PostgreSQL's time.
     */
    private void flush(UUID runId, List<Beyond> updates) {
        if (updates.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        update run_item r set billable_minutes = u.billable, minutes_beyond_authorised = u.beyond
                        from unnest(?, ?, ?, ?) as u(billable, beyond, document_no, hours_entry_id)
                        where r.run_id = ? and r.document_no = u.document_no and r.hours_entry_id = u.hours_entry_id""")
                .params(ints(updates, Beyond::billableMinutes), ints(updates, Beyond::minutesBeyond),
                        ints(updates, Beyond::documentNo),
                        new SqlArrayValue("uuid", updates.stream().map(Beyond::visit).toArray()), runId)
                .update();
        updates.clear();
    }

    private static SqlArrayValue ints(List<Beyond> updates, java.util.function.ToIntFunction<Beyond> field) {
        return new SqlArrayValue("int4", updates.stream().map(u -> field.applyAsInt(u)).toArray());
    }

    /**
     * Minutes already charged, by client-week, for the clients and weeks of this run's visits with a package. A
     * charge this run credits does not count: the visit is charged again in this run (amended, or re-priced after a
     * correction of its contract), and counting both would leave the new charge beyond the package.
     */
    private Map<ClientWeek, Integer> chargedByEarlierRuns(UUID runId) {
        Map<ClientWeek, Integer> earlier = new HashMap<>();
        jdbc.sql("""
                with weeks as (
                    select distinct r.client_id, date_trunc('week', r.care_date)::date as monday
                    from run_item r
                    where r.run_id = ? and r.kind = 'CHARGE' and r.authorised_minutes is not null)
                select w.client_id, w.monday, sum(o.billable_minutes)
                from weeks w
                join care_delivered c on c.client_id = w.client_id
                     and c.care_date between w.monday and w.monday + 6
                join care_charge o on o.hours_entry_id = c.hours_entry_id
                where not exists (select 1 from run_item x where x.run_id = ? and x.kind = 'CREDIT'
                                  and x.hours_entry_id = o.hours_entry_id and x.version = o.version)
                group by w.client_id, w.monday""")
                .params(runId, runId)
                .query((java.sql.ResultSet rs) -> {
                    earlier.put(new ClientWeek(rs.getString(1), rs.getObject(2, LocalDate.class)), rs.getInt(3));
                });
        return earlier;
    }

    /** One entry of the run report per client-week that went beyond its authorised hours. */
    public record BeyondAuthorised(String clientId, LocalDate weekStarting, int authorisedMinutes,
            int minutesBeyond, boolean charged) {}

    public List<BeyondAuthorised> report(UUID runId) {
        return jdbc.sql("""
                select r.client_id, date_trunc('week', r.care_date)::date as week_starting,
                       max(r.authorised_minutes) as authorised_minutes,
                       sum(r.minutes_beyond_authorised) as minutes_beyond, bool_and(k.charge_beyond_authorised) as charged
                from run_item r
                join run_document d on d.run_id = r.run_id and d.document_no = r.document_no
                join contract k on k.id = d.contract_id
                where r.run_id = ? and r.kind = 'CHARGE' and r.authorised_minutes is not null
                  and r.minutes_beyond_authorised > 0
                group by r.client_id, date_trunc('week', r.care_date)
                order by 1, 2""").param(runId).query(BeyondAuthorised.class).list();
    }

    static LocalDate monday(LocalDate d) {
        return d.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }
}
