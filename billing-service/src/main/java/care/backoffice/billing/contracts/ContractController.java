package care.backoffice.billing.contracts;

import care.backoffice.billing.funders.FunderRepository;
import care.backoffice.support.idempotency.IdempotentRequests;
import care.backoffice.support.problem.ApiException;
import care.backoffice.support.problem.Problems;
import care.backoffice.support.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.LocalDate;
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
@RequestMapping("/api/billing/contracts")
@Tag(name = "Contracts", description = "One hourly price per care type, effective-dated; billing unit, rounding, output")
@PreAuthorize("hasRole('back-office')")
public class ContractController {

    private final ContractRepository contracts;
    private final FunderRepository funders;
    private final IdempotentRequests idempotent;
    private final ContractCorrections corrections;

    public ContractController(ContractRepository contracts, FunderRepository funders, IdempotentRequests idempotent,
            ContractCorrections corrections) {
        this.contracts = contracts;
        this.funders = funders;
        this.idempotent = idempotent;
        this.corrections = corrections;
    }

    @PostMapping
    @Operation(summary = "Add a funder's contract with its hourly prices; contracts of one funder may not overlap")
    public ResponseEntity<?> create(@RequestBody NewContract request,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        Problems p = new Problems();
        request.check(p);
        UUID funderId = NewContract.parseUuid(request.funderId());
        if (funderId != null) {
            var funder = funders.find(funderId);
            if (funder.isEmpty()) {
                p.add("funderId", "no funder with this id");
            } else if ("PEPPOL".equals(request.output()) && funder.get().peppolParticipantId() == null) {
                p.add("output", "PEPPOL needs the funder's PEPPOL participant id; this funder has none");
            }
        }
        p.throwIfAny();
        String user = CurrentUser.get().name();
        return idempotent.once("contract", idempotencyKey, request, () -> {
            LocalDate start = LocalDate.parse(request.startsOn());
            LocalDate end = request.endsOn() == null ? null : LocalDate.parse(request.endsOn());
            if (contracts.overlaps(funderId, start, end)) {
                throw ApiException.conflict("The funder already has a contract running in this period; "
                        + "end it first or change prices with a new rate from a date");
            }
            UUID id = contracts.insert(request, user);
            return ResponseEntity.created(URI.create("/api/billing/contracts/" + id)).body(contracts.find(id).orElseThrow());
        });
    }

    public record NewPrice(String careType, String hourlyRate, String effectiveFrom) {}

    @PostMapping("/{id}/rates")
    @Operation(summary = "A new hourly price for a care type from a date; earlier prices stay as history")
    public ResponseEntity<?> addRate(@PathVariable UUID id, @RequestBody NewPrice request,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        Contract contract = contracts.find(id).orElseThrow(() -> ApiException.notFound("Contract " + id));
        Problems p = new Problems();
        NewContract.checkRate(p, "", new NewContract.NewRate(request.careType(), request.hourlyRate(), null));
        LocalDate from = p.date("effectiveFrom", request.effectiveFrom(), true);
        if (from != null && (from.isBefore(contract.startsOn()) || (contract.endsOn() != null && from.isAfter(contract.endsOn())))) {
            p.add("effectiveFrom", "must fall within the contract (" + contract.startsOn() + " to "
                    + (contract.endsOn() == null ? "open" : contract.endsOn()) + ")");
        }
        Problems named = new Problems();
        p.list().forEach(fp -> named.add(fp.field().startsWith(".") ? fp.field().substring(1) : fp.field(), fp.reason()));
        named.throwIfAny();
        String user = CurrentUser.get().name();
        return idempotent.once("contract-rate:" + id, idempotencyKey, request, () -> {
            if (!contracts.insertRate(id, request.careType(), request.hourlyRate(), from, user)) {
                throw ApiException.conflict(request.careType() + " already has a price from " + from);
            }
            return ResponseEntity.status(201).body(contracts.find(id).orElseThrow());
        });
    }

    @PostMapping("/{id}/end")
    @Operation(summary = "End a contract after a day (endsOn is its last day). Care after it is unbillable (no contract) "
            + "until the client's funding or another contract covers it; billed care after it is credited by the next run")
    public ResponseEntity<?> end(@PathVariable UUID id, @RequestBody ContractChanges.Ending request,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        Contract contract = contracts.find(id).orElseThrow(() -> ApiException.notFound("Contract " + id));
        Problems p = new Problems();
        LocalDate endsOn = request.check(p, contract);
        p.throwIfAny();
        String user = CurrentUser.get().name();
        return idempotent.once("contract-end:" + id, idempotencyKey, request,
                () -> ResponseEntity.ok(corrections.end(id, endsOn, blankToNull(request.reason()), user)));
    }

    @PostMapping("/{id}/corrections")
    @Operation(summary = "Correct terms entered wrongly (only the fields given; a reason is required). Billed visits "
            + "the correction re-prices are credited and charged again by the next run; issued invoices never change")
    public ResponseEntity<?> correct(@PathVariable UUID id, @RequestBody ContractChanges.TermsCorrection request,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        Contract contract = contracts.find(id).orElseThrow(() -> ApiException.notFound("Contract " + id));
        Problems p = new Problems();
        request.check(p);
        if ("PEPPOL".equals(request.output())
                && funders.find(contract.funderId()).orElseThrow().peppolParticipantId() == null) {
            p.add("output", "PEPPOL needs the funder's PEPPOL participant id; this funder has none");
        }
        p.throwIfAny();
        String user = CurrentUser.get().name();
        return idempotent.once("contract-correction:" + id, idempotencyKey, request,
                () -> ResponseEntity.ok(corrections.correctTerms(id, request, user)));
    }

    @PostMapping("/{id}/rate-corrections")
    @Operation(summary = "Correct a price entered wrongly (its amount and/or first day; a reason is required). A new "
            + "price from a date is not a correction: POST /rates. Billed visits it re-prices are credited and charged "
            + "again by the next run")
    public ResponseEntity<?> correctRate(@PathVariable UUID id, @RequestBody ContractChanges.RateCorrection request,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        Contract contract = contracts.find(id).orElseThrow(() -> ApiException.notFound("Contract " + id));
        Problems p = new Problems();
        ContractChanges.RateCorrection.Checked row = request.check(p, contract);
        p.throwIfAny();
        String user = CurrentUser.get().name();
        return idempotent.once("contract-rate-correction:" + id, idempotencyKey, request,
                () -> ResponseEntity.ok(corrections.correctRate(id, request.careType(), row.from(), row.to(),
                        request.hourlyRate(), request.reason().trim(), user)));
    }

    @GetMapping("/{id}/history")
    @Operation(summary = "How the contract was ended and corrected, oldest first: previous and new values, who, when, "
            + "why, and the billed visits each change sent back to be credited and charged again")
    @PreAuthorize("hasAnyRole('back-office','finance')")
    public List<ContractRepository.Change> history(@PathVariable UUID id) {
        contracts.find(id).orElseThrow(() -> ApiException.notFound("Contract " + id));
        return contracts.history(id);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    @GetMapping("/{id}")
    @Operation(summary = "A contract with its full price history")
    public Contract get(@PathVariable UUID id) {
        return contracts.find(id).orElseThrow(() -> ApiException.notFound("Contract " + id));
    }

    @GetMapping
    @Operation(summary = "Contracts, optionally of one funder")
    public List<Contract> list(@RequestParam(required = false) UUID funderId) {
        List<UUID> ids = funderId == null ? contracts.allIds() : contracts.idsOfFunder(funderId);
        return ids.stream().map(i -> contracts.find(i).orElseThrow()).toList();
    }
}
