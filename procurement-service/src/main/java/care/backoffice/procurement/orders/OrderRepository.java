package care.backoffice.procurement.orders;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class OrderRepository {

    public record Order(UUID id, String orderNumber, String team, UUID supplierId, int budgetYear, BigDecimal total,
            BigDecimal openCommitment, String status, String deliveryLine1, String deliveryLine2, String deliveryTown,
            String deliveryPostcode, String note, String placedBy, OffsetDateTime placedAt, String cancelledBy,
            OffsetDateTime cancelledAt, String cancelReason, String dispatchStatus, int dispatchAttempts,
            OffsetDateTime nextDispatchAt, String lastDispatchError, OffsetDateTime deliveredAt) {}

    public record Line(UUID orderId, int lineNo, UUID catalogueItemId, String supplierItemCode, String description,
            String category, String unit, BigDecimal quantity, BigDecimal unitPrice, BigDecimal lineTotal,
            BigDecimal receivedQuantity, BigDecimal invoicedQuantity) {}

    public record Advice(UUID orderId, String decisionNote, String recordedBy, List<Given> advisers) {}

    public record Given(String name, String role, String advised) {}

    public record Usage(BigDecimal committed, BigDecimal spent) {}

    private static final String ORDER_COLUMNS = """
            id, order_number, team, supplier_id, budget_year, total, open_commitment, status, delivery_line1,
            delivery_line2, delivery_town, delivery_postcode, note, placed_by, placed_at, cancelled_by, cancelled_at,
            cancel_reason, dispatch_status, dispatch_attempts, next_dispatch_at, last_dispatch_error, delivered_at""";

    private final JdbcClient jdbc;

    public OrderRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** PO- and at least six digits (String.format's parser showed up in the profile; this is the same text). */
    static String orderNumber(long n) {
        String digits = Long.toString(n);
        return digits.length() >= 6 ? "PO-" + digits : "PO-" + "000000".substring(digits.length()) + digits;
    }

    /** Commits an accepted order's total to the team's year and draws its order number, in one statement. */
    public String commitAndNumber(String team, int year, BigDecimal total) {
        long n = jdbc.sql("""
                insert into team_budget_usage (team, budget_year, committed, spent) values (?, ?, ?, 0)
                on conflict (team, budget_year) do update set committed = team_budget_usage.committed + excluded.committed
                returning nextval('order_number_seq')""")
                .params(team, year, total).query(Long.class).single();
        return orderNumber(n);
    }

    /** The team's committed and spent amounts for the year; call with the team's policy row locked. */
    public Usage usage(String team, int year) {
        return jdbc.sql("select committed, spent from team_budget_usage where team = ? and budget_year = ?")
                .params(team, year).query(Usage.class).optional()
                .orElse(new Usage(BigDecimal.ZERO.setScale(2), BigDecimal.ZERO.setScale(2)));
    }

    public void addToUsage(String team, int year, BigDecimal committed, BigDecimal spent) {
        jdbc.sql("""
                insert into team_budget_usage (team, budget_year, committed, spent) values (?, ?, ?, ?)
                on conflict (team, budget_year) do update set committed = team_budget_usage.committed + excluded.committed,
                    spent = team_budget_usage.spent + excluded.spent""")
                .params(team, year, committed, spent).update();
    }

    /** The order and all its lines in one statement (lines as arrays, unnested: one row each). */
    public void insert(Order o, List<Line> lines, String ublDocument) {
        jdbc.sql("""
                with placed as (
                    insert into purchase_order (id, order_number, team, supplier_id, budget_year, total, open_commitment,
                        status, delivery_line1, delivery_line2, delivery_town, delivery_postcode, note, placed_by,
                        placed_at, ubl_document, dispatch_status, next_dispatch_at)
                    values (?, ?, ?, ?, ?, ?, ?, 'PLACED', ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', ?))
                insert into order_line (order_id, line_no, catalogue_item_id, supplier_item_code, description,
                    category, unit, quantity, unit_price, line_total)
                select ?, l.* from unnest(?::int[], ?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[],
                    ?::numeric[], ?::numeric[], ?::numeric[]) as l""")
                .params(o.id(), o.orderNumber(), o.team(), o.supplierId(), o.budgetYear(), o.total(), o.total(),
                        o.deliveryLine1(), o.deliveryLine2(), o.deliveryTown(), o.deliveryPostcode(), o.note(),
                        o.placedBy(), o.placedAt(), ublDocument, o.placedAt(), o.id(),
                        lines.stream().map(Line::lineNo).toArray(Integer[]::new),
                        lines.stream().map(Line::catalogueItemId).toArray(UUID[]::new),
                        lines.stream().map(Line::supplierItemCode).toArray(String[]::new),
                        lines.stream().map(Line::description).toArray(String[]::new),
                        lines.stream().map(Line::category).toArray(String[]::new),
                        lines.stream().map(Line::unit).toArray(String[]::new),
                        numbers(lines, Line::quantity), numbers(lines, Line::unitPrice), numbers(lines, Line::lineTotal))
                .update();
    }

    /** Numbers travel as text so they keep every digit (PostgreSQL casts them to numeric exactly). */
    private static String[] numbers(List<Line> lines, java.util.function.Function<Line, BigDecimal> field) {
        return lines.stream().map(l -> field.apply(l).toPlainString()).toArray(String[]::new);
    }

    /** The advice record and everyone who gave advice, in one statement. */
    public void insertAdvice(Advice a) {
        jdbc.sql("""
                with record as (insert into advice_record (order_id, decision_note, recorded_by) values (?, ?, ?))
                insert into advice_given (order_id, position, adviser, role, advice)
                select ?, g.position, g.adviser, g.role, g.advice
                from unnest(?::text[], ?::text[], ?::text[]) with ordinality as g(adviser, role, advice, position)""")
                .params(a.orderId(), a.decisionNote(), a.recordedBy(), a.orderId(),
                        a.advisers().stream().map(Given::name).toArray(String[]::new),
                        a.advisers().stream().map(Given::role).toArray(String[]::new),
                        a.advisers().stream().map(Given::advised).toArray(String[]::new))
                .update();
    }

    public Optional<Order> find(UUID id) {
        return jdbc.sql("select " + ORDER_COLUMNS + " from purchase_order where id = ?").param(id)
                .query(Order.class).optional();
    }

    public Optional<Order> findByNumber(String orderNumber) {
        return jdbc.sql("select " + ORDER_COLUMNS + " from purchase_order where order_number = ?").param(orderNumber)
                .query(Order.class).optional();
    }

    public Optional<Order> lock(UUID id) {
        return jdbc.sql("select " + ORDER_COLUMNS + " from purchase_order where id = ? for update").param(id)
                .query(Order.class).optional();
    }

    public String ublDocument(UUID id) {
        return jdbc.sql("select ubl_document from purchase_order where id = ?").param(id).query(String.class).single();
    }

    public List<Order> list(String team, String status, int limit, int offset) {
        StringBuilder sql = new StringBuilder("select " + ORDER_COLUMNS + " from purchase_order where true");
        Map<String, Object> params = new LinkedHashMap<>();
        if (team != null) {
            sql.append(" and team = :team");
            params.put("team", team);
        }
        if (status != null) {
            sql.append(" and status = :status");
            params.put("status", status);
        }
        sql.append(" order by placed_at desc, order_number desc limit :limit offset :offset");
        params.put("limit", limit);
        params.put("offset", offset);
        return jdbc.sql(sql.toString()).params(params).query(Order.class).list();
    }

    public Map<UUID, List<Line>> lines(Collection<UUID> orderIds) {
        Map<UUID, List<Line>> byOrder = new LinkedHashMap<>();
        if (orderIds.isEmpty()) {
            return byOrder;
        }
        jdbc.sql("select * from order_line where order_id = any(?) order by order_id, line_no")
                .param(orderIds.toArray(UUID[]::new)).query(Line.class).list()
                .forEach(l -> byOrder.computeIfAbsent(l.orderId(), k -> new ArrayList<>()).add(l));
        return byOrder;
    }

    public List<Line> linesForUpdate(UUID orderId) {
        return jdbc.sql("select * from order_line where order_id = ? order by line_no for update").param(orderId)
                .query(Line.class).list();
    }

    public Map<UUID, Advice> advice(Collection<UUID> orderIds) {
        Map<UUID, Advice> byOrder = new LinkedHashMap<>();
        if (orderIds.isEmpty()) {
            return byOrder;
        }
        UUID[] ids = orderIds.toArray(UUID[]::new);
        Map<UUID, List<Given>> given = new LinkedHashMap<>();
        jdbc.sql("select * from advice_given where order_id = any(?) order by order_id, position").param(ids)
                .query((ResultSet rs, int n) -> {
                    given.computeIfAbsent(rs.getObject("order_id", UUID.class), k -> new ArrayList<>())
                            .add(new Given(rs.getString("adviser"), rs.getString("role"), rs.getString("advice")));
                    return null;
                }).list();
        jdbc.sql("select * from advice_record where order_id = any(?)").param(ids)
                .query((ResultSet rs, int n) -> advice(rs, given)).list()
                .forEach(a -> byOrder.put(a.orderId(), a));
        return byOrder;
    }

    private static Advice advice(ResultSet rs, Map<UUID, List<Given>> given) throws SQLException {
        UUID id = rs.getObject("order_id", UUID.class);
        return new Advice(id, rs.getString("decision_note"), rs.getString("recorded_by"),
                given.getOrDefault(id, List.of()));
    }

    /**
     * Cancels the order. Not yet sent: it never will be. Already delivered: the supplier is sent the cancellation
     * document. (If a send is in flight right now, the dispatcher starts the cancellation when it succeeds.)
     */
    public void cancel(UUID id, String who, String reason, String cancellationDocument) {
        jdbc.sql("""
                update purchase_order set status = 'CANCELLED', cancelled_by = ?, cancelled_at = now(), cancel_reason = ?,
                    open_commitment = 0, cancellation_document = ?,
                    cancellation_status = case when dispatch_status = 'DELIVERED' then 'PENDING' end,
                    next_cancellation_at = case when dispatch_status = 'DELIVERED' then now() end,
                    dispatch_status = case when dispatch_status in ('PENDING', 'RETRYING') then 'NOT_SENT'
                                           else dispatch_status end,
                    next_dispatch_at = case when dispatch_status in ('PENDING', 'RETRYING') then null
                                            else next_dispatch_at end
                where id = ?""")
                .params(who, reason, cancellationDocument, id).update();
    }

    public record Cancellation(String status, int attempts, String lastError, OffsetDateTime deliveredAt) {}

    public Optional<Cancellation> cancellation(UUID id) {
        return jdbc.sql("""
                select cancellation_status status, cancellation_attempts attempts, cancellation_error last_error,
                    cancellation_delivered_at delivered_at from purchase_order
                where id = ? and cancellation_status is not null""").param(id).query(Cancellation.class).optional();
    }

    public void addReceived(UUID orderId, int lineNo, BigDecimal quantity) {
        jdbc.sql("update order_line set received_quantity = received_quantity + ? where order_id = ? and line_no = ?")
                .params(quantity, orderId, lineNo).update();
    }

    public void addInvoiced(UUID orderId, int lineNo, BigDecimal quantity) {
        jdbc.sql("update order_line set invoiced_quantity = invoiced_quantity + ? where order_id = ? and line_no = ?")
                .params(quantity, orderId, lineNo).update();
    }

    public void setOpenCommitment(UUID orderId, BigDecimal open) {
        jdbc.sql("update purchase_order set open_commitment = ? where id = ?").params(open, orderId).update();
    }
}
