package care.backoffice.billing.clients;

import care.backoffice.billing.funders.FunderRepository;
import care.backoffice.support.idempotency.IdempotentRequests;
import care.backoffice.support.problem.ApiException;
import care.backoffice.support.problem.Problems;
import care.backoffice.support.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/billing/clients")
@Tag(name = "Clients", description = "Clients, who funds them from which date, and their authorised hours")
@PreAuthorize("hasRole('back-office')")
public class ClientController {

    private final ClientRepository clients;
    private final FunderRepository funders;
    private final IdempotentRequests idempotent;

    public ClientController(ClientRepository clients, FunderRepository funders, IdempotentRequests idempotent) {
        this.clients = clients;
        this.funders = funders;
        this.idempotent = idempotent;
    }

    @PostMapping
    @Operation(summary = "Register a client with their first funding. Use the id the teams already use, so that "
            + "care parked as 'unknown client' becomes billable in the next run")
    public ResponseEntity<?> create(@RequestBody NewClient request,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        Problems p = new Problems();
        request.check(p);
        checkFunder(p, "funding.funderId", request.funding() == null ? null : request.funding().funderId());
        p.throwIfAny();
        String user = CurrentUser.get().name();
        return idempotent.once("client", idempotencyKey, request, () -> {
            String id = request.id() == null ? UUID.randomUUID().toString() : request.id();
            if (!clients.insert(id, request, user)) {
                throw ApiException.conflict("A client with id " + id + " exists already");
            }
            clients.insertFunding(id, request.funding(), user);
            return ResponseEntity.created(URI.create("/api/billing/clients/" + id)).body(clients.find(id).orElseThrow());
        });
    }

    @PostMapping("/{id}/fundings")
    @Operation(summary = "A funding from a date: a change of funder, a new package or new authorised hours. "
            + "Earlier fundings stay as history and still price the care before this date")
    public ResponseEntity<?> addFunding(@PathVariable String id, @RequestBody NewClient.NewFunding request,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        if (!clients.exists(id)) {
            throw ApiException.notFound("Client " + id);
        }
        Problems p = new Problems();
        request.check(p, "");
        checkFunder(p, "funderId", request.funderId());
        p.throwIfAny();
        String user = CurrentUser.get().name();
        return idempotent.once("client-funding:" + id, idempotencyKey, request, () -> {
            if (!clients.insertFunding(id, request, user)) {
                throw ApiException.conflict("Client " + id + " already has a funding from " + request.from());
            }
            return ResponseEntity.status(201).body(clients.find(id).orElseThrow());
        });
    }

    /**
     * Invoices already issued keep the name and address they were issued with (their lines and documents are
     * stored); later documents, credit notes included, carry the new details.
     */
    @PutMapping("/{id}")
    @Operation(summary = "Change a client's name, address or email; the previous details are kept as history")
    public ResponseEntity<?> change(@PathVariable String id, @RequestBody ClientDetails request,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        if (!clients.exists(id)) {
            throw ApiException.notFound("Client " + id);
        }
        Problems p = new Problems();
        request.check(p);
        p.throwIfAny();
        String user = CurrentUser.get().name();
        return idempotent.once("client-change:" + id, idempotencyKey, request, () -> {
            clients.update(id, request, user);
            return ResponseEntity.ok(clients.find(id).orElseThrow());
        });
    }

    @GetMapping("/{id}/history")
    @Operation(summary = "Earlier details of a client, oldest first, with who changed them, when and why")
    @PreAuthorize("hasAnyRole('back-office','finance')")
    public List<ClientRepository.Change> history(@PathVariable String id) {
        if (!clients.exists(id)) {
            throw ApiException.notFound("Client " + id);
        }
        return clients.history(id);
    }

    @GetMapping("/{id}")
    @Operation(summary = "A client with their funding history")
    public Client get(@PathVariable String id) {
        return clients.find(id).orElseThrow(() -> ApiException.notFound("Client " + id));
    }

    @GetMapping
    @Operation(summary = "Every client, by name")
    public List<Client> list() {
        return clients.ids().stream().map(i -> clients.find(i).orElseThrow()).toList();
    }

    private void checkFunder(Problems p, String field, String funderId) {
        UUID id = NewClient.uuid(funderId);
        if (id != null && funders.find(id).isEmpty()) {
            p.add(field, "no funder with this id");
        }
    }
}
