package care.backoffice.payroll.hours;

import care.backoffice.support.problem.Problems;
import care.backoffice.support.security.CurrentUser;
import care.backoffice.support.security.Roles;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A team's own hours: the entries of a period, and the period's statistics. */
@RestController
@RequestMapping("/api/payroll/teams/{team}/hours")
@Tag(name = "Hours")
public class TeamHoursController {

    /** A year and a day at most per request: enough for any statistic, small enough to answer in one go. */
    static final long MAX_DAYS = 366;

    /** One entry as the team sees it. */
    public record Entry(UUID id, UUID employeeId, LocalDate date, LocalTime start, int minutes, Activity activity,
            String clientId, String careType, int version, String status, String submittedBy, Instant submittedAt) {}

    private final JdbcClient jdbc;

    public TeamHoursController(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @GetMapping
    @Operation(summary = "The team's entries dated from..to (inclusive, at most 366 days), voided ones marked VOID")
    @PreAuthorize("hasAnyRole('team-member', 'back-office')")
    public List<Entry> entries(@PathVariable String team, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to) {
        LocalDate[] period = period(team, from, to);
        return jdbc.sql("""
                select id, employee_id, work_date, start_time, minutes, activity, client_id, care_type, version,
                       voided_at is not null, submitted_by, submitted_at
                from hours_entry where team_code = ? and work_date between ? and ?
                order by work_date, start_time, employee_id, id""")
                .params(team, period[0], period[1])
                .query((rs, n) -> new Entry(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        rs.getObject(3, LocalDate.class), rs.getObject(4, LocalTime.class), rs.getInt(5),
                        Activity.valueOf(rs.getString(6)), rs.getString(7), rs.getString(8), rs.getInt(9),
                        rs.getBoolean(10) ? "VOID" : "ACTIVE", rs.getString(11),
                        rs.getTimestamp(12).toInstant().truncatedTo(ChronoUnit.MICROS)))
                .list();
    }

    @GetMapping("/summary")
    @Operation(summary = "The team's hours from..to by activity and by person, and the share of worked time that "
            + "was care (leave is not worked time). Statistics for the team itself; voided entries do not count.")
    @PreAuthorize("hasAnyRole('team-member', 'back-office')")
    public TeamHours summary(@PathVariable String team, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to) {
        LocalDate[] period = period(team, from, to);
        List<TeamHours.Row> rows = jdbc.sql("""
                select h.employee_id, e.given_name, e.family_name, h.activity, sum(h.minutes)
                from hours_entry h join employee e on e.id = h.employee_id
                where h.team_code = ? and h.work_date between ? and ? and h.voided_at is null
                group by h.employee_id, e.given_name, e.family_name, h.activity
                order by e.family_name, e.given_name, h.employee_id, h.activity""")
                .params(team, period[0], period[1])
                .query((rs, n) -> new TeamHours.Row(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        Activity.valueOf(rs.getString(4)), rs.getLong(5)))
                .list();
        return TeamHours.of(team, period[0], period[1], rows);
    }

    private static LocalDate[] period(String team, String from, String to) {
        CurrentUser user = CurrentUser.get();
        if (!(user.has(Roles.BACK_OFFICE) || (user.has(Roles.TEAM_MEMBER) && user.isMemberOf(team)))) {
            throw new AccessDeniedException("not a member of team " + team);
        }
        Problems p = new Problems();
        LocalDate f = date(p, "from", from);
        LocalDate t = date(p, "to", to);
        if (f != null && t != null) {
            if (t.isBefore(f)) {
                p.add("to", "is before from");
            } else if (ChronoUnit.DAYS.between(f, t) >= MAX_DAYS) {
                p.add("to", "is more than " + MAX_DAYS + " days after from: ask for a shorter period");
            }
        }
        p.throwIfAny();
        return new LocalDate[] {f, t};
    }

    private static LocalDate date(Problems p, String field, String value) {
        if (value == null || value.isBlank()) {
            p.add(field, "is required (YYYY-MM-DD)");
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
