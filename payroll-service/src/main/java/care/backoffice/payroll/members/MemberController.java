package care.backoffice.payroll.members;

import care.backoffice.support.idempotency.IdempotentRequests;
import care.backoffice.support.problem.ApiException;
import care.backoffice.support.problem.Problems;
import care.backoffice.support.security.CurrentUser;
import care.backoffice.support.security.Roles;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Teams hire without asking anyone: a team member adds a colleague to their own team; the back office may add
 * to any team. Employee records hold personal data, so finance and service accounts have no access here.
 */
@RestController
@RequestMapping("/api/payroll/teams/{team}/members")
@Tag(name = "Team members")
public class MemberController {

    /** Team codes are Keycloak group names such as {@code team-arnhem-noord}. */
    private static final Pattern TEAM = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    /** Letters (any script), spaces, hyphens and apostrophes; FPS names are at most 35 characters. */
    private static final Pattern NAME = Pattern.compile("[\\p{L}][\\p{L} '\\-]{0,34}");
    /** Nobody younger than this on their first day (the school-leaving age in every UK nation). */
    private static final int MINIMUM_AGE = 16;

    private final MemberRepository members;
    private final IdempotentRequests idempotent;

    public MemberController(MemberRepository members, IdempotentRequests idempotent) {
        this.members = members;
        this.idempotent = idempotent;
    }

    @PostMapping
    @Operation(summary = "Add a colleague to a team (team members of that team, or the back office)",
            description = "Accepts an Idempotency-Key header: a replay returns the first answer, the same key "
                    + "with another body is a 409.")
    @PreAuthorize("hasAnyRole('team-member', 'back-office')")
    public ResponseEntity<?> add(@PathVariable String team,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
            @RequestBody(required = false) MemberRequest body) {
        CurrentUser user = requireTeamOrBackOffice(team);
        MemberRequest req = body == null ? new MemberRequest(null, null, null, null, null) : body;
        Member member = validate(team, req, user.name());
        return idempotent.once("POST /api/payroll/teams/" + team + "/members", idempotencyKey, req, () -> {
            if (members.currentEmployeeWithNiNumber(member.niNumber())) {
                throw ApiException.conflict("A current employee already has this NI number");
            }
            try {
                members.insert(member);
            } catch (DuplicateKeyException e) {
                throw ApiException.conflict("A current employee already has this NI number");
            }
            return ResponseEntity.created(URI.create("/api/payroll/teams/" + team + "/members/" + member.id()))
                    .body(member);
        });
    }

    @GetMapping
    @Operation(summary = "The team's members (own team only; the back office sees any team)")
    @PreAuthorize("hasAnyRole('team-member', 'back-office')")
    public List<Member> list(@PathVariable String team) {
        CurrentUser user = requireTeamOrBackOffice(team);
        List<Member> found = members.inTeam(team);
        return user.has(Roles.BACK_OFFICE) ? found : found.stream().map(Member::forColleague).toList();
    }

    private static CurrentUser requireTeamOrBackOffice(String team) {
        CurrentUser user = CurrentUser.get();
        if (user.has(Roles.BACK_OFFICE) || (user.has(Roles.TEAM_MEMBER) && user.isMemberOf(team))) {
            if (!TEAM.matcher(team).matches()) {
                throw care.backoffice.support.problem.InvalidRequestException.of("team", "is not a team code");
            }
            return user;
        }
        throw new AccessDeniedException("not a member of team " + team);
    }

    private static Member validate(String team, MemberRequest r, String createdBy) {
        Problems p = new Problems();
        name(p, "givenName", r.givenName());
        name(p, "familyName", r.familyName());
        LocalDate dob = date(p, "dateOfBirth", r.dateOfBirth());
        LocalDate start = date(p, "startDate", r.startDate());
        String ni = null;
        if (r.niNumber() == null || r.niNumber().isBlank()) {
            p.add("niNumber", "is required");
        } else {
            ni = NiNumber.parse(r.niNumber()).orElse(null);
            p.require(ni != null, "niNumber", "is not a valid National Insurance number (two letters, six digits, A–D, e.g. AB123456C)");
        }
        if (dob != null && dob.isAfter(LocalDate.now())) {
            p.add("dateOfBirth", "is in the future");
        } else if (dob != null && start != null && dob.plusYears(MINIMUM_AGE).isAfter(start)) {
            p.add("dateOfBirth", "makes the colleague younger than " + MINIMUM_AGE + " on the start date");
        }
        p.throwIfAny();
        return new Member(UUID.randomUUID(), team, r.givenName().strip(), r.familyName().strip(), dob, start, ni,
                createdBy, MemberRepository.now());
    }

    private static void name(Problems p, String field, String value) {
        if (value == null || value.isBlank()) {
            p.add(field, "is required");
        } else if (!NAME.matcher(value.strip()).matches()) {
            p.add(field, "must be at most 35 letters, spaces, hyphens or apostrophes, starting with a letter");
        }
    }

    private static LocalDate date(Problems p, String field, String value) {
        if (value == null || value.isBlank()) {
            p.add(field, "is required");
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            p.add(field, "is not a date in the form YYYY-MM-DD");
            return null;
        }
    }
}
