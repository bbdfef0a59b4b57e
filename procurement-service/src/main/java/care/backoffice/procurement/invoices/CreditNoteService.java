package care.backoffice.procurement.invoices;

import care.backoffice.procurement.catalogue.CatalogueRepository;
import care.backoffice.procurement.catalogue.Category;
import care.backoffice.procurement.orders.OrderRepository;
import care.backoffice.procurement.payables.PayableService;
import care.backoffice.procurement.policy.PolicyRepository;
import care.backoffice.procurement.shared.Money;
import care.backoffice.procurement.suppliers.Supplier;
import care.backoffice.support.problem.ApiException;
import care.backoffice.support.problem.Problems;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Receives supplier credit notes. Each credits one invoice of the same supplier, never more than is left of it,
 * and what it does depends on where that invoice is (see V8 and {@link #receive}). Callers run these methods
 * inside a transaction.
 */
@Service
public class CreditNoteService {

    public record Checked(Supplier supplier, String creditNoteNumber, String invoiceNumber, LocalDate issueDate,
            BigDecimal total, String reason, List<InvoiceService.Line> lines) {}

    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    private final JdbcClient jdbc;
    private final InvoiceService invoices;
    private final OrderRepository orders;
    private final PolicyRepository policies;
    private final CatalogueRepository catalogue;
    private final PayableService payables;

    public CreditNoteService(JdbcClient jdbc, InvoiceService invoices, OrderRepository orders,
            PolicyRepository policies, CatalogueRepository catalogue, PayableService payables) {
        this.jdbc = jdbc;
        this.invoices = invoices;
        this.orders = orders;
        this.policies = policies;
        this.catalogue = catalogue;
        this.payables = payables;
    }

    /** Checks shape and arithmetic like an invoice's; writes nothing. */
    public Checked check(CreditNoteRequest r) {
        Problems p = new Problems();
        p.require(r.invoiceNumber() != null && !r.invoiceNumber().isBlank(), "invoiceNumber",
                "is required: the supplier's number of the invoice this credits");
        p.require(r.reason() == null || r.reason().length() <= 1000, "reason", "at most 1000 characters");
        InvoiceService.Checked asInvoice;
        try {
            asInvoice = invoices.check(new InvoiceRequest(r.supplierId(), r.creditNoteNumber(), null, r.issueDate(),
                    r.total(), r.lines()));
        } catch (care.backoffice.support.problem.InvalidRequestException e) {
            e.problems().forEach(f -> p.add(f.field().equals("invoiceNumber") ? "creditNoteNumber" : f.field(),
                    f.reason()));
            p.throwIfAny();
            throw e;
        }
        BigDecimal sum = asInvoice.lines().stream().map(InvoiceService.Line::lineTotal).reduce(Money.ZERO, BigDecimal::add);
        // Exact, not within tolerance: a credit note reverses bookings penny for penny.
        p.require(asInvoice.total().compareTo(sum) == 0, "total", "must equal the sum of the lines ("
                + sum.toPlainString() + ")");
        p.throwIfAny();
        return new Checked(asInvoice.supplier(), asInvoice.invoiceNumber(), r.invoiceNumber().trim(),
                asInvoice.issueDate(), asInvoice.total(), r.reason() == null || r.reason().isBlank() ? null
                        : r.reason().trim(), asInvoice.lines());
    }

    /**
     * On the exceptions list: the invoice is matched again net of the credit (INVOICE_REDUCED; credited entirely,
     * it is closed). Matched, payable still open: the payable goes down and the reversing journal goes to finance
     * (PAYABLE_REDUCED). Matched and already in a payment run or paid: the reversing journal goes to finance and
     * the supplier owes us a refund (REFUND_DUE). The team's spending goes down by the credit when it was spent.
     */
    public Map<String, Object> receive(Checked c, String format, String document, String who) {
        var found = jdbc.sql("select id, order_id from supplier_invoice where supplier_id = ? and invoice_number = ?")
                .params(c.supplier().id(), c.invoiceNumber())
                .query((ResultSet rs, int n) -> new UUID[] {rs.getObject(1, UUID.class), rs.getObject(2, UUID.class)})
                .optional().orElseThrow(() -> new ApiException(422, "No such invoice of this supplier",
                        "Credit note " + c.creditNoteNumber() + " credits invoice " + c.invoiceNumber()
                                + ", which " + c.supplier().name() + " never sent us",
                        Map.of("invoiceNumber", c.invoiceNumber())));
        UUID invoiceId = found[0];
        // The same lock order as invoices, receipts and resolutions: order, team, invoice.
        OrderRepository.Order order = found[1] == null ? null : orders.lock(found[1]).orElseThrow();
        if (order != null) {
            policies.lock(order.team());
        }
        var invoice = jdbc.sql("select status, total, invoice_number from supplier_invoice where id = ? for update")
                .param(invoiceId).query((ResultSet rs, int n) -> new Object[] {rs.getString(1), rs.getBigDecimal(2),
                        rs.getString(3)}).single();
        String status = (String) invoice[0];
        if (jdbc.sql("select count(*) from supplier_credit_note where supplier_id = ? and credit_note_number = ?")
                .params(c.supplier().id(), c.creditNoteNumber()).query(Long.class).single() > 0) {
            throw ApiException.conflict("Credit note " + c.creditNoteNumber() + " of " + c.supplier().name()
                    + " was already received");
        }
        if (status.equals("REJECTED") || status.equals("CREDITED")) {
            throw new ApiException(422, "The invoice is closed", "Invoice " + c.invoiceNumber() + " is " + status
                    + ": nothing on it is owed, so there is nothing to credit", Map.of("invoiceStatus", status));
        }
        BigDecimal credited = jdbc.sql("select coalesce(sum(total), 0) from supplier_credit_note where invoice_id = ?")
                .param(invoiceId).query(BigDecimal.class).single();
        BigDecimal left = ((BigDecimal) invoice[1]).subtract(credited);
        if (c.total().compareTo(left) > 0) {
            Map<String, Object> numbers = new LinkedHashMap<>();
            numbers.put("creditTotal", Money.format(c.total()));
            numbers.put("invoiceTotal", Money.format((BigDecimal) invoice[1]));
            numbers.put("alreadyCredited", Money.format(credited.setScale(2)));
            throw new ApiException(422, "The credit is more than is left of the invoice", "Credit note "
                    + c.creditNoteNumber() + " of " + Money.format(c.total()) + " is more than the "
                    + Money.format(left) + " left of invoice " + c.invoiceNumber(), numbers);
        }

        UUID id = UUID.randomUUID();
        jdbc.sql("""
                insert into supplier_credit_note (id, supplier_id, credit_note_number, invoice_id, issue_date, total,
                    reason, format, document, outcome, received_by, received_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'INVOICE_REDUCED', ?, ?)""")
                .params(id, c.supplier().id(), c.creditNoteNumber(), invoiceId, c.issueDate(), c.total(), c.reason(),
                        format, document, who, OffsetDateTime.now())
                .update();
        for (InvoiceService.Line l : c.lines()) {
            jdbc.sql("""
                    insert into supplier_credit_note_line (credit_note_id, line_no, order_line_no, description,
                        quantity, unit_price, line_total) values (?, ?, ?, ?, ?, ?, ?)""")
                    .params(id, l.lineNo(), l.orderLineNo(), l.description(), l.quantity(), l.unitPrice(),
                            l.lineTotal())
                    .update();
        }

        if (status.equals("EXCEPTION")) {
            // Nothing was booked for it yet: the rest of the invoice is matched, and booked if it now matches.
            invoices.matchAgainAfterCredit(invoiceId);
            return view(id);
        }
        PayableService.CreditEffect effect = payables.credit(invoiceId, c.total());
        jdbc.sql("update supplier_credit_note set outcome = ? where id = ?").params(effect.name(), id).update();
        orders.addToUsage(order.team(), order.budgetYear(), BigDecimal.ZERO, c.total().negate());
        payables.creditJournal(id, c.creditNoteNumber(), c.invoiceNumber(), c.supplier().id(), c.supplier().name(),
                order.team(), c.total(), LocalDate.now(LONDON), shares(invoiceId, order, c.lines()));
        return view(id);
    }

    /**
     * Which expense accounts the credit comes off: a line naming an order line, that line's category; any other
     * line, the category that carried most of the invoice.
     */
    private List<PayableService.Share> shares(UUID invoiceId, OrderRepository.Order order, List<InvoiceService.Line> lines) {
        Map<String, Category> categories = catalogue.categoriesByCode();
        Map<Integer, String> categoryOfLine = new LinkedHashMap<>();
        orders.linesForUpdate(order.id()).forEach(l -> categoryOfLine.put(l.lineNo(), l.category()));
        String largest = jdbc.sql("select category from payable_line pl join payable p on p.id = pl.payable_id "
                        + "where p.invoice_id = ? order by pl.amount desc, pl.category limit 1")
                .param(invoiceId).query(String.class).single();
        Map<String, BigDecimal> byCategory = new LinkedHashMap<>();
        for (InvoiceService.Line l : lines) {
            String category = l.orderLineNo() == null ? largest : categoryOfLine.getOrDefault(l.orderLineNo(), largest);
            byCategory.merge(category, l.lineTotal(), BigDecimal::add);
        }
        List<PayableService.Share> shares = new ArrayList<>();
        byCategory.forEach((cat, amount) -> shares.add(
                new PayableService.Share(cat, categories.get(cat).expenseAccount(), amount)));
        return shares;
    }

    /** The supplier paid back a credit note we had already paid: REFUNDED, Dr bank / Cr trade creditors. */
    public Map<String, Object> refundReceived(UUID id, LocalDate receivedOn, String who) {
        var note = jdbc.sql("""
                select c.outcome, c.credit_note_number, c.total, c.supplier_id, s.name, p.team
                from supplier_credit_note c join supplier s on s.id = c.supplier_id
                join payable p on p.invoice_id = c.invoice_id where c.id = ? for update of c""").param(id)
                .query((ResultSet rs, int n) -> new Object[] {rs.getString(1), rs.getString(2), rs.getBigDecimal(3),
                        rs.getObject(4, UUID.class), rs.getString(5), rs.getString(6)})
                .optional().orElseThrow(() -> ApiException.notFound("Refund due on credit note " + id));
        if (note[0].equals("REFUNDED")) {
            return view(id);
        }
        if (!note[0].equals("REFUND_DUE")) {
            throw ApiException.conflict("Credit note " + note[1] + " was taken off an unpaid invoice; no refund is due");
        }
        jdbc.sql("""
                update supplier_credit_note set outcome = 'REFUNDED', refund_received_on = ?, refund_confirmed_by = ?
                where id = ?""").params(receivedOn, who, id).update();
        payables.refundJournal(id, (String) note[1], (UUID) note[3], (String) note[4], (String) note[5],
                (BigDecimal) note[2], receivedOn);
        return view(id);
    }

    public Map<String, Object> view(UUID id) {
        return jdbc.sql("""
                select c.*, i.invoice_number, i.status invoice_status from supplier_credit_note c
                join supplier_invoice i on i.id = c.invoice_id where c.id = ?""").param(id)
                .query(CreditNoteService::row).optional()
                .orElseThrow(() -> ApiException.notFound("Credit note " + id));
    }

    public List<Map<String, Object>> list(UUID supplierId, String outcome, int limit) {
        return jdbc.sql("""
                select c.*, i.invoice_number, i.status invoice_status from supplier_credit_note c
                join supplier_invoice i on i.id = c.invoice_id
                where (cast(? as uuid) is null or c.supplier_id = ?) and (cast(? as text) is null or c.outcome = ?)
                order by c.received_at desc limit ?""")
                .params(supplierId, supplierId, outcome, outcome, limit).query(CreditNoteService::row).list();
    }

    static Map<String, Object> row(ResultSet rs, int n) throws java.sql.SQLException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", rs.getObject("id"));
        m.put("supplierId", rs.getObject("supplier_id"));
        m.put("creditNoteNumber", rs.getString("credit_note_number"));
        m.put("invoiceId", rs.getObject("invoice_id"));
        m.put("invoiceNumber", rs.getString("invoice_number"));
        m.put("invoiceStatus", rs.getString("invoice_status"));
        m.put("issueDate", rs.getObject("issue_date", LocalDate.class));
        m.put("total", Money.format(rs.getBigDecimal("total")));
        m.put("reason", rs.getString("reason"));
        m.put("format", rs.getString("format"));
        m.put("outcome", rs.getString("outcome"));
        m.put("receivedAt", rs.getObject("received_at", OffsetDateTime.class));
        m.put("refundReceivedOn", rs.getObject("refund_received_on", LocalDate.class));
        return m;
    }
}
