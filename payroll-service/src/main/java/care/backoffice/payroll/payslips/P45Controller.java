package care.backoffice.payroll.payslips;

import care.backoffice.support.problem.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The figures a leaver's P45 carries (parts 1A/2/3): leaving date, the tax code and basis in use at the last
 * payment, its tax year and period, and pay and tax to date in this employment, from the leaver's last payslip in a
 * finalised run. The P45 form itself (and the FPS leaving date) come from these figures.
 */
@RestController
@RequestMapping("/api/payroll/members/{id}/p45")
@Tag(name = "Team members")
public class P45Controller {

    public record P45(UUID employeeId, String niNumber, String familyName, String givenName, LocalDate leavingDate,
            String taxYear, int lastPaidTaxMonth, LocalDate lastPayDate, String taxCode, boolean nonCumulative,
            BigDecimal payToDate, BigDecimal taxToDate, boolean studentLoanDeductionsContinue) {}

    private final JdbcClient jdbc;
    private final JsonMapper json;

    public P45Controller(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @GetMapping
    @Operation(summary = "P45 figures of a leaver, from their last finalised payslip (back office)")
    @PreAuthorize("hasRole('back-office')")
    public P45 p45(@PathVariable UUID id) {
        return jdbc.sql("""
                select e.id, e.ni_number, e.family_name, e.given_name, e.leaving_date, r.tax_year, r.tax_month,
                       r.pay_date, s.tax_code, s.non_cumulative, s.year_to_date::text, s.student_loan_plan
                from employee e join payslip s on s.employee_id = e.id join payroll_run r on r.id = s.run_id
                where e.id = ? and e.leaving_date is not null and r.status = 'FINALISED'
                order by r.pay_date desc limit 1""").param(id)
                .query((rs, n) -> {
                    JsonNode ytd = json.readTree(rs.getString(11));
                    return new P45(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getObject(5, LocalDate.class), rs.getString(6), rs.getInt(7),
                            rs.getObject(8, LocalDate.class), rs.getString(9), rs.getBoolean(10),
                            new BigDecimal(ytd.get("taxablePay").asString()), new BigDecimal(ytd.get("tax").asString()),
                            rs.getString(12) != null);
                })
                .optional()
                .orElseThrow(() -> ApiException.notFound("a leaver with a finalised payslip: employee " + id));
    }
}
