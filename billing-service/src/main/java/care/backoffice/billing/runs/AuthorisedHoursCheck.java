package care.backoffice.billing.runs;

import care.backoffice.billing.pricing.AuthorisedHours;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Applies the clients' authorised weekly hours to a run's charges (the step between pricing and issuing). */
@Component
public class AuthorisedHoursCheck {

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    public AuthorisedHoursCheck(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    record Charge(UUID hoursEntryId, int documentNo, String clientId, LocalDate careDate, int billableMinutes,
            int authorisedMinutes, boolean chargeBeyond) {}

    record ClientWeek(String clientId, LocalDate monday) {}

    public void apply(UUID runId) {
        // Only the visits of clients with a package carry authorised minutes (a partial index finds them).
        List<Charge> charges = jdbc.sql("""
                select r.hours_entry_id, r.document_no, r.client_id, r.care_date, r.billable_minutes,
                       r.authorised_minutes, k.charge_beyond_authorised as charge_beyond
                from run_item r
                join run_document d on d.run_id = r.run_id and d.document_no = r.document_no
                join contract k on k.id = d.contract_id
                where r.run_id = ? and r.kind = 'CHARGE' and r.authorised_minutes is not null
                order by r.client_id, r.care_date, r.start_time, r.hours_entry_id""")
                .param(runId)
                .query((rs, n) -> new Charge(rs.getObject(1, UUID.class), rs.getInt(2), rs.getString(3),
                        rs.getObject(4, LocalDate.class), rs.getInt(5), rs.getInt(6), rs.getBoolean(7)))
                .list();
        Map<ClientWeek, List<Charge>> weeks = new LinkedHashMap<>();
        for (Charge c : charges) {
            weeks.computeIfAbsent(new ClientWeek(c.clientId(), monday(c.careDate())), k -> new ArrayList<>()).add(c);
        }
        List<Object[]> updates = new ArrayList<>();
        for (var week : weeks.entrySet()) {
            ClientWeek k = week.getKey();
            // Minutes charged for the client's week by earlier runs count first.
            int already = jdbc.sql("""
                    select coalesce(sum(o.billable_minutes), 0) from care_delivered c
                    join care_charge o on o.hours_entry_id = c.hours_entry_id
                    where c.client_id = ? and c.care_date between ? and ?""")
                    .params(k.clientId(), k.monday(), k.monday().plusDays(6)).query(Integer.class).single();
            List<Charge> visits = week.getValue();
            Charge first = visits.get(0);
            List<AuthorisedHours.Outcome> outcomes = AuthorisedHours.apply(first.authorisedMinutes(), already,
                    visits.stream().map(v -> new AuthorisedHours.Visit(v.hoursEntryId(), v.billableMinutes())).toList(),
                    first.chargeBeyond());
            for (int i = 0; i < outcomes.size(); i++) {
                AuthorisedHours.Outcome o = outcomes.get(i);
                if (o.minutesBeyond() > 0) {
                    updates.add(new Object[] {o.billableMinutes(), o.minutesBeyond(), runId, visits.get(i).documentNo(),
                            o.id()});
                }
            }
        }
        template.batchUpdate("""
                update run_item set billable_minutes = ?, minutes_beyond_authorised = ?
                where run_id = ? and document_no = ? and hours_entry_id = ?""", updates);
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
