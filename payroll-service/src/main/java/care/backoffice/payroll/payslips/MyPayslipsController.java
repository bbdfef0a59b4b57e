package care.backoffice.payroll.payslips;

import care.backoffice.support.problem.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * A colleague's own payslips: those of finalised runs only (a run that may still be rolled back is not pay yet).
 * The colleague is found by their login, which payroll created for them at onboarding.
 */
@RestController
@RequestMapping("/api/payroll/me/payslips")
@Tag(name = "Payslips")
public class MyPayslipsController {

    private final JdbcClient jdbc;
    private final PayslipController payslips;

    public MyPayslipsController(JdbcClient jdbc, PayslipController payslips) {
        this.jdbc = jdbc;
        this.payslips = payslips;
    }

    @GetMapping
    @Operation(summary = "My payslips, newest first (team members)")
    @PreAuthorize("hasRole('team-member')")
    public List<PayslipController.Mine> mine() {
        UUID me = payslips.me();
        return jdbc.sql("""
                select r.id, r.period, r.pay_date, s.gross_pay, s.net_pay
                from payslip s join payroll_run r on r.id = s.run_id
                where s.employee_id = ? and r.status = 'FINALISED' order by r.pay_date desc""").param(me)
                .query((rs, n) -> new PayslipController.Mine(rs.getObject(1, UUID.class), rs.getString(2),
                        rs.getObject(3, LocalDate.class), rs.getBigDecimal(4), rs.getBigDecimal(5)))
                .list();
    }

    @GetMapping(value = "/{runId}.pdf", produces = "application/pdf")
    @Operation(summary = "One of my payslips as PDF (team members; finalised runs only)")
    @PreAuthorize("hasRole('team-member')")
    public ResponseEntity<StreamingResponseBody> pdf(@PathVariable UUID runId) {
        UUID me = payslips.me();
        boolean finalised = jdbc.sql("select count(*) from payroll_run where id = ? and status = 'FINALISED'")
                .param(runId).query(Long.class).single() > 0;
        if (!finalised) {
            throw ApiException.notFound("a finalised payslip of yours in run " + runId);
        }
        return payslips.employeePdf(runId, me);
    }
}
