package care.backoffice.procurement.invoices;

import care.backoffice.procurement.catalogue.CatalogueRepository;
import care.backoffice.procurement.catalogue.Category;
import care.backoffice.procurement.matching.CreditNetting;
import care.backoffice.procurement.matching.ThreeWayMatch;
import care.backoffice.procurement.orders.OrderRepository;
import care.backoffice.procurement.payables.PayableService;
import care.backoffice.procurement.policy.PolicyRepository;
import care.backoffice.procurement.shared.Money;
import care.backoffice.procurement.shared.ProcurementProperties;
import care.backoffice.procurement.suppliers.Supplier;
import care.backoffice.procurement.suppliers.SupplierRepository;
import care.backoffice.support.problem.ApiException;
import care.backoffice.support.problem.Problems;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Receives supplier invoices and matches them automatically. A matched invoice becomes a payable at once; a
 * mismatch goes to the exceptions list with its reasons, and is matched again when the team records a receipt.
 * Callers run these methods inside a transaction.
 */
@Service
public class InvoiceService {

    public record Line(int lineNo, Integer orderLineNo, String description, BigDecimal quantity, BigDecimal unitPrice,
            BigDecimal lineTotal) {}

    public record Checked(Supplier supplier, String invoiceNumber, String orderNumber, LocalDate issueDate,
            BigDecimal total, List<Line> lines) {}

    private final JdbcClient jdbc;
    private final SupplierRepository suppliers;
    private final OrderRepository orders;
    private final PolicyRepository policies;
    private final CatalogueRepository catalogue;
    private final PayableService payables;
    private final ThreeWayMatch.Tolerance tolerance;

    public InvoiceService(JdbcClient jdbc, SupplierRepository suppliers, OrderRepository orders,
            PolicyRepository policies, CatalogueRepository catalogue, PayableService payables,
            ProcurementProperties props) {
        this.jdbc = jdbc;
        this.suppliers = suppliers;
        this.orders = orders;
        this.policies = policies;
        this.catalogue = catalogue;
        this.payables = payables;
        this.tolerance = new ThreeWayMatch.Tolerance(props.matching().tolerancePercent(),
                props.matching().toleranceAmount());
    }

    public Checked check(InvoiceRequest r) {
        Problems p = new Problems();
        Supplier supplier = null;
        try {
            supplier = r.supplierId() == null ? null : suppliers.find(UUID.fromString(r.supplierId())).orElse(null);
        } catch (IllegalArgumentException e) {
            // reported below
        }
        p.require(supplier != null, "supplierId", "is not a known supplier (for UBL: the supplier's EndpointID)");
        p.require(r.invoiceNumber() != null && !r.invoiceNumber().isBlank() && r.invoiceNumber().length() <= 100,
                "invoiceNumber", "is required");
        LocalDate issueDate = null;
        try {
            issueDate = r.issueDate() == null ? null : LocalDate.parse(r.issueDate());
        } catch (DateTimeParseException e) {
            // reported below
        }
        p.require(issueDate != null, "issueDate", "is required as YYYY-MM-DD");
        List<InvoiceRequest.Line> in = r.lines() == null ? List.of() : r.lines();
        p.require(!in.isEmpty() && in.size() <= 1000, "lines", "1 to 1000 lines are required");
        List<Line> lines = new ArrayList<>();
        BigDecimal sum = Money.ZERO;
        for (int i = 0; i < in.size(); i++) {
            InvoiceRequest.Line l = in.get(i);
            String f = "lines[" + i + "].";
            BigDecimal q = null;
            try {
                q = l.quantity() == null ? null : new BigDecimal(l.quantity().trim());
            } catch (NumberFormatException e) {
                // reported below
            }
            if (q == null || q.signum() <= 0 || q.stripTrailingZeros().scale() > 3) {
                p.add(f + "quantity", "must be a number above 0 with at most 3 decimals");
                q = null;
            }
            BigDecimal price = Money.parse(p, f + "unitPrice", l.unitPrice(), true);
            BigDecimal lineTotal = Money.parse(p, f + "lineTotal", l.lineTotal(), false);
            if (q != null && price != null) {
                // Invoice line amount = quantity × price, half-up to the penny (as on the order); a stated amount
                // must agree with it to the penny.
                BigDecimal computed = q.multiply(price).setScale(2, RoundingMode.HALF_UP);
                if (lineTotal != null && lineTotal.compareTo(computed) != 0) {
                    p.add(f + "lineTotal", "is not quantity × unitPrice (" + computed.toPlainString() + ")");
                }
                lines.add(new Line(i + 1, l.orderLineNo(), l.description() == null ? "" : l.description(), q, price,
                        computed));
                sum = sum.add(computed);
            }
        }
        BigDecimal total = Money.parse(p, "total", r.total(), false);
        p.throwIfAny();
        return new Checked(supplier, r.invoiceNumber().trim(), blankToNull(r.orderNumber()), issueDate,
                total == null ? sum : total, lines);
    }

