package care.backoffice.billing.delivery;

import care.backoffice.support.idempotency.IdempotentRequests;
import care.backoffice.support.problem.ApiException;
import care.backoffice.support.problem.Problems;
import care.backoffice.support.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/billing/deliveries")
@Tag(name = "Deliveries", description = "Issued documents on their way to the funders and self-funding clients: "
        + "PEPPOL, email, council portal upload; failures for the back office")
public class DeliveryController {

    static final int MAX_LIST = 1000;

    private final DeliveryRepository deliveries;
    private final BackOfficeActions actions;
    private final IdempotentRequests idempotent;

    public DeliveryController(DeliveryRepository deliveries, BackOfficeActions actions, IdempotentRequests idempotent) {
        this.deliveries = deliveries;
        this.actions = actions;
        this.idempotent = idempotent;
    }

    @GetMapping
    @Operation(summary = "Deliveries, oldest first, filtered by status (e.g. FAILED, AWAITING_UPLOAD), channel, run "
            + "or invoice; at most `limit` (default 200, up to 1000)")
    @PreAuthorize("hasAnyRole('back-office','finance')")
    public List<Delivery> list(@RequestParam(required = false) String status,
            @RequestParam(required = false) String channel, @RequestParam(required = false) String runId,
            @RequestParam(required = false) String invoiceId, @RequestParam(required = false) String limit) {
        Problems p = new Problems();
        DeliveryStatus s = oneOf(p, "status", status, DeliveryStatus.class);
        Channel c = oneOf(p, "channel", channel, Channel.class);
        UUID run = uuid(p, "runId", runId);
        UUID invoice = uuid(p, "invoiceId", invoiceId);
        int max = 200;
        if (limit != null) {
            try {
                max = Integer.parseInt(limit.trim());
                p.require(max >= 1 && max <= MAX_LIST, "limit", "must be between 1 and " + MAX_LIST);
            } catch (NumberFormatException e) {
                p.add("limit", "must be a whole number between 1 and " + MAX_LIST);
            }
        }
        p.throwIfAny();
        return deliveries.list(new DeliveryRepository.Filter(s, c, run, invoice, max));
    }

    @GetMapping("/{id}")
    @Operation(summary = "One delivery with its history of attempts and actions")
    @PreAuthorize("hasAnyRole('back-office','finance')")
    public Delivery get(@PathVariable UUID id) {
        return deliveries.find(id).orElseThrow(() -> ApiException.notFound("Delivery " + id));
    }

    @PostMapping("/{id}/retry")
    @Operation(summary = "Send a FAILED delivery again now, to the buyer's current address (back office); one "
            + "already queued again is left as it is; a delivered one is a 409")
    @PreAuthorize("hasRole('back-office')")
    public ResponseEntity<?> retry(@PathVariable UUID id,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        String user = CurrentUser.get().name();
        return idempotent.once("delivery-retry", idempotencyKey, new Retry(id),
                () -> ResponseEntity.ok(actions.retry(id, user)));
    }

    /** What an Idempotency-Key stands for (a record: its JSON, hashed, is the same in every JVM). */
    record Retry(UUID delivery) {}

    record Upload(UUID delivery, UploadDone request) {}

    /** What the back office says about a portal upload; both fields optional. */
    public record UploadDone(String uploadedAt, String portalReference) {}

    @PostMapping("/{id}/uploaded")
    @Operation(summary = "Record that a portal document was uploaded: by the caller, at `uploadedAt` (ISO-8601 with "
            + "offset; default now), with the portal's own reference if it gave one (back office); marking it again "
            + "answers with the first record")
    @PreAuthorize("hasRole('back-office')")
    public ResponseEntity<?> uploaded(@PathVariable UUID id, @RequestBody(required = false) UploadDone request,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        UploadDone body = request == null ? new UploadDone(null, null) : request;
        Problems p = new Problems();
        OffsetDateTime at = OffsetDateTime.now();
        if (body.uploadedAt() != null) {
            try {
                at = OffsetDateTime.parse(body.uploadedAt());
                // A little clock difference between the back office's machine and ours is not a future upload.
                p.require(!at.isAfter(OffsetDateTime.now().plusMinutes(5)), "uploadedAt", "must not be in the future");
            } catch (DateTimeParseException e) {
                p.add("uploadedAt", "must be a date and time with offset, e.g. 2026-11-03T10:15:00Z");
            }
        }
        if (body.portalReference() != null) {
            p.require(!body.portalReference().isBlank(), "portalReference", "must not be blank when given");
            p.require(body.portalReference().length() <= 200, "portalReference", "must be at most 200 characters");
        }
        p.throwIfAny();
        String user = CurrentUser.get().name();
        OffsetDateTime when = at;
        String reference = body.portalReference() == null ? null : body.portalReference().strip();
        return idempotent.once("delivery-uploaded", idempotencyKey, new Upload(id, body),
                () -> ResponseEntity.ok(actions.uploaded(id, user, when, reference)));
    }

    private static <E extends Enum<E>> E oneOf(Problems p, String field, String value, Class<E> type) {
        if (value == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            p.add(field, "must be one of " + java.util.Arrays.toString(type.getEnumConstants()));
            return null;
        }
    }

    private static UUID uuid(Problems p, String field, String value) {
        if (value == null) {
            return null;
        }
        try {
            return UUID.fromString(value.trim());
        } catch (IllegalArgumentException e) {
            p.add(field, "must be a UUID");
            return null;
        }
    }
}
