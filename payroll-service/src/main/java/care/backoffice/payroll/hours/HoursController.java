package care.backoffice.payroll.hours;

import care.backoffice.support.idempotency.IdempotentRequests;
import care.backoffice.support.problem.Problems;
import care.backoffice.support.security.CurrentUser;
import care.backoffice.support.security.Roles;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Hours are submitted once, in bulk, by the team: stored whole or not at all. Every rejected entry is named by
 * its index ({@code entries[3].minutes}) with the reason, in one answer.
 */
@RestController
@RequestMapping("/api/payroll/hours")
@Tag(name = "Hours")
public class HoursController {

    public static final int MAX_ENTRIES = 10_000;
    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    /** The stored entries' ids, in the order of the request. */
    public record Accepted(int accepted, List<UUID> ids) {}

    /** What the Idempotency-Key is checked against: the body's SHA-256, not the body (10,000 entries) itself. */
    record BodyDigest(String sha256) {}

    private final HoursReader reader;
    private final HoursRepository hours;
    private final IdempotentRequests idempotent;
    private final Clock clock;
    private final CareDeliveredHandOff billing;

    public HoursController(HoursReader reader, HoursRepository hours, IdempotentRequests idempotent,
            Optional<Clock> clock, CareDeliveredHandOff billing) {
        this.reader = reader;
        this.billing = billing;
        this.hours = hours;
        this.idempotent = idempotent;
        this.clock = clock.orElse(Clock.system(LONDON));
    }

    /**
     * The body is taken as bytes and read by {@link HoursReader} (streaming, into compact entries); its schema is
     * still {@link HoursRequest}, as the OpenAPI docs say.
     */
    @PostMapping(consumes = {MediaType.APPLICATION_JSON_VALUE, "application/*+json"})
    @Operation(summary = "Submit hours in bulk (up to 10,000 entries; all or nothing)",
            description = "A team member submits for the members of their own team; the back office for anyone. "
                    + "Rejected, naming the entry's index: unknown employee or not of your team, a date before the "
                    + "start or after the leaving date, a future date, minutes not in 1..1440, overlapping entries "
                    + "for the same person (in the request or already stored), CARE without clientId and careType, "
                    + "a date in a pay period already paid. Accepts Idempotency-Key.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = HoursRequest.class))))
    @PreAuthorize("hasAnyRole('team-member', 'back-office')")
    public ResponseEntity<?> submit(@RequestHeader(name = "Idempotency-Key", required = false) String key,
            @RequestBody(required = false) byte[] body) {
        CurrentUser user = CurrentUser.get();
        // A team member acts for their own team; the back office for every team.
        Optional<String> team = user.has(Roles.BACK_OFFICE) ? Optional.empty() : Optional.of(user.requireTeam());
        Problems problems = new Problems();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        List<HoursEntry> entries = reader.read(body, LocalDate.now(clock.withZone(LONDON)), problems);
        // Same key and the same bytes: the first answer again; same key, other bytes: 409.
        BodyDigest digest = key == null || key.isBlank() ? null : new BodyDigest(sha256(body));
        return idempotent.once("POST /api/payroll/hours", key, digest, () -> {
            Map<UUID, String> teams = IntakeRules.check(entries, team, hours, problems);
            problems.throwIfAny();
            UUID[] ids = EntryIds.next(entries.size());
            hours.insert(entries, ids, teams, user.name(), now);
            billing.submitted(entries, ids, teams);
            return ResponseEntity.status(201).body(new Accepted(ids.length, Arrays.asList(ids)));
        });
    }

    private static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
