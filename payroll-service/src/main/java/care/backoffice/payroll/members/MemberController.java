package care.backoffice.payroll.members;

import care.backoffice.payroll.engine.TaxYears;
import care.backoffice.support.idempotency.IdempotentRequests;
import care.backoffice.support.problem.ApiException;
import care.backoffice.support.problem.InvalidRequestException;
import care.backoffice.support.problem.Problems;
import care.backoffice.support.security.CurrentUser;
import care.backoffice.support.security.Roles;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Teams hire without asking anyone: a team member adds a colleague to their own team; the back office may add
 * to any team. The colleague's Keycloak login is created at once if Keycloak answers, otherwise by a retry
 * ({@link LoginRetry}); the answer says which. Employee records hold personal data, so finance and service
 * accounts have no access here.
 */
@RestController
@RequestMapping("/api/payroll/teams/{team}/members")
@Tag(name = "Team members")
public class MemberController {

    private static final Logger log = LoggerFactory.getLogger(MemberController.class);
    /** Team codes are Keycloak group names such as {@code team-arnhem-noord}. */
    private static final Pattern TEAM = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    /** A leaving date, as the team reports it. */
    public record Leaving(String leavingDate) {}

    private final MemberRepository members;
    private final IdempotentRequests idempotent;
    private final KeycloakLogins logins;
    private final TransactionTemplate tx;
    private final JdbcClient jdbc;
    private final Clock clock;

    public MemberController(MemberRepository members, IdempotentRequests idempotent, KeycloakLogins logins,
            TransactionTemplate tx, JdbcClient jdbc, Optional<Clock> clock) {
        this.members = members;
        this.idempotent = idempotent;
        this.logins = logins;
        this.tx = tx;
        this.jdbc = jdbc;
        this.clock = clock.orElse(Clock.system(LONDON));
    }

    @PostMapping
    @Operation(summary = "Add a colleague to a team (team members of that team, or the back office)",
            description = "Name, date of birth, NI number, address, bank account, starter declaration (A/B/C → first "
                    + "tax code and basis), student loan plans, pay agreement (annualSalary + contractedWeeklyHours, "
                    + "or hourlyRate), pension (ENROLLED/OPTED_OUT). The answer's login.status is CREATED when the "
                    + "Keycloak login exists in the team's group, PENDING when Keycloak could not be reached (it is "
                    + "retried until created). Accepts an Idempotency-Key header: a replay returns the first answer, "
                    + "the same key with another body is a 409.")
    @PreAuthorize("hasAnyRole('team-member', 'back-office')")
    public ResponseEntity<?> add(@PathVariable String team,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
            @RequestBody(required = false) MemberRequest body) {
        CurrentUser user = requireTeamOrBackOffice(team);
        MemberRequest req = body == null ? MemberRequest.empty() : body;
        LocalDate today = LocalDate.now(clock.withZone(LONDON));
        String emergency = TaxYears.forDate(today).map(y -> y.incomeTax().emergencyCode()).orElse("1257L");
        Member member = Onboarding.validate(team, req, user.name(), MemberRepository.now(), today, emergency);
        return idempotent.once("POST /api/payroll/teams/" + team + "/members", idempotencyKey, req, () -> {
            if (members.currentEmployeeWithNiNumber(member.niNumber())) {
                throw ApiException.conflict("A current employee already has this NI number");
            }
            try {
                members.insert(member);
            } catch (DuplicateKeyException e) {
                throw ApiException.conflict("A current employee already has this NI number");
            }
            Member saved = member.withLogin(createLogin(member));
            return ResponseEntity.created(URI.create("/api/payroll/teams/" + team + "/members/" + member.id()))
                    .body(saved);
        });
    }

    /**
     * Tries Keycloak once, inside the transaction that saves the colleague (after the insert, so a colleague that
     * cannot be saved never gets a login). If Keycloak is unreachable the colleague is saved all the same with a
     * pending login, which {@link LoginRetry} creates later.
     */
    private Member.Login createLogin(Member m) {
        try {
            String userId = logins.create(LoginRetry.newLogin(m.login().username(), m.givenName(), m.familyName(),
                    m.details().email(), m.team()));
            members.loginCreated(m.id(), userId);
            return new Member.Login("CREATED", m.login().username());
        } catch (KeycloakLogins.Unavailable e) {
            log.warn("Login for employee {} not created yet, will retry: {}", m.id(), e.getMessage());
            members.loginPending(m.id(), e.getMessage());
            return new Member.Login("PENDING", m.login().username());
        }
    }

    @GetMapping
    @Operation(summary = "The team's members (own team only; the back office sees any team)")
    @PreAuthorize("hasAnyRole('team-member', 'back-office')")
    public List<Member> list(@PathVariable String team) {
        CurrentUser user = requireTeamOrBackOffice(team);
        List<Member> found = members.inTeam(team);
        return user.has(Roles.BACK_OFFICE) ? found : found.stream().map(Member::forColleague).toList();
    }

    @PostMapping("/{id}/leaving")
    @Operation(summary = "Record that a colleague leaves on a date (team members of that team, or the back office). "
            + "Their final pay is in the next payroll run; hours after the leaving date are refused from then on.")
    @PreAuthorize("hasAnyRole('team-member', 'back-office')")
    public Member leaving(@PathVariable String team, @PathVariable UUID id, @RequestBody(required = false) Leaving body) {
        CurrentUser user = requireTeamOrBackOffice(team);
        Problems p = new Problems();
        LocalDate date = Onboarding.date(p, "leavingDate", body == null ? null : body.leavingDate());
        p.throwIfAny();
        return tx.execute(s -> {
            if (!members.lock(id)) {
                throw ApiException.notFound("employee " + id);
            }
            Member m = members.find(id).filter(x -> x.team().equals(team))
                    .orElseThrow(() -> ApiException.notFound("employee " + id + " in team " + team));
            if (m.leavingDate() != null) {
                throw ApiException.conflict("The colleague's leaving date " + m.leavingDate() + " is already recorded");
            }
            if (date.isBefore(m.startDate())) {
                throw InvalidRequestException.of("leavingDate", "is before the start date " + m.startDate());
            }
            Long later = jdbc.sql("""
                    select count(*) from hours_entry where employee_id = ? and work_date > ? and voided_at is null""")
                    .params(id, date).query(Long.class).single();
            if (later > 0) {
                throw new InvalidRequestException(422, "Hours after the leaving date", List.of(
                        new InvalidRequestException.FieldProblem("leavingDate", later + " submitted hours entries are "
                                + "dated after it: void or move them first")));
            }
            members.recordLeaving(id, date, user.name(), MemberRepository.now());
            return members.find(id).orElseThrow();
        });
    }

    private static CurrentUser requireTeamOrBackOffice(String team) {
        CurrentUser user = CurrentUser.get();
        if (user.has(Roles.BACK_OFFICE) || (user.has(Roles.TEAM_MEMBER) && user.isMemberOf(team))) {
            if (!TEAM.matcher(team).matches()) {
                throw InvalidRequestException.of("team", "is not a team code");
            }
            return user;
        }
        throw new AccessDeniedException("not a member of team " + team);
    }
}
