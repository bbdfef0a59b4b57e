package care.backoffice.payroll.payslips;

import care.backoffice.support.problem.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A run's payslips as PDF: one colleague's, or all of them in one file (back office). */
@RestController
@RequestMapping("/api/payroll/runs/{id}")
@Tag(name = "Payroll runs")
public class PayslipController {

    /** The year-to-date figures a payslip shows, in the engine's YearToDate names. */
    private static final String[][] YTD = {{"grossPay", "Gross pay"}, {"taxablePay", "Taxable pay"}, {"tax", "Tax"},
            {"employeeNi", "National Insurance"}, {"studentLoan", "Student loan"},
            {"postgraduateLoan", "Postgraduate loan"}, {"employeePensionFromNetPay", "Pension (from net pay)"},
            {"employeePensionBeforeTax", "Pension (before tax)"}, {"netPay", "Net pay"}};

    private final JdbcClient jdbc;
    /** Fetches 200 rows at a time (PostgreSQL uses a cursor only inside a transaction with a fetch size). */
    private final JdbcClient cursor;
    private final TransactionTemplate readOnly;
    private final JsonMapper json;
    private final String organisation;

    public PayslipController(JdbcClient jdbc, DataSource dataSource, PlatformTransactionManager transactions,
            JsonMapper json, @Value("${payroll.organisation-name:Care back office}") String organisation) {
        this.jdbc = jdbc;
        JdbcTemplate fetching = new JdbcTemplate(dataSource);
        fetching.setFetchSize(200);
        this.cursor = JdbcClient.create(fetching);
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.json = json;
        this.organisation = organisation;
    }

    @GetMapping(value = "/payslips/{employeeId}.pdf", produces = MediaType.APPLICATION_PDF_VALUE)
    @Operation(summary = "One colleague's payslip of a run, as PDF (back office)")
    @PreAuthorize("hasRole('back-office')")
    public ResponseEntity<StreamingResponseBody> one(@PathVariable UUID id, @PathVariable UUID employeeId) {
        return employeePdf(id, employeeId);
    }

    ResponseEntity<StreamingResponseBody> employeePdf(UUID id, UUID employeeId) {
        boolean exists = jdbc.sql("select exists (select 1 from payslip where run_id = ? and employee_id = ?)")
                .params(id, employeeId).query(Boolean.class).single();
        if (!exists) {
            throw ApiException.notFound("payslip of employee " + employeeId + " in run " + id);
        }
        return pdf("payslip-" + employeeId + ".pdf", id, employeeId);
    }

    @GetMapping(value = "/payslips.pdf", produces = MediaType.APPLICATION_PDF_VALUE)
    @Operation(summary = "Every payslip of a run in one PDF, a page each (back office)")
    @PreAuthorize("hasRole('back-office')")
    public ResponseEntity<StreamingResponseBody> all(@PathVariable UUID id) {
        jdbc.sql("select id from payroll_run where id = ?").param(id).query(UUID.class).optional()
                .orElseThrow(() -> ApiException.notFound("payroll run " + id));
        return pdf("payslips-" + id + ".pdf", id, null);
    }

    /**
     * Pages are read from the database with a cursor and drawn one by one while the file is written: a run of
     * 15,000 colleagues held every page's figures in the heap at once (~60 MB) before, which with PDFBox's own
     * page tree did not fit in the 256 MB the service is sized for.
     */
    private ResponseEntity<StreamingResponseBody> pdf(String name, UUID runId, UUID employee) {
        return ResponseEntity.ok().header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "\"")
                .contentType(MediaType.APPLICATION_PDF).body(out -> readOnly.executeWithoutResult(status -> {
                    try (PayslipPdf.Document doc = PayslipPdf.open();
                            Stream<PayslipPdf.Page> pages = pages(runId, employee)) {
                        pages.forEach(doc::add);
                        doc.save(out);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }));
    }

    /** The caller's employee record: their Keycloak username is the login payroll created for them. */
    UUID me() {
        String username = care.backoffice.support.security.CurrentUser.get().name();
        return jdbc.sql("select id from employee where login_username = ? order by start_date desc limit 1")
                .param(username).query(UUID.class).optional()
                .orElseThrow(() -> ApiException.notFound("an employee whose login is " + username));
    }

    /** One line of a colleague's own payslip list. */
    public record Mine(UUID runId, String period, LocalDate payDate, BigDecimal grossPay, BigDecimal netPay) {}

    private Stream<PayslipPdf.Page> pages(UUID runId, UUID employee) {
        return cursor.sql("""
                select e.given_name || ' ' || e.family_name, e.ni_number, s.team_code, r.period, r.pay_date, r.tax_year,
                       case when r.pay_frequency = 'MONTHLY' then 'tax month ' || r.tax_month
                            else 'tax week ' || r.tax_week end, s.tax_code, s.non_cumulative, s.ni_category, s.lines::text, s.gross_pay,
                       s.gross_pay - s.net_pay + s.not_taxed_payments, s.net_pay, s.year_to_date::text
                from payslip s join employee e on e.id = s.employee_id join payroll_run r on r.id = s.run_id
                where s.run_id = ? and (?::uuid is null or s.employee_id = ?::uuid)
                order by s.team_code, e.family_name, e.given_name, e.id""")
                .params(runId, employee, employee)
                .query((rs, n) -> new PayslipPdf.Page(organisation, rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getObject(5, LocalDate.class), rs.getString(6), rs.getString(7),
                        rs.getString(8), rs.getBoolean(9), rs.getString(10), lines(rs.getString(11)),
                        rs.getBigDecimal(12), rs.getBigDecimal(13), rs.getBigDecimal(14), ytd(rs.getString(15))))
                .stream();
    }

    private List<PayslipPdf.Line> lines(String text) {
        List<PayslipPdf.Line> out = new ArrayList<>();
        for (JsonNode l : json.readTree(text)) {
            out.add(new PayslipPdf.Line(l.get("section").asString(), l.get("description").asString(),
                    new BigDecimal(l.get("amount").asString())));
        }
        return out;
    }

    private List<PayslipPdf.Line> ytd(String text) {
        JsonNode y = json.readTree(text);
        List<PayslipPdf.Line> out = new ArrayList<>();
        for (String[] f : YTD) {
            JsonNode v = y.get(f[0]);
            if (v != null && new BigDecimal(v.asString()).signum() != 0) {
                out.add(new PayslipPdf.Line("YTD", f[1], new BigDecimal(v.asString())));
            }
        }
        return out;
    }
}
