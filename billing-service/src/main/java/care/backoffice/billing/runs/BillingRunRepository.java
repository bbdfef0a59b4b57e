package care.backoffice.billing.runs;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class BillingRunRepository {

    /** The care a run prices: new or amended active care up to the month's end, and billed care to credit. */
    static final String TO_PRICE = """
            select 'CHARGE' as kind, b.hours_entry_id, b.version, b.team, b.client_id, b.care_type, b.care_date,
                   b.minutes, b.planned_minutes, b.funder_id, b.contract_id, b.funder_reference, b.hourly_rate,
                   k.billing_unit, k.rounding, k.charged_time, f.type as funder_type,
                   null::uuid as original_invoice_id, null::integer as original_billable_minutes
            from care_billing_basis b
            join contract k on k.id = b.contract_id
            join funder f on f.id = b.funder_id
            where b.care_date <= :periodEnd and b.status = 'ACTIVE' and b.unbillable_reason is null
              and b.billed_version is distinct from b.version
              and not exists (select 1 from run_item r where r.run_id = :runId
                              and r.hours_entry_id = b.hours_entry_id and r.kind = 'CHARGE')
            union all
            select 'CREDIT', o.hours_entry_id, o.version, o.team, o.client_id, o.care_type, o.care_date,
                   o.charged_minutes, null, o.funder_id, o.contract_id, o.funder_reference, o.hourly_rate,
                   k.billing_unit, k.rounding, k.charged_time, f.type, o.invoice_id, o.billable_minutes
            from care_delivered c
            join run_item o on o.invoice_id = c.billed_invoice_id and o.hours_entry_id = c.hours_entry_id
                           and o.kind = 'CHARGE'
            join contract k on k.id = o.contract_id
            join funder f on f.id = o.funder_id
            where c.billed_invoice_id is not null and c.billed_version <> c.version
              and not exists (select 1 from run_item r where r.run_id = :runId
                              and r.hours_entry_id = c.hours_entry_id and r.kind = 'CREDIT')
            """;

    private final JdbcClient jdbc;

    public BillingRunRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Row(UUID id, String month, boolean dryRun, String status, Long jobExecutionId, Integer recordsTotal,
            Integer documentsTotal, String requestedBy, java.sql.Timestamp requestedAt, java.sql.Timestamp finishedAt,
            String failure, Integer unbillableRecords) {}

    void insert(UUID id, YearMonth month, boolean dryRun, String by) {
        jdbc.sql("insert into billing_run (id, month, dry_run, status, requested_by) values (?, ?, ?, 'STARTING', ?)")
                .params(id, month.toString(), dryRun, by).update();
    }

    Optional<Row> find(UUID id) {
        return jdbc.sql("select * from billing_run where id = ?").param(id).query(Row.class).optional();
    }

    List<Row> recent() {
        return jdbc.sql("select * from billing_run order by requested_at desc limit 100").query(Row.class).list();
    }

    void running(UUID id, long jobExecutionId) {
        jdbc.sql("update billing_run set status = 'RUNNING', job_execution_id = ?, failure = null, finished_at = null "
                + "where id = ?").params(jobExecutionId, id).update();
    }

    void finished(UUID id, boolean ok, String failure) {
        jdbc.sql("update billing_run set status = ?, failure = ?, finished_at = now() where id = ?")
                .params(ok ? "COMPLETED" : "FAILED", failure, id).update();
    }

    /** @return false if another real run is live (the partial unique index refuses the second) */
    boolean markRestarting(UUID id) {
        try {
            return jdbc.sql("update billing_run set status = 'STARTING', failure = null where id = ? and status = 'FAILED'")
                    .param(id).update() == 1;
        } catch (org.springframework.dao.DuplicateKeyException e) {
            return false;
        }
    }

    int countToPrice(UUID runId, LocalDate periodEnd) {
        return jdbc.sql("select count(*) from (" + TO_PRICE + ") t").param("runId", runId).param("periodEnd", periodEnd)
                .query(Integer.class).single();
    }

    void recordsTotal(UUID runId, int total, int unbillable) {
        jdbc.sql("update billing_run set records_total = ?, unbillable_records = ? where id = ?")
                .params(total, unbillable, runId).update();
    }

    void documentsTotal(UUID runId, int total) {
        jdbc.sql("update billing_run set documents_total = ? where id = ?").params(total, runId).update();
    }

    int itemsPriced(UUID runId) {
        return jdbc.sql("select count(*) from run_item where run_id = ?").param(runId).query(Integer.class).single();
    }

    int documents(UUID runId, String status) {
        return jdbc.sql("select count(*) from invoice where run_id = ? and status = ?").params(runId, status)
                .query(Integer.class).single();
    }

    int unbillable(LocalDate periodEnd) {
        return jdbc.sql("""
                select count(*) from care_billing_basis where care_date <= ? and status = 'ACTIVE'
                  and unbillable_reason is not null and billed_invoice_id is null""")
                .param(periodEnd).query(Integer.class).single();
    }

    List<JournalBuilder.TeamAmount> journalAmounts(UUID runId) {
        return jdbc.sql("""
                select i.id, i.kind, l.team, i.funder_type, i.funder_id, sum(l.amount) as net, i.net_amount,
                       i.vat_amount
                from invoice i join invoice_line l on l.invoice_id = i.id
                where i.run_id = ? and i.status = 'ISSUED'
                group by i.id, i.kind, l.team, i.funder_type, i.funder_id, i.net_amount, i.vat_amount
                order by i.id, l.team""").param(runId)
                .query((rs, n) -> new JournalBuilder.TeamAmount(rs.getObject(1, UUID.class),
                        "CREDIT_NOTE".equals(rs.getString(2)), rs.getString(3),
                        care.backoffice.billing.funders.FunderType.valueOf(rs.getString(4)), rs.getObject(5, UUID.class),
                        rs.getBigDecimal(6), rs.getBigDecimal(7), rs.getBigDecimal(8)))
                .list();
    }
}
