package care.backoffice.finance.journals;

import care.backoffice.support.problem.ApiException;
import care.backoffice.support.problem.InvalidRequestException;
import care.backoffice.support.security.CurrentUser;
import care.backoffice.support.security.Roles;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/finance/journals")
@Tag(name = "Journals", description = "The posting API: the only way into the ledger")
public class JournalController {

    /** A service account posts only journals of its own source; finance may post any (e.g. manual). */
    private static final Map<String, String> SOURCE_OF_SERVICE = Map.of(
            Roles.SERVICE_BILLING, "billing", Roles.SERVICE_PAYROLL, "payroll",
            Roles.SERVICE_PROCUREMENT, "procurement");

    private final JournalPosting posting;
    private final JournalRepository journals;

    public JournalController(JournalPosting posting, JournalRepository journals) {
        this.posting = posting;
        this.journals = journals;
    }

    @PostMapping
    @PreAuthorize("hasAnyRole('finance','service-billing','service-payroll','service-procurement')")
    @Operation(summary = "Post a journal",
            description = """
                    Posts a balanced journal into an open month. At most one journal per (source, sourceDocumentId): \
                    a replay with an equal body returns the first journal with 200; a different body under the same \
                    id is a 409 (code DUPLICATE_SOURCE_DOCUMENT). Malformed fields are a 400 naming every one under \
                    `errors`; a well-formed journal that breaks a ledger rule is a 422 whose `errors[].code` is one of \
                    UNBALANCED, UNKNOWN_ACCOUNT, ACCOUNT_CLOSED, PERIOD_CLOSED, PERIOD_LOCKED (all broken rules are \
                    listed). Service accounts may post only their own source (service-billing → billing, …); the \
                    finance role may post any source.""",
            responses = {
                    @ApiResponse(responseCode = "201", description = "Posted; Location names the journal"),
                    @ApiResponse(responseCode = "200", description = "Replay of an already posted source document"),
                    @ApiResponse(responseCode = "400", description = "Malformed fields",
                            content = @Content(mediaType = "application/problem+json")),
                    @ApiResponse(responseCode = "403", description = "Role may not post this source",
                            content = @Content(mediaType = "application/problem+json")),
                    @ApiResponse(responseCode = "409", description = "Same source document, different body",
                            content = @Content(mediaType = "application/problem+json")),
                    @ApiResponse(responseCode = "422", description = "Breaks a posting rule",
                            content = @Content(mediaType = "application/problem+json"))})
    public ResponseEntity<PostedJournal> post(@RequestBody JournalRequest request) {
        CurrentUser user = CurrentUser.get();
        NewJournal journal = PostingRules.parse(request, PostingRules.SOURCES);
        if (!user.has(Roles.FINANCE)) {
            boolean allowed = SOURCE_OF_SERVICE.entrySet().stream()
                    .anyMatch(e -> user.has(e.getKey()) && e.getValue().equals(journal.source()));
            if (!allowed) {
                throw ApiException.forbidden("this service account may not post journals of source " + journal.source());
            }
        }
        JournalPosting.Outcome outcome = posting.post(journal, user.name());
        return respond(outcome);
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasAnyRole('finance','service-billing','service-payroll','service-procurement')")
    @Operation(summary = "One posted journal with its lines")
    public PostedJournal get(@PathVariable UUID id) {
        return journals.find(id).orElseThrow(() -> ApiException.notFound("Journal " + id));
    }

    @Schema(description = "Optional: the reversal's date (default: the original's date; its month must be open) "
            + "and description")
    public record ReversalRequest(String date, String description) {}

    @PostMapping("/{id}/reversal")
    @PreAuthorize("hasRole('finance')")
    @Operation(summary = "Reverse a journal",
            description = "Posts a journal with debits and credits swapped (source `reversal`, sourceDocumentId = the "
                    + "reversed journal's id). Each journal can be reversed once: a replay returns the reversal with 200. "
                    + "The original stays in the ledger untouched.")
    public ResponseEntity<PostedJournal> reverse(@PathVariable UUID id,
            @RequestBody(required = false) ReversalRequest request) {
        LocalDate date = null;
        if (request != null && request.date() != null && !request.date().isBlank()) {
            try {
                date = LocalDate.parse(request.date().trim());
            } catch (DateTimeParseException e) {
                throw InvalidRequestException.of("date", "is not a date in the form yyyy-MM-dd: " + request.date());
            }
        }
        if (request != null && request.description() != null && request.description().length() > 500) {
            throw InvalidRequestException.of("description", "is longer than 500 characters");
        }
        return respond(posting.reverse(id, date, request == null ? null : request.description(),
                CurrentUser.get().name()));
    }

    private static ResponseEntity<PostedJournal> respond(JournalPosting.Outcome outcome) {
        if (outcome.created()) {
            return ResponseEntity.created(URI.create("/api/finance/journals/" + outcome.journal().id()))
                    .body(outcome.journal());
        }
        return ResponseEntity.ok(outcome.journal());
    }
}
