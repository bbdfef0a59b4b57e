package care.backoffice.payroll.maternity;

import care.backoffice.payroll.engine.MaternityPay;
import care.backoffice.support.idempotency.IdempotentRequests;
import care.backoffice.support.problem.ApiException;
import care.backoffice.support.problem.Problems;
import care.backoffice.support.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Maternity leave, recorded by the back office from the colleague's MATB1: the runs pay SMP for it (engine
 * {@link MaternityPay} and {@code StatutoryPayCalculator}) and no salary for its days. Whether she qualifies by her
 * employment is said at once; whether her earnings reach the LEL only when the run knows her paydays.
 */
@RestController
@RequestMapping("/api/payroll/members/{id}/maternity-leave")
@Tag(name = "Team members")
public class MaternityLeaveController {

    private static final Pattern MONEY = Pattern.compile("\\d{1,7}(\\.\\d{1,2})?");

    /**
     * {@code expectedWeekOfChildbirth}: the Sunday that starts it; {@code startDate}: the first day of the maternity pay
     * period; {@code lastDay}: of the leave (default 52 weeks); {@code averageWeeklyEarnings}: only when her paydays
     * before the qualifying week are not in this payroll.
     */
    public record NewLeave(String expectedWeekOfChildbirth, String startDate, String lastDay,
            String averageWeeklyEarnings) {}

    public record Leave(UUID id, UUID employeeId, LocalDate expectedWeekOfChildbirth, LocalDate startDate,
            LocalDate lastDay, LocalDate payPeriodLastDay, LocalDate qualifyingWeekEnds,
            BigDecimal averageWeeklyEarnings, boolean smpByEmployment, String smpReason) {}

    private final JdbcClient jdbc;
    private final IdempotentRequests idempotent;

    public MaternityLeaveController(JdbcClient jdbc, IdempotentRequests idempotent) {
        this.jdbc = jdbc;
        this.idempotent = idempotent;
    }

    @PostMapping
    @Operation(summary = "Record maternity leave and the SMP it brings (back office); accepts an Idempotency-Key",
            description = "400 for bad fields (the EWC is given by its Sunday; the pay period starts no earlier than the "
                    + "11th week before it; the leave lasts at most 52 weeks); 409 when it overlaps leave on record; "
                    + "422 when a run that pays her already covers its first day (record what is owed as an "
                    + "adjustment). The answer says whether she qualifies for SMP by her employment.")
    @PreAuthorize("hasRole('back-office')")
    public ResponseEntity<?> record(@PathVariable UUID id,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
            @RequestBody(required = false) NewLeave body) {
        NewLeave b = body == null ? new NewLeave(null, null, null, null) : body;
        Problems p = new Problems();
        LocalDate ewc = p.date("expectedWeekOfChildbirth", b.expectedWeekOfChildbirth(), true);
        LocalDate start = p.date("startDate", b.startDate(), true);
        LocalDate last = p.date("lastDay", b.lastDay(), false);
        if (ewc != null) {
            p.require(MaternityPay.isWeekStart(ewc), "expectedWeekOfChildbirth", "must be the Sunday that starts the week");
        }
        if (ewc != null && start != null && MaternityPay.isWeekStart(ewc)) {
            p.require(!start.isBefore(MaternityPay.earliestStart(ewc)), "startDate",
                    "must be no earlier than " + MaternityPay.earliestStart(ewc) + ", the 11th week before the EWC");
        }
        if (start != null && last == null) {
            // Ordinary and additional maternity leave: 52 weeks.
            last = start.plusWeeks(52).minusDays(1);
        }
        if (start != null) {
            p.require(!last.isBefore(start) && !last.isAfter(start.plusWeeks(52).minusDays(1)), "lastDay",
                    "must be from the start date to 52 weeks after it");
        }
        BigDecimal awe = null;
        if (b.averageWeeklyEarnings() != null) {
            if (MONEY.matcher(b.averageWeeklyEarnings().strip()).matches()) {
                awe = new BigDecimal(b.averageWeeklyEarnings().strip()).setScale(2);
            } else {
                p.add("averageWeeklyEarnings", "must be pounds with at most 2 decimals, e.g. \"450.00\"");
            }
        }
        p.throwIfAny();
        String by = CurrentUser.get().name();
        LocalDate lastDay = last;
        BigDecimal earnings = awe;
        return idempotent.once("POST /api/payroll/members/" + id + "/maternity-leave", idempotencyKey, b, () -> {
            LocalDate employed = jdbc.sql("select start_date from employee where id = ? for update").param(id)
                    .query(LocalDate.class).optional().orElseThrow(() -> ApiException.notFound("employee " + id));
            boolean overlaps = jdbc.sql("""
                    select count(*) from maternity_leave where employee_id = ? and pay_period_start <= ? and last_day >= ?""")
                    .params(id, lastDay, start).query(Long.class).single() > 0;
            if (overlaps) {
                throw ApiException.conflict("Maternity leave on record overlaps " + start + " to " + lastDay);
            }
            List<String> paid = jdbc.sql("""
                    select r.period || ' (' || r.status || ')' from payslip s join payroll_run r on r.id = s.run_id
                    where s.employee_id = ? and r.status <> 'ROLLED_BACK' and r.period_end >= ? order by r.period_end""")
                    .params(id, start).query(String.class).list();
            if (!paid.isEmpty()) {
                Problems late = new Problems();
                late.add("startDate", "is in a period her pay is already worked out for: " + String.join(", ", paid)
                        + "; roll back a run that is not finalised, or pay what is owed as an adjustment");
                late.throwIfAny(422, "Her pay for the start date is already worked out");
            }
            UUID leave = UUID.randomUUID();
            jdbc.sql("""
                    insert into maternity_leave (id, employee_id, expected_week, pay_period_start, last_day,
                        average_weekly_earnings, created_by) values (?, ?, ?, ?, ?, ?, ?)""")
                    .params(leave, id, ewc, start, lastDay, earnings, by).update();
            boolean employedLongEnough = MaternityPay.longEnoughEmployed(employed, ewc);
            return ResponseEntity.created(URI.create("/api/payroll/members/" + id + "/maternity-leave"))
                    .body(new Leave(leave, id, ewc, start, lastDay, MaternityPay.lastDay(start),
                            MaternityPay.qualifyingWeekEnd(ewc), earnings, employedLongEnough,
                            employedLongEnough ? null : "not employed for 26 weeks into the qualifying week (started "
                                    + employed + "): no SMP; she may claim Maternity Allowance (give her form SMP1)"));
        });
    }

    @GetMapping
    @Operation(summary = "Her maternity leave on record (back office)")
    @PreAuthorize("hasRole('back-office')")
    public List<Leave> list(@PathVariable UUID id) {
        return jdbc.sql("""
                select m.id, m.employee_id, m.expected_week, m.pay_period_start, m.last_day, m.average_weekly_earnings,
                       e.start_date
                from maternity_leave m join employee e on e.id = m.employee_id where m.employee_id = ?
                order by m.pay_period_start""").param(id)
                .query((rs, n) -> {
                    LocalDate ewc = rs.getObject(3, LocalDate.class);
                    LocalDate start = rs.getObject(4, LocalDate.class);
                    boolean ok = MaternityPay.longEnoughEmployed(rs.getObject(7, LocalDate.class), ewc);
                    return new Leave(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), ewc, start,
                            rs.getObject(5, LocalDate.class), MaternityPay.lastDay(start),
                            MaternityPay.qualifyingWeekEnd(ewc), rs.getBigDecimal(6), ok,
                            ok ? null : "not employed for 26 weeks into the qualifying week");
                })
                .list();
    }
}