    public Map<String, Object> receive(Checked c, String format, String document, String who) {
        boolean duplicate = jdbc.sql("select count(*) from supplier_invoice where supplier_id = ? and invoice_number = ?")
                .params(c.supplier().id(), c.invoiceNumber()).query(Long.class).single() > 0;
        if (duplicate) {
            throw ApiException.conflict("Invoice " + c.invoiceNumber() + " of " + c.supplier().name()
                    + " was already received");
        }
        OrderRepository.Order order = c.orderNumber() == null ? null : orders.findByNumber(c.orderNumber())
                .filter(o -> o.supplierId().equals(c.supplier().id()))
                .flatMap(o -> orders.lock(o.id()))
                .orElse(null);
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                insert into supplier_invoice (id, supplier_id, invoice_number, order_reference, order_id, issue_date, total,
                    format, document, status, received_by, received_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'EXCEPTION', ?, ?)""")
                .params(id, c.supplier().id(), c.invoiceNumber(), c.orderNumber(), order == null ? null : order.id(),
                        c.issueDate(), c.total(), format, document, who, OffsetDateTime.now())
                .update();
        for (Line l : c.lines()) {
            jdbc.sql("""
                    insert into supplier_invoice_line (invoice_id, line_no, order_line_no, description, quantity,
                        unit_price, line_total) values (?, ?, ?, ?, ?, ?, ?)""")
                    .params(id, l.lineNo(), l.orderLineNo(), l.description(), l.quantity(), l.unitPrice(), l.lineTotal())
                    .update();
        }
        if (order != null) {
            policies.lock(order.team());
        }
        matchAndRecord(id, order, c.supplier(), c.invoiceNumber(), c.issueDate(), c.total(), c.lines());
        return view(id);
    }

    /** After a receipt: tries the order's invoices on the exceptions list again, oldest first. */
    public void rematch(OrderRepository.Order order) {
        List<UUID> waiting = jdbc.sql("""
                select id from supplier_invoice where order_id = ? and status = 'EXCEPTION' order by received_at, id""")
                .param(order.id()).query(UUID.class).list();
        Supplier supplier = suppliers.find(order.supplierId()).orElseThrow();
        for (UUID id : waiting) {
            Stored stored = stored(id);
            matchAndRecord(id, orders.find(order.id()).orElseThrow(), supplier, stored.invoiceNumber(),
                    stored.issueDate(), stored.net().total(), lines(stored.net()));
        }
    }

    /**
     * After a credit note against an invoice on the exceptions list: what is left of the invoice is matched again;
     * an invoice credited entirely is closed as CREDITED. The caller holds the order's and the team's locks.
     */
    public void matchAgainAfterCredit(UUID invoiceId) {
        Stored stored = stored(invoiceId);
        if (stored.net().fullyCredited()) {
            jdbc.sql("update supplier_invoice set status = 'CREDITED', reasons = '{}', detail = ? where id = ?")
                    .params("credited in full by the supplier", invoiceId).update();
            return;
        }
        OrderRepository.Order order = stored.orderId() == null ? null : orders.find(stored.orderId()).orElseThrow();
        matchAndRecord(invoiceId, order, suppliers.find(stored.supplierId()).orElseThrow(), stored.invoiceNumber(),
                stored.issueDate(), stored.net().total(), lines(stored.net()));
    }

    /** An invoice as stored, with its lines and total net of the supplier's credit notes against it. */
    record Stored(UUID supplierId, UUID orderId, String invoiceNumber, LocalDate issueDate, CreditNetting.Net net) {}

    Stored stored(UUID id) {
        var head = jdbc.sql("select supplier_id, order_id, invoice_number, issue_date, total from supplier_invoice where id = ?")
                .param(id).query((ResultSet rs, int n) -> new Object[] {rs.getObject(1, UUID.class),
                        rs.getObject(2, UUID.class), rs.getString(3), rs.getObject(4, LocalDate.class),
                        rs.getBigDecimal(5)}).single();
        List<CreditNetting.Line> credits = jdbc.sql("""
                select l.* from supplier_credit_note_line l join supplier_credit_note c on c.id = l.credit_note_id
                where c.invoice_id = ? order by c.received_at, c.id, l.line_no""").param(id)
                .query(InvoiceService::creditLine).list();
        BigDecimal credited = jdbc.sql("select coalesce(sum(total), 0) from supplier_credit_note where invoice_id = ?")
                .param(id).query(BigDecimal.class).single();
        List<CreditNetting.Line> invoiced = invoiceLines(id).stream().map(l -> new CreditNetting.Line(l.lineNo(),
                l.orderLineNo(), l.description(), l.quantity(), l.unitPrice(), l.lineTotal())).toList();
        return new Stored((UUID) head[0], (UUID) head[1], (String) head[2], (LocalDate) head[3],
                CreditNetting.net(invoiced, (BigDecimal) head[4], credits, credited.setScale(2)));
    }

    private static CreditNetting.Line creditLine(ResultSet rs, int n) throws java.sql.SQLException {
        return new CreditNetting.Line(rs.getInt("line_no"), (Integer) rs.getObject("order_line_no"),
                rs.getString("description"), rs.getBigDecimal("quantity"), rs.getBigDecimal("unit_price"),
                rs.getBigDecimal("line_total"));
    }

    private static List<Line> lines(CreditNetting.Net net) {
        return net.lines().stream().map(l -> new Line(l.lineNo(), l.orderLineNo(), l.description(), l.quantity(),
                l.unitPrice(), l.lineTotal())).toList();
    }

    /**
     * The back office settles an exception. REJECT: the invoice is closed unpaid (the supplier is told outside
     * this service). ACCEPT: only for an invoice whose sole finding is the price, after the difference was agreed
     * with the supplier; it is matched again without the price tolerance and becomes payable. Quantity, receipt
     * and order findings cannot be accepted: they are settled by a receipt or a credit note.
     */
    public Map<String, Object> resolve(UUID invoiceId, String decision, String note, String who) {
        Problems p = new Problems();
        p.require("ACCEPT".equals(decision) || "REJECT".equals(decision), "decision", "must be ACCEPT or REJECT");
        p.require(note != null && !note.isBlank(), "note", "say why, for the record");
        p.throwIfAny();
        // Same lock order as receipts and new invoices (order, then the team's policy, then the invoice), so a
        // resolution racing a receipt of the same order waits instead of deadlocking.
        UUID orderId = jdbc.sql("select order_id from supplier_invoice where id = ?").param(invoiceId)
                .query((ResultSet rs, int n) -> Optional.ofNullable(rs.getObject(1, UUID.class))).optional()
                .orElseThrow(() -> ApiException.notFound("Invoice " + invoiceId)).orElse(null);
        OrderRepository.Order order = orderId == null ? null : orders.lock(orderId).orElseThrow();
        if (order != null) {
            policies.lock(order.team());
        }
        var head = jdbc.sql("select status, reasons, order_id, supplier_id, invoice_number, issue_date, total "
                        + "from supplier_invoice where id = ? for update").param(invoiceId)
                .query((ResultSet rs, int n) -> new Object[] {rs.getString(1), List.of((String[]) rs.getArray(2).getArray()),
                        rs.getObject(3, UUID.class), rs.getObject(4, UUID.class), rs.getString(5),
                        rs.getObject(6, LocalDate.class), rs.getBigDecimal(7)})
                .optional().orElseThrow(() -> ApiException.notFound("Invoice " + invoiceId));
        if (!"EXCEPTION".equals(head[0])) {
            throw ApiException.conflict("Invoice is " + head[0] + ", not on the exceptions list");
        }
        if ("REJECT".equals(decision)) {
            jdbc.sql("""
                    update supplier_invoice set status = 'REJECTED', resolution = 'REJECTED', resolved_by = ?,
                        resolved_at = now(), resolution_note = ? where id = ?""")
                    .params(who, note.trim(), invoiceId).update();
            return view(invoiceId);
        }
        if (!List.of("PRICE").equals(head[1])) {
            throw new ApiException(422, "Only a price difference can be accepted",
                    "This invoice's findings are " + head[1] + "; a receipt or a credit note settles those",
                    Map.of("reasons", head[1]));
        }
        Stored stored = stored(invoiceId);
        matchAndRecord(invoiceId, order, suppliers.find((UUID) head[3]).orElseThrow(), (String) head[4],
                (LocalDate) head[5], stored.net().total(), lines(stored.net()), null);
        jdbc.sql("""
                update supplier_invoice set resolution = 'ACCEPTED_PRICE', resolved_by = ?, resolved_at = now(),
                    resolution_note = ? where id = ? and status = 'MATCHED'""")
                .params(who, note.trim(), invoiceId).update();
        return view(invoiceId);
    }

    private List<Line> invoiceLines(UUID invoiceId) {
        return jdbc.sql("select * from supplier_invoice_line where invoice_id = ? order by line_no")
                .param(invoiceId).query((ResultSet rs, int n) -> new Line(rs.getInt("line_no"),
                        (Integer) rs.getObject("order_line_no"), rs.getString("description"),
                        rs.getBigDecimal("quantity"), rs.getBigDecimal("unit_price"), rs.getBigDecimal("line_total")))
                .list();
    }

    private void matchAndRecord(UUID invoiceId, OrderRepository.Order order, Supplier supplier, String invoiceNumber,
            LocalDate issueDate, BigDecimal total, List<Line> lines) {
        matchAndRecord(invoiceId, order, supplier, invoiceNumber, issueDate, total, lines, tolerance);
    }

    private void matchAndRecord(UUID invoiceId, OrderRepository.Order order, Supplier supplier, String invoiceNumber,
            LocalDate issueDate, BigDecimal total, List<Line> lines, ThreeWayMatch.Tolerance tolerance) {
        boolean live = order != null && order.status().equals("PLACED");
        List<OrderRepository.Line> orderLines = live ? orders.linesForUpdate(order.id()) : List.of();
        ThreeWayMatch.Result result = ThreeWayMatch.match(live ? orderLines.stream()
                        .map(l -> new ThreeWayMatch.OrderLine(l.lineNo(), l.quantity(), l.unitPrice(),
                                l.receivedQuantity(), l.invoicedQuantity())).toList() : null,
                lines.stream().map(l -> new ThreeWayMatch.InvoiceLine(l.lineNo(), l.orderLineNo(), l.quantity(),
                        l.lineTotal())).toList(), total, tolerance);
        if (!result.matched()) {
            jdbc.sql("update supplier_invoice set status = 'EXCEPTION', reasons = ?, detail = ? where id = ?")
                    .params(result.reasons().stream().map(Enum::name).toArray(String[]::new),
                            String.join("; ", result.findings().stream().map(ThreeWayMatch.Finding::detail).toList()),
                            invoiceId)
                    .update();
            return;
        }
        // Matched: the order's commitment turns into spending, and the invoice becomes payable.
        result.quantityByOrderLine().forEach((lineNo, q) -> orders.addInvoiced(order.id(), lineNo, q));
        BigDecimal open = orders.linesForUpdate(order.id()).stream()
                .map(l -> l.quantity().subtract(l.invoicedQuantity()).max(BigDecimal.ZERO).multiply(l.unitPrice())
                        .setScale(2, RoundingMode.HALF_UP))
                .reduce(Money.ZERO, BigDecimal::add);
        BigDecimal released = order.openCommitment().subtract(open);
        orders.setOpenCommitment(order.id(), open);
        orders.addToUsage(order.team(), order.budgetYear(), released.negate(), total);

        Map<String, Category> categories = catalogue.categoriesByCode();
        Map<Integer, String> categoryOfLine = new LinkedHashMap<>();
        orderLines.forEach(l -> categoryOfLine.put(l.lineNo(), l.category()));
        Map<String, BigDecimal> byCategory = new LinkedHashMap<>();
        for (Line l : lines) {
            Integer target = l.orderLineNo() != null ? l.orderLineNo() : orderLines.get(0).lineNo();
            byCategory.merge(categoryOfLine.get(target), l.lineTotal(), BigDecimal::add);
        }
        List<PayableService.Share> shares = new ArrayList<>();
        byCategory.forEach((cat, amount) -> shares.add(
                new PayableService.Share(cat, categories.get(cat).expenseAccount(), amount)));
        // A total that differs from the lines within tolerance (rounding, a small charge): the difference goes to
        // the largest category, so the journal balances and every penny is booked somewhere visible.
        BigDecimal difference = total.subtract(byCategory.values().stream().reduce(Money.ZERO, BigDecimal::add));
        if (difference.signum() != 0) {
            PayableService.Share largest = shares.stream().max(Comparator.comparing(PayableService.Share::amount))
                    .orElseThrow();
            shares.set(shares.indexOf(largest), new PayableService.Share(largest.category(), largest.expenseAccount(),
                    largest.amount().add(difference)));
        }
        LocalDate today = LocalDate.now(ZoneId.of("Europe/London"));
        payables.create(invoiceId, invoiceNumber, order.orderNumber(), supplier.id(), supplier.name(), order.team(),
                total, issueDate.plusDays(supplier.paymentTermsDays()), today, shares);
        jdbc.sql("update supplier_invoice set status = 'MATCHED', reasons = '{}', detail = null, matched_at = now() "
                + "where id = ?").param(invoiceId).update();
    }

    public Map<String, Object> view(UUID id) {
        return jdbc.sql("select i.*, s.name supplier_name, " + CREDITED + " from supplier_invoice i join supplier s on s.id = i.supplier_id "
                        + "where i.id = ?").param(id).query(InvoiceService::row).optional()
                .orElseThrow(() -> ApiException.notFound("Invoice " + id));
    }

    public List<Map<String, Object>> list(String status, int limit) {
        return jdbc.sql("select i.*, s.name supplier_name, " + CREDITED + " from supplier_invoice i join supplier s on s.id = i.supplier_id "
                        + "where i.status = ? order by i.received_at desc limit ?")
                .params(status, limit).query(InvoiceService::row).list();
    }

    public List<Map<String, Object>> listOfSupplier(UUID supplierId, String status, int limit) {
        return jdbc.sql("select i.*, s.name supplier_name, " + CREDITED + " from supplier_invoice i join supplier s on s.id = i.supplier_id "
                        + "where i.supplier_id = ? and i.status = ? order by i.received_at desc limit ?")
                .params(supplierId, status, limit).query(InvoiceService::row).list();
    }

    /**
     * What a supplier sees of its own invoice: its status and why. Our internal resolution notes (who agreed
     * what by phone) stay with the back office.
     */
    public static Map<String, Object> supplierView(Map<String, Object> invoice) {
        Map<String, Object> m = new LinkedHashMap<>(invoice);
        m.remove("resolution");
        return m;
    }

    private static final String CREDITED =
            "(select coalesce(sum(c.total), 0) from supplier_credit_note c where c.invoice_id = i.id) credited";

    static Map<String, Object> row(ResultSet rs, int n) throws java.sql.SQLException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", rs.getObject("id"));
        m.put("supplierId", rs.getObject("supplier_id"));
        m.put("supplierName", rs.getString("supplier_name"));
        m.put("invoiceNumber", rs.getString("invoice_number"));
        m.put("orderNumber", rs.getString("order_reference"));
        m.put("orderId", rs.getObject("order_id"));
        m.put("issueDate", rs.getObject("issue_date", LocalDate.class));
        m.put("total", Money.format(rs.getBigDecimal("total")));
        m.put("credited", Money.format(rs.getBigDecimal("credited").setScale(2)));
        m.put("format", rs.getString("format"));
        m.put("status", rs.getString("status"));
        m.put("reasons", List.of((String[]) rs.getArray("reasons").getArray()));
        m.put("detail", rs.getString("detail"));
        m.put("receivedAt", rs.getObject("received_at", OffsetDateTime.class));
        if (rs.getString("resolution") != null) {
            m.put("resolution", Map.of("decision", rs.getString("resolution"), "by", rs.getString("resolved_by"),
                    "note", rs.getString("resolution_note")));
        }
        return m;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
