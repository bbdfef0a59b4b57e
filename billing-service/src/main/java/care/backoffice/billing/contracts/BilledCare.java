package care.backoffice.billing.contracts;

import care.backoffice.support.problem.ApiException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Predicate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Repository;

/**
 * The care a contract has already charged, as a correction of the contract sees it: which charges stand under it,
 * and putting the visits whose price a correction alters back in line for the next run. That run treats them as it
 * treats an amended visit (CarePricer): it credits the standing charge on a credit note referencing the original
 * invoice and charges the visit as it is priced now, or keeps the charge if its price turns out unchanged.
 */
@Repository
public class BilledCare {

    private final JdbcClient jdbc;
    /** Streams a contract's charges a few thousand at a time: a long contract has charged many visits. */
    private final JdbcTemplate cursor;

    public BilledCare(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.cursor = new JdbcTemplate(template.getDataSource());
        this.cursor.setFetchSize(2_000);
    }

    /**
     * A charge standing under the contract, with the visit as it stands now (what the next run would price):
     * its latest version's care type, day and minutes.
     */
    public record StandingCharge(UUID visit, String status, String careType, LocalDate date, int minutes,
            Integer plannedMinutes, String invoiceNumber, int minutesBeyondAuthorised) {}

    /** Visits to bill again and the issued invoices that charged them. */
    public record Affected(List<UUID> visits, List<String> invoices) {
        public static final Affected NONE = new Affected(List.of(), List.of());

        public boolean any() {
            return !visits.isEmpty();
        }
    }

    /**
     * Corrections and runs must not interleave: a run reads the terms when it prices and issues what it priced,
     * so a correction made meanwhile would be lost on its documents. The lock makes a run that starts (or is
     * restarted) now wait until this transaction ends, and then see the corrected terms.
     */
    public void refuseWhileARunMayIssue(UUID contractId) {
        jdbc.sql("lock table billing_run in share row exclusive mode").update();
        jdbc.sql("select id from billing_run where status in ('STARTING', 'RUNNING') and not dry_run")
                .query(UUID.class).optional().ifPresent(run -> {
                    throw new ApiException(409, "A billing run is in progress",
                            "Billing run " + run + " is in progress; correct or end the contract once it has finished",
                            Map.of("runId", run));
                });
        // A failed run that priced this contract's care and has not issued it would, when restarted, issue it at
        // the terms it priced it with.
        jdbc.sql("""
                select d.run_id, count(*) from run_document d join billing_run b on b.id = d.run_id
                where d.contract_id = ? and b.status = 'FAILED' and not b.dry_run and not d.released
                  and not exists (select 1 from invoice i where i.id = d.invoice_id)
                group by d.run_id order by d.run_id limit 1""")
                .param(contractId).query((rs, n) -> Map.entry(rs.getObject(1, UUID.class), rs.getInt(2)))
                .optional().ifPresent(e -> {
                    throw new ApiException(409, "A failed billing run still holds this contract's care",
                            "Billing run " + e.getKey() + " failed before issuing " + e.getValue() + " document(s) of "
                                    + "this contract, priced at its current terms; restart it (or start a new run) "
                                    + "first, then correct or end the contract",
                            Map.of("runId", e.getKey()));
                });
    }

    /**
     * The charges standing under the contract that {@code affected} selects, with the invoices that charged them.
     * Voided visits are left out: their charge is in line for crediting already.
     */
    public Affected find(UUID contractId, String careType, Predicate<StandingCharge> affected) {
        List<UUID> visits = new ArrayList<>();
        TreeSet<String> invoices = new TreeSet<>();
        cursor.query("""
                select o.hours_entry_id, c.status, c.care_type, c.care_date, c.minutes, c.planned_minutes, i.number,
                       r.minutes_beyond_authorised
                from care_charge o
                join invoice i on i.id = o.invoice_id
                join run_item r on r.run_id = o.run_id and r.document_no = o.document_no
                     and r.hours_entry_id = o.hours_entry_id
                join care_delivered c on c.hours_entry_id = o.hours_entry_id
                where o.contract_id = ? and c.status = 'ACTIVE' and (?::text is null or c.care_type = ?)""",
                (java.sql.ResultSet rs) -> {
                    int planned = rs.getInt(6);
                    StandingCharge charge = new StandingCharge(rs.getObject(1, UUID.class), rs.getString(2),
                            rs.getString(3), rs.getObject(4, LocalDate.class), rs.getInt(5),
                            rs.wasNull() ? null : planned, rs.getString(7), rs.getInt(8));
                    if (affected.test(charge)) {
                        visits.add(charge.visit());
                        invoices.add(charge.invoiceNumber());
                    }
                }, contractId, careType, careType);
        return visits.isEmpty() ? Affected.NONE : new Affected(List.copyOf(visits), List.copyOf(invoices));
    }

    /**
     * Puts visits back in line as if amended: the next run credits what stands charged and charges them anew. The
     * visits are locked for it, so that an amendment arriving now cannot leave a stale version in line.
     */
    public void putBackInLine(List<UUID> visits) {
        if (visits.isEmpty()) {
            return;
        }
        jdbc.sql("""
                insert into care_to_bill (hours_entry_id, version, amended)
                select c.hours_entry_id, c.version, true from care_delivered c
                where c.hours_entry_id = any(?)
                for share of c
                on conflict (hours_entry_id, version) do update set amended = true""")
                .param(new SqlArrayValue("uuid", visits.toArray())).update();
    }
}
