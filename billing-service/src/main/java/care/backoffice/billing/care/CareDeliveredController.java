package care.backoffice.billing.care;

import care.backoffice.billing.care.CareDeliveredIntake.Answer;
import care.backoffice.billing.care.CareDeliveredIntake.Result;
import care.backoffice.support.problem.InvalidRequestException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@RestController
@RequestMapping("/api/billing/care-delivered")
@Tag(name = "Care delivered", description = "Visits passed on by payroll-service from the hours teams submit")
public class CareDeliveredController {

    private final CareDeliveredIntake intake;
    private final CareDeliveredRepository care;

    public CareDeliveredController(CareDeliveredIntake intake, CareDeliveredRepository care) {
        this.intake = intake;
        this.care = care;
    }

    /**
     * Idempotent on hoursEntryId + version, so payroll's outbox may deliver the same record any number of
     * times. Care for a client billing does not know is stored all the same and reported as unbillable: care
     * that was given is never dropped for a missing master record.
     */
    @PostMapping
    @Operation(summary = "Record, amend (higher version) or void a visit; 201 when new, 200 otherwise "
            + "(outcome AMENDED, VOIDED or REPLAY for an equal or lower version, which changes nothing)")
    @PreAuthorize("hasRole('service-payroll')")
    public ResponseEntity<Answer> record(@RequestBody CareRecord request) {
        Answer answer = intake.record(request);
        return ResponseEntity.status(answer.outcome() == CareDeliveredIntake.Outcome.RECORDED ? 201 : 200).body(answer);
    }

    /**
     * Many visits in one request and one transaction (payroll's outbox relay sends them 500 at a time), each with
     * exactly the single endpoint's rules, applied in array order.
     */
    @PostMapping("/batch")
    @Operation(summary = "Record, amend or void up to " + CareDeliveredIntake.MAX_BATCH + " visits in one transaction, "
            + "in array order, each exactly as POST /api/billing/care-delivered would",
            description = "Answers 200 with one result per record in the order posted: status 201 (RECORDED) or 200 "
                    + "(AMENDED, VOIDED, REPLAY) with the single endpoint's answer, or 422 with the problem naming "
                    + "every bad field of a record that is not valid; such a record stores nothing and does not stop "
                    + "the others. A body that is not a JSON array, or holds more than "
                    + CareDeliveredIntake.MAX_BATCH + " records, is refused with 400 and stores nothing.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    mediaType = "application/json", array = @ArraySchema(maxItems = CareDeliveredIntake.MAX_BATCH,
                            schema = @Schema(implementation = CareRecord.class)))))
    @ApiResponse(responseCode = "200", description = "one result per record, in order", content = @Content(
            mediaType = "application/json", array = @ArraySchema(schema = @Schema(implementation = Result.class))))
    @ApiResponse(responseCode = "400", description = "not a JSON array, or more than "
            + CareDeliveredIntake.MAX_BATCH + " records; nothing stored",
            content = @Content(mediaType = "application/problem+json"))
    @PreAuthorize("hasRole('service-payroll')")
    public List<Result> recordAll(@RequestBody JsonNode records) {
        if (records == null || !records.isArray()) {
            throw InvalidRequestException.of("body", "must be a JSON array of care records");
        }
        if (records.size() > CareDeliveredIntake.MAX_BATCH) {
            throw InvalidRequestException.of("body", "holds " + records.size() + " care records; at most "
                    + CareDeliveredIntake.MAX_BATCH + " are taken in one request");
        }
        List<JsonNode> items = new ArrayList<>(records.size());
        records.forEach(items::add);
        return intake.recordAll(items);
    }

    @GetMapping("/unbillable")
    @Operation(summary = "Care that cannot be charged yet (unknown client, no funding or price on the day), to fix")
    @PreAuthorize("hasAnyRole('back-office','finance')")
    public List<CareDeliveredRepository.Unbillable> unbillable() {
        return care.unbillable();
    }
}
