package care.backoffice.procurement.orders;

import care.backoffice.procurement.shared.Money;
import care.backoffice.support.problem.ApiException;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Orders as every colleague sees them: lines, advice record, where the order is with the supplier. */
final class OrderViews {

    private OrderViews() {}

    static Map<String, Object> one(OrderRepository orders, UUID id) {
        OrderRepository.Order o = orders.find(id).orElseThrow(() -> ApiException.notFound("Order " + id));
        Map<String, Object> m = view(o, orders.lines(List.of(id)).getOrDefault(id, List.of()),
                orders.advice(List.of(id)).get(id));
        orders.cancellation(id).ifPresent(c -> {
            Map<String, Object> cm = new LinkedHashMap<>();
            cm.put("status", c.status());
            cm.put("attempts", c.attempts());
            cm.put("lastError", c.lastError());
            cm.put("deliveredAt", c.deliveredAt());
            m.put("cancellationToSupplier", cm);
        });
        return m;
    }

    static List<Map<String, Object>> many(OrderRepository orders, List<OrderRepository.Order> page) {
        List<UUID> ids = page.stream().map(OrderRepository.Order::id).toList();
        Map<UUID, List<OrderRepository.Line>> lines = orders.lines(ids);
        Map<UUID, OrderRepository.Advice> advice = orders.advice(ids);
        return page.stream().map(o -> view(o, lines.getOrDefault(o.id(), List.of()), advice.get(o.id()))).toList();
    }

    static Map<String, Object> view(OrderRepository.Order o, List<OrderRepository.Line> lines,
            OrderRepository.Advice advice) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", o.id());
        m.put("orderNumber", o.orderNumber());
        m.put("team", o.team());
        m.put("supplierId", o.supplierId());
        m.put("status", o.status());
        m.put("receiptStatus", receiptStatus(lines));
        m.put("total", Money.format(o.total()));
        m.put("openCommitment", Money.format(o.openCommitment()));
        m.put("budgetYear", o.budgetYear());
        m.put("placedBy", o.placedBy());
        m.put("placedAt", o.placedAt());
        m.put("deliveryAddress", Map.of("line1", o.deliveryLine1(), "line2", o.deliveryLine2() == null ? "" : o.deliveryLine2(),
                "town", o.deliveryTown(), "postcode", o.deliveryPostcode()));
        m.put("note", o.note());
        Map<String, Object> dispatch = new LinkedHashMap<>();
        dispatch.put("status", o.dispatchStatus());
        dispatch.put("attempts", o.dispatchAttempts());
        dispatch.put("nextAttemptAt", o.nextDispatchAt());
        dispatch.put("lastError", o.lastDispatchError());
        dispatch.put("deliveredAt", o.deliveredAt());
        m.put("dispatch", dispatch);
        if (o.status().equals("CANCELLED")) {
            m.put("cancelledBy", o.cancelledBy());
            m.put("cancelledAt", o.cancelledAt());
            m.put("cancelReason", o.cancelReason());
        }
        m.put("lines", lines.stream().map(l -> {
            Map<String, Object> lm = new LinkedHashMap<>();
            lm.put("lineNo", l.lineNo());
            lm.put("catalogueItemId", l.catalogueItemId());
            lm.put("description", l.description());
            lm.put("category", l.category());
            lm.put("unit", l.unit());
            lm.put("quantity", l.quantity().stripTrailingZeros().toPlainString());
            lm.put("unitPrice", Money.format(l.unitPrice()));
            lm.put("lineTotal", Money.format(l.lineTotal()));
            lm.put("receivedQuantity", l.receivedQuantity().stripTrailingZeros().toPlainString());
            lm.put("invoicedQuantity", l.invoicedQuantity().stripTrailingZeros().toPlainString());
            return lm;
        }).toList());
        if (advice != null) {
            m.put("advice", Map.of("decisionNote", advice.decisionNote(), "recordedBy", advice.recordedBy(),
                    "advisers", advice.advisers().stream().map(g -> Map.of("name", g.name(), "role", g.role(),
                            "advised", g.advised())).toList()));
        }
        return m;
    }

    static String receiptStatus(List<OrderRepository.Line> lines) {
        boolean all = !lines.isEmpty();
        boolean any = false;
        for (OrderRepository.Line l : lines) {
            BigDecimal r = l.receivedQuantity();
            any |= r.signum() > 0;
            all &= r.compareTo(l.quantity()) >= 0;
        }
        return all ? "RECEIVED" : any ? "PARTLY_RECEIVED" : "NOT_RECEIVED";
    }
}
