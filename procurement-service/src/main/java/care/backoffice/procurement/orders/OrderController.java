package care.backoffice.procurement.orders;

import care.backoffice.support.idempotency.IdempotentRequests;
import care.backoffice.support.problem.ApiException;
import care.backoffice.support.problem.InvalidRequestException;
import care.backoffice.support.security.CurrentUser;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class OrderController {

    public record CancelRequest(String reason) {}

    private final OrderService service;
    private final OrderRepository orders;
    private final IdempotentRequests idempotent;

    public OrderController(OrderService service, OrderRepository orders, IdempotentRequests idempotent) {
        this.service = service;
        this.orders = orders;
        this.idempotent = idempotent;
    }

    /** A team member orders for their own team (the team comes from the token, never from the body). */
    @PostMapping("/api/procurement/orders")
    @PreAuthorize("hasRole('team-member')")
    public ResponseEntity<?> place(@RequestBody OrderRequest request,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        CurrentUser user = CurrentUser.get();
        String team = user.requireTeam();
        OrderService.Draft draft = service.check(request);
        return idempotent.once("order:" + team, idempotencyKey, request, () -> {
            Map<String, Object> placed = service.place(team, user.name(), draft);
            return ResponseEntity.created(URI.create("/api/procurement/orders/" + placed.get("id"))).body(placed);
        });
    }

    /** Every team's orders, with their advice records, for every colleague: spending is public inside. */
    @GetMapping("/api/procurement/orders")
    @PreAuthorize("hasAnyRole('team-member','back-office','finance')")
    public List<Map<String, Object>> list(@RequestParam(required = false) String team,
            @RequestParam(required = false) String status, @RequestParam(defaultValue = "100") int limit,
            @RequestParam(defaultValue = "0") int offset) {
        if (limit < 1 || limit > 500 || offset < 0) {
            throw InvalidRequestException.of("limit", "must be 1 to 500, with offset 0 or more");
        }
        return OrderViews.many(orders, orders.list(team, status, limit, offset));
    }

    @GetMapping("/api/procurement/orders/{id}")
    @PreAuthorize("hasAnyRole('team-member','back-office','finance')")
    public Map<String, Object> one(@PathVariable UUID id) {
        return OrderViews.one(orders, id);
    }

    /** The PEPPOL BIS Order document exactly as it is (or will be) sent to the supplier. */
    @GetMapping(value = "/api/procurement/orders/{id}/document", produces = MediaType.APPLICATION_XML_VALUE)
    @PreAuthorize("hasAnyRole('team-member','back-office','finance')")
    public String document(@PathVariable UUID id) {
        orders.find(id).orElseThrow(() -> ApiException.notFound("Order " + id));
        return orders.ublDocument(id);
    }

    @PostMapping("/api/procurement/orders/{id}/cancel")
    @PreAuthorize("hasRole('team-member')")
    @Transactional
    public Map<String, Object> cancel(@PathVariable UUID id, @RequestBody(required = false) CancelRequest request) {
        CurrentUser user = CurrentUser.get();
        return service.cancel(id, user.requireTeam(), user.name(), request == null ? null : request.reason());
    }
}
