package care.backoffice.billing.invoices;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
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

    public boolean exists(UUID runId, String groupKey) {
        return jdbc.sql("select exists (select 1 from invoice where run_id = ? and group_key = ?)")
                .params(runId, groupKey).query(Boolean.class).single();
    }

    /**
     * The items of one document. A charge whose record still waits for its credit in this run is left out:
     * it will be charged again only once the earlier charge has been credited.
     */
    public List<RunItem> items(UUID runId, String groupKey) {
        return jdbc.sql("""
                select * from run_item i where run_id = ? and group_key = ?
                  and not (kind = 'CHARGE' and exists (select 1 from run_item c where c.run_id = i.run_id
                      and c.hours_entry_id = i.hours_entry_id and c.kind = 'CREDIT' and c.invoice_id is null))
                order by hours_entry_id""")
                .params(runId, groupKey).query(InvoiceRepository::item).list();
    }

    public List<RunItem> allItemsOf(UUID runId, String groupKey) {
        return jdbc.sql("select * from run_item where run_id = ? and group_key = ? order by hours_entry_id")
                .params(runId, groupKey).query(InvoiceRepository::item).list();
    }

    public List<String> groupKeys(UUID runId) {
        return jdbc.sql("select distinct group_key from run_item where run_id = ? order by group_key").param(runId)
                .query(String.class).list();
    }

    /**
     * Marks charged care as billed on this invoice, but only records still in the state they were priced in
     * (same version, active, nothing charged): an amendment that arrived meanwhile, or another run that got
     * there first, keeps the record out of this invoice. @return the items actually claimed
     */
    public List<RunItem> claimCharges(UUID invoiceId, List<RunItem> items) {
        // One set-based statement per document, over the same items as items(); billed_amount is the visit's informative share, not an invoiced
        // amount (invoices round once per line, see Pricing).
        List<UUID> ids = jdbc.sql("""
                update care_delivered c set billed_version = c.version, billed_minutes = r.billable_minutes,
                    billed_amount = round(r.hourly_rate * r.billable_minutes / 60.0, 2), billed_invoice_id = ?
                from run_item r
                where r.run_id = ? and r.group_key = ? and r.kind = 'CHARGE'
                  and not exists (select 1 from run_item x where x.run_id = r.run_id
                      and x.hours_entry_id = r.hours_entry_id and x.kind = 'CREDIT' and x.invoice_id is null)
                  and c.hours_entry_id = r.hours_entry_id and c.version = r.version and c.status = 'ACTIVE'
                  and c.billed_invoice_id is null
                returning c.hours_entry_id""")
                .params(invoiceId, items.get(0).runId(), items.get(0).groupKey()).query(UUID.class).list();
        java.util.Set<UUID> claimed = new java.util.HashSet<>(ids);
        return items.stream().filter(i -> claimed.contains(i.hoursEntryId())).toList();
    }

    private static UUID[] ids(List<RunItem> items) {
        return items.stream().map(RunItem::hoursEntryId).toArray(UUID[]::new);
    }

    /** Releases credited care from its invoice: a voided record is settled, an amended one waits to be charged anew. */
    public List<RunItem> claimCredits(List<RunItem> items) {
        int[] counts = template.batchUpdate("""
                update care_delivered set
                    billed_version = case when status = 'VOID' then version end,
                    billed_minutes = case when status = 'VOID' then 0 end,
                    billed_amount = case when status = 'VOID' then 0 end,
                    billed_invoice_id = null
                where hours_entry_id = ? and billed_invoice_id = ? and billed_version = ?""",
                items.stream().map(i -> new Object[] {i.hoursEntryId(), i.originalInvoiceId(), i.version()}).toList());
        return claimed(items, counts);
    }

    private static List<RunItem> claimed(List<RunItem> items, int[] counts) {
        List<RunItem> claimed = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            if (counts[i] > 0) {
                claimed.add(items.get(i));
            }
        }
        return claimed;
    }

    public void markIssued(UUID runId, UUID invoiceId, List<RunItem> items) {
        if ("CHARGE".equals(items.get(0).kind())) {
            // The charged records point at the invoice already; join on that rather than ship thousands of ids.
            jdbc.sql("""
                    update run_item r set invoice_id = ? from care_delivered c
                    where r.run_id = ? and r.group_key = ? and r.kind = 'CHARGE'
                      and c.hours_entry_id = r.hours_entry_id and c.billed_invoice_id = ?""")
                    .params(invoiceId, runId, items.get(0).groupKey(), invoiceId).update();
            return;
        }
        jdbc.sql("update run_item set invoice_id = ? where run_id = ? and kind = ? and hours_entry_id = any(?)")
                .params(invoiceId, runId, items.get(0).kind(), ids(items)).update();
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

    static RunItem item(ResultSet rs, int n) throws SQLException {
        return new RunItem(rs.getObject("run_id", UUID.class), rs.getObject("hours_entry_id", UUID.class),
                rs.getString("kind"), rs.getInt("version"), rs.getString("team"), rs.getString("client_id"),
                rs.getString("care_type"), rs.getObject("care_date", LocalDate.class),
                rs.getObject("funder_id", UUID.class), rs.getObject("contract_id", UUID.class),
                rs.getString("funder_reference"), rs.getBigDecimal("hourly_rate"), rs.getInt("charged_minutes"),
                rs.getInt("billable_minutes"), rs.getObject("original_invoice_id", UUID.class), rs.getString("group_key"));
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
