package care.backoffice.payroll.pensions;

import care.backoffice.support.problem.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A run's pension contributions as CSV for the scheme's upload: one row per colleague with a contribution. The
 * employee column is what was taken from pay (under relief at source, 80% of the gross contribution; the scheme
 * claims the 20% from HMRC).
 */
@RestController
@RequestMapping("/api/payroll/runs/{id}")
@Tag(name = "Payroll runs")
public class PensionCsvController {

    private final JdbcClient jdbc;

    public PensionCsvController(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @GetMapping(value = "/pension.csv", produces = "text/csv")
    @Operation(summary = "Pension contributions of a completed or finalised run, as CSV (back office)")
    @PreAuthorize("hasRole('back-office')")
    public ResponseEntity<String> csv(@PathVariable UUID id) {
        String[] run = jdbc.sql("select status, period, pay_date::text from payroll_run where id = ?").param(id)
                .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)}).optional()
                .orElseThrow(() -> ApiException.notFound("payroll run " + id));
        if (!run[0].equals("COMPLETED") && !run[0].equals("FINALISED")) {
            throw ApiException.conflict("Payroll run " + id + " is " + run[0]);
        }
        StringBuilder csv = new StringBuilder(
                "employee_id,ni_number,family_name,given_name,pay_date,gross_pay,employee_contribution,employer_contribution\r\n");
        jdbc.sql("""
                select e.id, e.ni_number, e.family_name, e.given_name, s.gross_pay, s.pension_employee, s.pension_employer
                from payslip s join employee e on e.id = s.employee_id
                where s.run_id = ? and (s.pension_employee > 0 or s.pension_employer > 0)
                order by e.family_name, e.given_name, e.id""").param(id)
                .query(rs -> {
                    csv.append(rs.getString(1)).append(',').append(rs.getString(2)).append(',')
                            .append(field(rs.getString(3))).append(',').append(field(rs.getString(4))).append(',')
                            .append(run[2]).append(',').append(rs.getBigDecimal(5).toPlainString()).append(',')
                            .append(rs.getBigDecimal(6).toPlainString()).append(',')
                            .append(rs.getBigDecimal(7).toPlainString()).append("\r\n");
                });
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"payroll-" + run[1] + "-pension.csv\"")
                .contentType(MediaType.parseMediaType("text/csv")).body(csv.toString());
    }

    /** RFC 4180: quoted, inner quotes doubled (names may hold apostrophes and, in principle, commas). */
    static String field(String s) {
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }
}
