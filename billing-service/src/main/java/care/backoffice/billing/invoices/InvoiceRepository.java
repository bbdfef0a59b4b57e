package care.backoffice.billing.invoices;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Storage of invoices, their lines and documents, and the billing state of the care they charge. */
@Repository
public class InvoiceRepository {

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    public InvoiceRepository(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    /** A document of a run, numbered when the run priced its care; its invoice is stored under invoiceId. */
    public record RunDocument(UUID runId, int documentNo, String groupKey, String kind, UUID funderId, UUID contractId,
            String clientId, UUID originalInvoiceId, UUID invoiceId, boolean claimed, boolean released) {
        public boolean credit() {
            return "CREDIT".equals(kind);
        }
    }

    public List<RunDocument> documents(UUID runId) {
        return jdbc.sql("select * from run_document where run_id = ? order by document_no").param(runId)
                .query(RunDocument.class).list();
    }

    /** Whether the document has been dealt with: issued, or held as REJECTED. */
    public boolean invoiceExists(UUID invoiceId) {
        return jdbc.sql("select exists (select 1 from invoice where id = ?)").param(invoiceId).query(Boolean.class)
                .single();
    }

    /**
     * Claims the care of all the run's invoices not claimed yet, in one statement: deletes the visits' versions
     * from care_to_bill (a hash join over the run's items: ~2 s of PostgreSQL CPU per million visits, against ~5 s
     * for an index probe per visit document by document). Only a version still waiting there can be claimed, so a
     * visit is charged once however often this runs and whoever else tries. When every item could be claimed (the
     * usual case) the documents are marked claimed and true is returned; otherwise nothing is claimed (the caller's
     * transaction is to be rolled back) and the caller claims document by document ({@link #claimCharges}),
     * which finds which visits are to be left out.
     */
    public boolean claimAllCharges(UUID runId) {
        // A month of visits is hashed in memory rather than in batches on disk (4 MB is the default). And hashed:
        // right after pricing, the planner's statistics of run_item may still describe last month's run (autovacuum
        // analyses it later), and a probe per visit into care_to_bill costs twice as much (see claimCharges).
        jdbc.sql("set local work_mem = '256MB'").update();
        jdbc.sql("set local enable_nestloop = off").update();
        int expected = jdbc.sql("""
                select count(*) from run_item r
                join run_document d on d.run_id = r.run_id and d.document_no = r.document_no
                where r.run_id = ? and r.kind = 'CHARGE' and not r.excluded
                  and d.kind = 'CHARGE' and not d.claimed and not d.released""").param(runId).query(Integer.class).single();
        int claimed = jdbc.sql("""
                with claimed as (
                    delete from care_to_bill q using run_item r, run_document d
                    where r.run_id = ? and r.kind = 'CHARGE' and not r.excluded
                      and d.run_id = r.run_id and d.document_no = r.document_no and d.kind = 'CHARGE'
                      and not d.claimed and not d.released
                      and q.hours_entry_id = r.hours_entry_id and q.version = r.version
                      and (not q.amended or not exists (select 1 from care_charge o where o.hours_entry_id = q.hours_entry_id))
                    returning 1)
                select count(*) from claimed""").param(runId).query(Integer.class).single();
        if (claimed != expected) {
            return false;
        }
        jdbc.sql("update run_document set claimed = true where run_id = ? and kind = 'CHARGE' and not claimed and not released")
                .param(runId).update();
        return true;
    }

    /**
     * Claims a document's charges: deletes the visits' versions from care_to_bill. Only a version still waiting
     * there can be claimed, so a visit is charged once however often this runs and whoever else tries; a visit
     * amended or voided since it was priced, or one whose earlier charge still awaits its credit note, is left
     * out of the document (marked excluded) and waits for the next run. @return the number of visits claimed
     */
    public int claimCharges(RunDocument d) {
        // Each item looks up its own row of care_to_bill by key. The planner, seeing a few thousand items against a
        // million waiting rows, may choose to hash the whole table for every document instead (measured: ~15 s of
        // PostgreSQL CPU per million visits against ~4 s), so hash and merge joins are off for this one statement.
        // The items left unclaimed are found with NOT IN, a hashed subplan that this setting does not affect.
        jdbc.sql("set local enable_hashjoin = off").update();
        jdbc.sql("set local enable_mergejoin = off").update();
        List<UUID> unclaimed = jdbc.sql("""
                with claimed as (
                    delete from care_to_bill q using run_item r
                    where r.run_id = ? and r.document_no = ? and r.kind = 'CHARGE' and not r.excluded
                      and q.hours_entry_id = r.hours_entry_id and q.version = r.version
                      and (not q.amended or not exists (select 1 from care_charge o where o.hours_entry_id = q.hours_entry_id))
                    returning r.hours_entry_id)
                select r.hours_entry_id from run_item r
                where r.run_id = ? and r.document_no = ? and not r.excluded
                  and r.hours_entry_id not in (select hours_entry_id from claimed)""")
                .params(d.runId(), d.documentNo(), d.runId(), d.documentNo()).query(UUID.class).list();
        jdbc.sql("reset enable_hashjoin").update();
        jdbc.sql("reset enable_mergejoin").update();
        jdbc.sql("update run_document set claimed = true where run_id = ? and document_no = ?")
                .params(d.runId(), d.documentNo()).update();
        return exclude(d, unclaimed);
    }

    /**
     * Claims a document's credits: records each credited charge in credit_claim (once per charge: the visit on the
     * invoice that charged it), only while that charge still stands. A voided visit is then settled: its last version leaves care_to_bill.
     * @return the number of charges claimed for crediting
     */
    public int claimCredits(RunDocument d) {
        List<UUID> unclaimed = jdbc.sql("""
                with claimed as (
                    insert into credit_claim (hours_entry_id, version, credit_note_id, charged_invoice_id)
                    select r.hours_entry_id, r.version, ?, ? from run_item r
                    where r.run_id = ? and r.document_no = ? and r.kind = 'CREDIT' and not r.excluded
                      and exists (select 1 from care_charge o where o.hours_entry_id = r.hours_entry_id
                                  and o.version = r.version and o.invoice_id = ?)
                    on conflict do nothing
                    returning hours_entry_id)
                select r.hours_entry_id from run_item r
                where r.run_id = ? and r.document_no = ? and not r.excluded
                  and r.hours_entry_id not in (select hours_entry_id from claimed)""")
                .params(d.invoiceId(), d.originalInvoiceId(), d.runId(), d.documentNo(), d.originalInvoiceId(),
                        d.runId(), d.documentNo())
                .query(UUID.class).list();
        int claimed = exclude(d, unclaimed);
        jdbc.sql("""
                delete from care_to_bill q using run_item r, care_delivered c
                where r.run_id = ? and r.document_no = ? and r.kind = 'CREDIT' and not r.excluded
                  and c.hours_entry_id = r.hours_entry_id and c.status = 'VOID'
                  and q.hours_entry_id = c.hours_entry_id and q.version = c.version""")
                .params(d.runId(), d.documentNo()).update();
        return claimed;
    }

    private int exclude(RunDocument d, List<UUID> unclaimed) {
        if (!unclaimed.isEmpty()) {
            jdbc.sql("update run_item set excluded = true where run_id = ? and document_no = ? and hours_entry_id = any(?)")
                    .params(d.runId(), d.documentNo(), unclaimed.toArray(UUID[]::new)).update();
        }
        return items(d);
    }

    /** How many of a document's items are on it (not left out). */
    public int items(RunDocument d) {
        return jdbc.sql("select count(*) from run_item where run_id = ? and document_no = ? and not excluded")
                .params(d.runId(), d.documentNo()).query(Integer.class).single();
    }

    /**
     * A held invoice gives its care back: the claimed versions return to care_to_bill for the next run, unless the
     * visit has been amended or voided since (its new version is waiting there already). The visits are locked
     * for the check, so an amendment cannot slip in between.
     */
    public void giveBack(RunDocument d) {
        jdbc.sql("""
                insert into care_to_bill (hours_entry_id, version, amended)
                select r.hours_entry_id, r.version, c.version > 1 from run_item r
                join care_delivered c on c.hours_entry_id = r.hours_entry_id and c.version = r.version
                where r.run_id = ? and r.document_no = ? and r.kind = 'CHARGE' and not r.excluded
                for share of c
                on conflict do nothing""").params(d.runId(), d.documentNo()).update();
    }

    /**
     * Documents another real run claimed but never issued (it failed and was not restarted) would keep their care
     * out of billing for good: their care goes back to care_to_bill (unless amended since) and they are marked
     * released, so that run does not issue them if it is restarted later. Run by a real run when it starts pricing
     * (one real run at a time), in its own transaction ({@code CarePricer}).
     */
    public static final String GIVE_BACK_UNISSUED = """
            insert into care_to_bill (hours_entry_id, version, amended)
            select r.hours_entry_id, r.version, c.version > 1
            from run_document d
            join run_item r on r.run_id = d.run_id and r.document_no = d.document_no
            join care_delivered c on c.hours_entry_id = r.hours_entry_id and c.version = r.version
            where d.claimed and not d.released and d.run_id <> ?
              and not exists (select 1 from invoice i where i.id = d.invoice_id)
              and r.kind = 'CHARGE' and not r.excluded
            for share of c
            on conflict do nothing""";

    public static final String RELEASE_UNISSUED = """
            update run_document d set released = true
            where d.claimed and not d.released and d.run_id <> ?
              and not exists (select 1 from invoice i where i.id = d.invoice_id)""";

    /**
     * After a run's documents are issued, what billing is done with leaves care_to_bill: versions of voided visits
     * with nothing left to credit (never charged, or credited already), and new versions of visits amended without
     * changing what is charged (KEEP), whose charge still stands.
     */
    public void settle(UUID runId) {
        jdbc.sql("""
                delete from care_to_bill q using care_delivered c
                where c.hours_entry_id = q.hours_entry_id and c.version = q.version and c.status = 'VOID'
                  and not exists (select 1 from care_charge o where o.hours_entry_id = q.hours_entry_id)""").update();
        // Starts from the run's KEEP items, which are few: the planner, with the statistics of invoice still from
        // before the run, otherwise derived every charge that stands (care_charge) and probed it with the run's
        // items one by one: 5.2 s of PostgreSQL after a run of a million visits that kept none (EXPLAIN ANALYZE).
        boolean anyKept = jdbc.sql("select exists (select 1 from run_item where run_id = ? and document_no = 0)")
                .param(runId).query(Boolean.class).single();
        if (!anyKept) {
            return;
        }
        jdbc.sql("""
                with kept as materialized (
                    select hours_entry_id, version from run_item where run_id = ? and document_no = 0 and kind = 'KEEP')
                delete from care_to_bill q using kept k
                where q.hours_entry_id = k.hours_entry_id and q.version = k.version
                  and exists (select 1 from care_charge o where o.hours_entry_id = k.hours_entry_id)""").param(runId).update();
    }

    /** A document's lines, summed by PostgreSQL over its items (what is left of them after claiming). */
    public List<LineSum> lineSums(UUID runId, int documentNo) {
        return jdbc.sql("""
                select r.team, r.client_id, coalesce(cl.name, r.client_id) as client_name, r.funder_reference,
                       r.care_type, r.hourly_rate, count(*) as visits, sum(r.billable_minutes) as minutes,
                       min(r.care_date) as first_day, max(r.care_date) as last_day
                from run_item r left join client cl on cl.id = r.client_id
                where r.run_id = ? and r.document_no = ? and not r.excluded
                group by r.team, r.client_id, cl.name, r.funder_reference, r.care_type, r.hourly_rate""")
                .params(runId, documentNo)
                // By position: mapping by name costs pgjdbc an exception per row for every name variant it tries.
                .query((rs, n) -> new LineSum(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getBigDecimal(6), rs.getInt(7), rs.getLong(8),
                        rs.getObject(9, LocalDate.class), rs.getObject(10, LocalDate.class)))
                .list();
    }

    /** A document's visits, one by one (the council CSV). */
    public List<PricedCare> visits(UUID runId, int documentNo) {
        return jdbc.sql("""
                select hours_entry_id, version, team, client_id, care_type, care_date, funder_reference, hourly_rate,
                       charged_minutes, billable_minutes
                from run_item where run_id = ? and document_no = ? and not excluded""")
                .params(runId, documentNo)
                .query((rs, n) -> new PricedCare(rs.getObject(1, UUID.class), rs.getInt(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getObject(6, LocalDate.class), rs.getString(7),
                        rs.getBigDecimal(8), rs.getInt(9), rs.getInt(10)))
                .list();
    }

    public String nextNumber(InvoiceKind kind, LocalDate issueDate) {
        long n = jdbc.sql(kind == InvoiceKind.INVOICE ? "select nextval('invoice_number_seq')"
                : "select nextval('credit_note_number_seq')").query(Long.class).single();
        return (kind == InvoiceKind.INVOICE ? "INV-" : "CRN-") + issueDate.getYear() + "-" + String.format("%06d", n);
    }

    public record Header(UUID id, String number, InvoiceKind kind, String status, UUID runId, String groupKey,
            UUID funderId, String funderType, String clientId, UUID contractId, String purchaseOrderNumber,
            String contractReference, UUID originalInvoiceId, LocalDate issueDate, LocalDate dueDate,
            LocalDate periodStart, LocalDate periodEnd, BigDecimal net, BigDecimal vat, BigDecimal total,
            String rejection) {}

    public void insert(Header h) {
        jdbc.sql("""
                insert into invoice (id, number, kind, status, run_id, group_key, funder_id, funder_type, client_id,
                    contract_id, purchase_order_number, contract_reference, original_invoice_id, issue_date, due_date,
                    period_start, period_end, net_amount, vat_amount, total_amount, rejection)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(h.id(), h.number(), h.kind().name(), h.status(), h.runId(), h.groupKey(), h.funderId(),
                        h.funderType(), h.clientId(), h.contractId(), h.purchaseOrderNumber(), h.contractReference(),
                        h.originalInvoiceId(), h.issueDate(), h.dueDate(), h.periodStart(), h.periodEnd(), h.net(),
                        h.vat(), h.total(), h.rejection())
                .update();
    }

    public void insertLines(UUID invoiceId, List<InvoiceLine> lines) {
        template.batchUpdate("""
                insert into invoice_line (invoice_id, line_no, team, client_id, client_name, funder_reference, care_type,
                    hourly_rate, visits, minutes, amount) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                lines.stream().map(l -> new Object[] {invoiceId, l.lineNo(), l.team(), l.clientId(), l.clientName(),
                        l.funderReference(), l.careType(), l.hourlyRate(), l.visits(), l.minutes(), l.amount()}).toList());
    }

    public void insertDocument(UUID invoiceId, String kind, String contentType, byte[] content) {
        jdbc.sql("insert into invoice_document (invoice_id, kind, content_type, content) values (?, ?, ?, ?)")
                .params(invoiceId, kind, contentType, content).update();
    }

    public Optional<Header> header(UUID id) {
        return jdbc.sql("select * from invoice where id = ?").param(id).query(InvoiceRepository::header).optional();
    }

    public List<Header> headersOfRun(UUID runId) {
        return jdbc.sql("select * from invoice where run_id = ? order by kind desc, number nulls last, group_key")
                .param(runId).query(InvoiceRepository::header).list();
    }

    public List<InvoiceLine> lines(UUID invoiceId) {
        return jdbc.sql("select * from invoice_line where invoice_id = ? order by line_no").param(invoiceId)
                .query((rs, n) -> new InvoiceLine(rs.getInt("line_no"), rs.getString("team"), rs.getString("client_id"),
                        rs.getString("client_name"), rs.getString("funder_reference"), rs.getString("care_type"),
                        rs.getBigDecimal("hourly_rate"), rs.getInt("visits"), rs.getInt("minutes"),
                        rs.getBigDecimal("amount")))
                .list();
    }

    public List<String> documentKinds(UUID invoiceId) {
        return jdbc.sql("select kind from invoice_document where invoice_id = ? order by kind").param(invoiceId)
                .query(String.class).list();
    }

    public record Document(String contentType, byte[] content) {}

    public Optional<Document> document(UUID invoiceId, String kind) {
        return jdbc.sql("select content_type, content from invoice_document where invoice_id = ? and kind = ?")
                .params(invoiceId, kind).query((rs, n) -> new Document(rs.getString(1), rs.getBytes(2))).optional();
    }

    public Optional<String> clientName(String clientId) {
        return jdbc.sql("select name from client where id = ?").param(clientId).query(String.class).optional();
    }

    static Header header(ResultSet rs, int n) throws SQLException {
        return new Header(rs.getObject("id", UUID.class), rs.getString("number"),
                InvoiceKind.valueOf(rs.getString("kind")), rs.getString("status"), rs.getObject("run_id", UUID.class),
                rs.getString("group_key"), rs.getObject("funder_id", UUID.class), rs.getString("funder_type"),
                rs.getString("client_id"), rs.getObject("contract_id", UUID.class),
                rs.getString("purchase_order_number"), rs.getString("contract_reference"),
                rs.getObject("original_invoice_id", UUID.class), rs.getObject("issue_date", LocalDate.class),
                rs.getObject("due_date", LocalDate.class), rs.getObject("period_start", LocalDate.class),
                rs.getObject("period_end", LocalDate.class), rs.getBigDecimal("net_amount"),
                rs.getBigDecimal("vat_amount"), rs.getBigDecimal("total_amount"), rs.getString("rejection"));
    }
}
