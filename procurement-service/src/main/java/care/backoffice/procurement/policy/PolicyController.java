package care.backoffice.procurement.policy;

import care.backoffice.procurement.shared.Money;
import care.backoffice.procurement.suppliers.SupplierRepository;
import care.backoffice.support.problem.ApiException;
import care.backoffice.support.problem.InvalidRequestException;
import care.backoffice.support.security.CurrentUser;
import care.backoffice.support.security.Roles;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Each team sets its own policy; spending is public inside the organisation, so everyone may read it. */
@RestController
@RequestMapping("/api/procurement/teams/{team}/policy")
public class PolicyController {

    private final PolicyRepository policies;
    private final SupplierRepository suppliers;

    public PolicyController(PolicyRepository policies, SupplierRepository suppliers) {
        this.policies = policies;
        this.suppliers = suppliers;
    }

    @GetMapping
    @PreAuthorize("hasAnyRole('team-member','back-office','finance')")
    public Map<String, Object> current(@PathVariable String team) {
        checkTeamCode(team);
        return view(policies.find(team).orElseThrow(() -> ApiException.notFound("A policy for team " + team)));
    }

    /** Only colleagues of this very team change its policy: not another team, not the back office. */
    @PutMapping
    @PreAuthorize("hasRole('team-member')")
    @Transactional
    public Map<String, Object> change(@PathVariable String team, @RequestBody PolicyRequest request) {
        checkTeamCode(team);
        CurrentUser user = CurrentUser.get();
        if (!user.has(Roles.TEAM_MEMBER) || !user.isMemberOf(team)) {
            throw new AccessDeniedException("only members of team " + team + " change its policy");
        }
        PolicyRules.Checked checked = PolicyRules.check(request, id -> suppliers.find(id).isPresent());
        return view(policies.save(team, checked, user.name()));
    }

    @GetMapping("/history")
    @PreAuthorize("hasAnyRole('team-member','back-office','finance')")
    public List<Map<String, Object>> history(@PathVariable String team) {
        checkTeamCode(team);
        return policies.history(team).stream().map(PolicyController::view).toList();
    }

    static void checkTeamCode(String team) {
        if (!team.matches("[a-z0-9][a-z0-9-]{0,63}")) {
            throw InvalidRequestException.of("team", "is not a team code like team-arnhem-noord");
        }
    }

    public static Map<String, Object> view(TeamPolicy p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("team", p.team());
        m.put("yearlyBudget", Money.format(p.yearlyBudget()));
        m.put("splitByMonth", p.splitByMonth());
        m.put("adviceThreshold", Money.format(p.adviceThreshold()));
        m.put("perOrderCap", Money.format(p.perOrderCap()));
        m.put("approvedSupplierIds", p.approvedSupplierIds());
        m.put("version", p.version());
        m.put("changedBy", p.changedBy());
        m.put("changedAt", p.changedAt());
        return m;
    }
}
