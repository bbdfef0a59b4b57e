package care.backoffice.finance.teams;

import care.backoffice.finance.statements.StatementQueries;
import care.backoffice.finance.statements.TeamStatistics;
import care.backoffice.support.problem.InvalidRequestException;
import care.backoffice.support.problem.Problems;
import care.backoffice.support.security.CurrentUser;
import care.backoffice.support.security.Roles;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/finance/teams")
@Tag(name = "Team statistics")
public class TeamStatisticsController {

    private final StatementQueries queries;

    public TeamStatisticsController(StatementQueries queries) {
        this.queries = queries;
    }

    @GetMapping("/{team}/statistics")
    @PreAuthorize("hasAnyRole('team-member','finance')")
    @Operation(summary = "A team's income, staff costs, other spend and result for months from..to (yyyy-MM)",
            description = "A team member sees only their own team (another team: 403); finance sees every team.")
    public TeamStatistics statistics(@PathVariable String team, @RequestParam String from, @RequestParam String to) {
        CurrentUser user = CurrentUser.get();
        // Stricter than requireTeamOrBackOffice: the issue gives team figures to the team and to finance only.
        if (!user.has(Roles.FINANCE) && !(user.has(Roles.TEAM_MEMBER) && user.isMemberOf(team))) {
            throw new AccessDeniedException("not a member of team " + team);
        }
        Problems p = new Problems();
        YearMonth f = month("from", from, p);
        YearMonth t = month("to", to, p);
        p.throwIfAny();
        if (t.isBefore(f)) {
            throw InvalidRequestException.of("to", "must not be before from");
        }
        return TeamStatistics.build(team, from, to, queries.movements(f, t, team), queries.chart());
    }

    private static YearMonth month(String field, String value, Problems p) {
        try {
            return YearMonth.parse(value);
        } catch (DateTimeParseException e) {
            p.add(field, "is not a month in the form yyyy-MM: " + value);
            return null;
        }
    }
}
