package care.backoffice.procurement.receipts;

import care.backoffice.procurement.invoices.InvoiceService;
import care.backoffice.procurement.orders.OrderRepository;
import care.backoffice.procurement.policy.PolicyRepository;
import care.backoffice.support.idempotency.IdempotentRequests;
import care.backoffice.support.problem.ApiException;
import care.backoffice.support.problem.Problems;
import care.backoffice.support.security.CurrentUser;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** The team confirms what arrived; partial deliveries are normal. Waiting invoices are matched again. */
@RestController
public class ReceiptController {

    public record ReceiptRequest(List<Line> lines, String note) {
        public record Line(Integer lineNo, String quantity) {}
    }

    private final OrderRepository orders;
    private final PolicyRepository policies;
    private final InvoiceService invoices;
    private final IdempotentRequests idempotent;
    private final JdbcClient jdbc;

    public ReceiptController(OrderRepository orders, PolicyRepository policies, InvoiceService invoices,
            IdempotentRequests idempotent, JdbcClient jdbc) {
        this.orders = orders;
        this.policies = policies;
        this.invoices = invoices;
        this.idempotent = idempotent;
        this.jdbc = jdbc;
    }

    @PostMapping("/api/procurement/orders/{orderId}/receipts")
    @PreAuthorize("hasRole('team-member')")
    public ResponseEntity<?> receive(@PathVariable UUID orderId, @RequestBody ReceiptRequest request,
            @RequestHeader(name = "Idempotency-Key", required = false) String key) {
        CurrentUser user = CurrentUser.get();
        String team = user.requireTeam();
        return idempotent.once("receipt:" + orderId, key, request, () -> {
            OrderRepository.Order order = orders.lock(orderId).orElseThrow(() -> ApiException.notFound("Order " + orderId));
            if (!order.team().equals(team)) {
                throw new AccessDeniedException("order of another team");
            }
            if (!order.status().equals("PLACED")) {
                throw ApiException.conflict("Order " + order.orderNumber() + " is cancelled");
            }
            policies.lock(team);
            Map<Integer, OrderRepository.Line> lines = new HashMap<>();
            orders.linesForUpdate(orderId).forEach(l -> lines.put(l.lineNo(), l));
            Problems p = new Problems();
            List<ReceiptRequest.Line> in = request == null || request.lines() == null ? List.of() : request.lines();
            p.require(!in.isEmpty(), "lines", "name at least one order line and the quantity received");
            Map<Integer, BigDecimal> received = new LinkedHashMap<>();
            for (int i = 0; i < in.size(); i++) {
                ReceiptRequest.Line l = in.get(i);
                String f = "lines[" + i + "].";
                OrderRepository.Line ol = l.lineNo() == null ? null : lines.get(l.lineNo());
                if (ol == null || received.containsKey(l.lineNo())) {
                    p.add(f + "lineNo", "is not a line of this order (or is listed twice)");
                    continue;
                }
                BigDecimal q;
                try {
                    q = new BigDecimal(l.quantity().trim());
                } catch (RuntimeException e) {
                    p.add(f + "quantity", "is not a number");
                    continue;
                }
                BigDecimal outstanding = ol.quantity().subtract(ol.receivedQuantity());
                if (q.signum() <= 0 || q.stripTrailingZeros().scale() > 3) {
                    p.add(f + "quantity", "must be above 0 with at most 3 decimals");
                } else if (q.compareTo(outstanding) > 0) {
                    p.add(f + "quantity", "is more than still expected on this line ("
                            + outstanding.stripTrailingZeros().toPlainString() + ")");
                } else {
                    received.put(l.lineNo(), q);
                }
            }
            p.throwIfAny();
            UUID receiptId = UUID.randomUUID();
            jdbc.sql("insert into receipt (id, order_id, received_by, received_at, note) values (?, ?, ?, ?, ?)")
                    .params(receiptId, orderId, user.name(), OffsetDateTime.now(),
                            request.note() == null || request.note().isBlank() ? null : request.note().trim())
                    .update();
            received.forEach((lineNo, q) -> {
                jdbc.sql("insert into receipt_line (receipt_id, line_no, quantity) values (?, ?, ?)")
                        .params(receiptId, lineNo, q).update();
                orders.addReceived(orderId, lineNo, q);
            });
            invoices.rematch(order);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("receiptId", receiptId);
            body.put("orderId", orderId);
            body.put("lines", received.entrySet().stream().map(e -> Map.of("lineNo", e.getKey(),
                    "quantity", e.getValue().stripTrailingZeros().toPlainString())).toList());
            return ResponseEntity.status(201).body(body);
        });
    }
}
