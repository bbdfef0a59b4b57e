package care.backoffice.billing.statistics;

import care.backoffice.support.problem.InvalidRequestException;
import care.backoffice.support.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Team statistics", description = "A team's own care hours and what still blocks charging them")
public class StatisticsController {

    private static final BigDecimal SIXTY = BigDecimal.valueOf(60);
    private final JdbcClient jdbc;

    public StatisticsController(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @GetMapping("/api/billing/teams/{team}/statistics")
    @Operation(summary = "Care hours delivered and charged in a month, and the unbillable care records to fix")
    @PreAuthorize("hasAnyRole('team-member','back-office','finance')")
    public TeamStatistics statistics(@PathVariable String team, @RequestParam(required = false) String month) {
        CurrentUser.get().requireTeamOrBackOffice(team);
        YearMonth ym = parseMonth(month);
        var from = ym.atDay(1);
        var to = ym.atEndOfMonth();
        Totals totals = jdbc.sql("""
                select count(*) filter (where c.status = 'ACTIVE') as records,
                       coalesce(sum(c.minutes) filter (where c.status = 'ACTIVE'), 0) as delivered,
                       coalesce(sum(o.billable_minutes), 0) as charged
                from care_delivered c left join care_charge o on o.hours_entry_id = c.hours_entry_id
                where c.team = ? and c.care_date between ? and ?""")
                .params(team, from, to).query(Totals.class).single();
        List<TeamStatistics.UnbillableItem> unbillable = jdbc.sql("""
                select hours_entry_id, care_date, client_id, care_type, minutes, unbillable_reason
                from care_billing_basis
                where team = ? and care_date between ? and ? and status = 'ACTIVE' and unbillable_reason is not null
                order by care_date, start_time, hours_entry_id""")
                .params(team, from, to)
                .query((rs, n) -> new TeamStatistics.UnbillableItem(rs.getObject(1, java.util.UUID.class),
                        rs.getObject(2, java.time.LocalDate.class), rs.getString(3), rs.getString(4), rs.getInt(5),
                        rs.getString(6)))
                .list();
        return new TeamStatistics(team, ym.toString(), hours(totals.delivered()), hours(totals.charged()),
                (int) totals.records(), unbillable.size(), unbillable);
    }

    record Totals(long records, long delivered, long charged) {}

    /** Hours shown to two decimals, rounded half-up: a reading aid, never used to charge anything. */
    private static BigDecimal hours(long minutes) {
        return BigDecimal.valueOf(minutes).divide(SIXTY, 2, RoundingMode.HALF_UP);
    }

    private static YearMonth parseMonth(String month) {
        if (month == null || month.isBlank()) {
            throw InvalidRequestException.of("month", "is required, as YYYY-MM");
        }
        try {
            return YearMonth.parse(month);
        } catch (DateTimeParseException e) {
            throw InvalidRequestException.of("month", "must be a month as YYYY-MM, e.g. 2026-10");
        }
    }
}
