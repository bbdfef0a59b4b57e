package care.backoffice.billing.care;

import care.backoffice.support.problem.InvalidRequestException;
import care.backoffice.support.problem.InvalidRequestException.FieldProblem;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Care delivered as payroll-service passes it on, one record or a batch, with one set of rules: idempotent on
 * hoursEntryId + version; a higher version replaces the stored one, VOID withdraws it; an equal or lower version is
 * a REPLAY that changes nothing; care for a client billing does not know is stored and reported unbillable; every
 * version received is kept in care_delivered_version.
 */
@Service
public class CareDeliveredIntake {

    /** Most records one batch request may carry (the outbox relay of payroll sends 500 by default). */
    public static final int MAX_BATCH = 1_000;

    /** What happened to a posted record: stored new, replaced by a later version, voided, or a replay. */
    public enum Outcome { RECORDED, AMENDED, VOIDED, REPLAY }

    /** {@code version} and {@code status} are the stored ones: for a REPLAY, those of the later version kept. */
    public record Answer(String hoursEntryId, int version, String status, Outcome outcome, boolean billable,
            String unbillableReason) {}

    @Schema(description = "Why one record of a batch was refused; the same fields as the single endpoint's 400")
    public record ItemProblem(String title, String detail, List<FieldProblem> errors) {}

    @Schema(description = "The result for one record of a batch, in the order posted: status 201 (recorded) or 200 "
            + "(amended, voided, replay) with the single endpoint's answer, or 422 with the problem (nothing stored)")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Result(@Schema(description = "HTTP-like: 201, 200 or 422") int status, Answer answer,
            ItemProblem problem) {

        static Result of(Answer answer) {
            return new Result(answer.outcome() == Outcome.RECORDED ? 201 : 200, answer, null);
        }

        static Result invalid(List<FieldProblem> problems) {
            return new Result(422, null, new ItemProblem("The care record has invalid fields",
                    problems.size() + " problem(s): " + String.join("; ",
                            problems.stream().map(p -> p.field() + " " + p.reason()).toList()), problems));
        }
    }

    private final CareDeliveredRepository care;
    private final TransactionTemplate tx;
    private final JsonMapper json;

    public CareDeliveredIntake(CareDeliveredRepository care, TransactionTemplate tx, JsonMapper json) {
        this.care = care;
        this.tx = tx;
        this.json = json;
    }

    /** One record in its own transaction; throws the 400 naming every bad field. */
    public Answer record(CareRecord r) {
        r.check();
        return tx.execute(s -> apply(r));
    }

    /**
     * A batch in one transaction, in array order, each record with exactly {@link #record}'s rules. A record that
     * cannot be read or fails {@link CareRecord#check()} gets a 422 result, stores nothing and stops no other.
     *
     * <p>Set-based for the common case, a bulk submission's first versions: every valid record whose id occurs
     * once in the batch is offered to one multi-row insert ({@code on conflict do nothing returning} the ids it
     * stored), their versions are kept with one insert and their unbillable reasons read with one query. Only the
     * rest — ids billing already has, and ids repeated within the batch (all their occurrences, in array order) —
     * take the single record's path, statement by statement. The two sets share no id, so applying the first set
     * before the second gives the same result as array order.
     */
    public List<Result> recordAll(List<JsonNode> items) {
        int n = items.size();
        Result[] results = new Result[n];
        CareRecord[] records = new CareRecord[n];
        Map<UUID, Integer> occurrences = new HashMap<>();
        for (int i = 0; i < n; i++) {
            try {
                CareRecord r = read(items.get(i));
                r.check();
                records[i] = r;
                occurrences.merge(r.uuid(), 1, Integer::sum);
            } catch (InvalidRequestException e) {
                results[i] = Result.invalid(e.problems());
            }
        }
        tx.executeWithoutResult(s -> {
            List<CareRecord> once = new ArrayList<>();
            for (CareRecord r : records) {
                if (r != null && occurrences.get(r.uuid()) == 1) {
                    once.add(r);
                }
            }
            Set<UUID> stored = new HashSet<>(care.insertAllIfNew(once));
            List<CareRecord> recorded = once.stream().filter(r -> stored.contains(r.uuid())).toList();
            care.keepVersions(recorded);
            Map<UUID, String> reasons = care.unbillableReasons(stored);
            for (int i = 0; i < n; i++) {
                CareRecord r = records[i];
                if (r == null) {
                    continue;
                }
                if (occurrences.get(r.uuid()) == 1 && stored.contains(r.uuid())) {
                    String reason = reasons.get(r.uuid());
                    results[i] = Result.of(new Answer(r.hoursEntryId(), r.version(), r.status(), Outcome.RECORDED,
                            reason == null && !"VOID".equals(r.status()), reason));
                } else {
                    results[i] = Result.of(apply(r));
                }
            }
        });
        return List.of(results);
    }

    /** One checked record, in the caller's transaction. */
    private Answer apply(CareRecord request) {
        Outcome outcome;
        String status = request.status();
        int version = request.version();
        if (care.insertIfNew(request)) {
            outcome = Outcome.RECORDED;
        } else {
            CareDeliveredRepository.Stored stored = care.lock(request.uuid());
            if (request.version() <= stored.version()) {
                outcome = Outcome.REPLAY;
                version = stored.version();
                status = stored.status();
            } else {
                care.replace(request);
                outcome = "VOID".equals(request.status()) ? Outcome.VOIDED : Outcome.AMENDED;
            }
        }
        care.keepVersion(request);
        String reason = care.unbillableReason(request.uuid()).orElse(null);
        return new Answer(request.hoursEntryId(), version, status, outcome, reason == null && !"VOID".equals(status),
                reason);
    }

    /** One item of a batch as a record; an item that is not one is refused with the field Jackson names. */
    private CareRecord read(JsonNode item) {
        if (item == null || !item.isObject()) {
            throw InvalidRequestException.of("item", "must be a care record (a JSON object)");
        }
        try {
            return json.treeToValue(item, CareRecord.class);
        } catch (JacksonException e) {
            String field = e.getPath().isEmpty() ? "item" : String.valueOf(e.getPath().get(0).getPropertyName());
            String message = e.getOriginalMessage();
            int nl = message == null ? -1 : message.indexOf('\n');
            throw InvalidRequestException.of(field, "cannot be read: " + (nl > 0 ? message.substring(0, nl) : message));
        }
    }
}
