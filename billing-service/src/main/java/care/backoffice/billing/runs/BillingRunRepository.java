package care.backoffice.billing.runs;

import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class BillingRunRepository {

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

    List<Row> inProgress() {
        return jdbc.sql("select * from billing_run where status in ('STARTING', 'RUNNING')").query(Row.class).list();
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

    void documentsTotal(UUID runId, int total) {
        jdbc.sql("update billing_run set documents_total = ? where id = ?").params(total, runId).update();
    }

    /** Kept by the price step as it goes (counting a million fresh rows on every poll is not free). */
    int itemsPriced(UUID runId) {
        return jdbc.sql("select coalesce(records_priced, 0) from billing_run where id = ?").param(runId)
                .query(Integer.class).single();
    }

    int documents(UUID runId, String status) {
        return jdbc.sql("select count(*) from invoice where run_id = ? and status = ?").params(runId, status)
                .query(Integer.class).single();
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
