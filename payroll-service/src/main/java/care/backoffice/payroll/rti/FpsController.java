package care.backoffice.payroll.rti;

import care.backoffice.payroll.engine.PensionCalculator;
import care.backoffice.support.problem.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/** The run's Full Payment Submission XML, for the back office to submit (completed or finalised runs). */
@RestController
@RequestMapping("/api/payroll/runs/{id}")
@Tag(name = "Payroll runs")
public class FpsController {

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final FullPaymentSubmission.Employer employer;
    private final PensionCalculator.Scheme scheme;

    public FpsController(JdbcClient jdbc, JsonMapper json, PensionCalculator.Scheme scheme,
            @Value("${payroll.hmrc.office-number}") String office, @Value("${payroll.hmrc.paye-reference}") String paye,
            @Value("${payroll.hmrc.accounts-office-reference}") String accountsOffice) {
        this.jdbc = jdbc;
        this.json = json;
        this.scheme = scheme;
        this.employer = new FullPaymentSubmission.Employer(office, paye, accountsOffice);
    }

    @GetMapping(value = "/fps.xml", produces = MediaType.APPLICATION_XML_VALUE)
    @Operation(summary = "The RTI Full Payment Submission body for the run (back office); no envelope or IRmark yet")
    @PreAuthorize("hasRole('back-office')")
    public ResponseEntity<String> fps(@PathVariable UUID id) {
        Object[] run = jdbc.sql("""
                select status, tax_year, tax_month, pay_date, period_start, period_end, period, pay_frequency, tax_week
                from payroll_run where id = ?""")
                .param(id).query((rs, n) -> new Object[] {rs.getString(1), rs.getString(2), rs.getInt(3),
                        rs.getObject(4, LocalDate.class), rs.getObject(5, LocalDate.class), rs.getObject(6, LocalDate.class),
                        rs.getString(7), rs.getString(8), (Integer) rs.getObject(9)})
                .optional().orElseThrow(() -> ApiException.notFound("payroll run " + id));
        if (!"COMPLETED".equals(run[0]) && !"FINALISED".equals(run[0])) {
            throw ApiException.conflict("Payroll run " + id + " is " + run[0]);
        }
        LocalDate periodStart = (LocalDate) run[4];
        LocalDate periodEnd = (LocalDate) run[5];
        boolean netPayArrangement = scheme.arrangement() == PensionCalculator.Arrangement.NET_PAY;
        List<FullPaymentSubmission.Employee> employees = jdbc.sql("""
                select e.ni_number, e.given_name, e.family_name, e.address_line1, e.address_line2, e.address_line3,
                       e.address_line4, e.postcode, e.date_of_birth, e.id, e.start_date, e.starter_declaration,
                       e.leaving_date, a.kind, a.contracted_weekly_hours, s.tax_code, s.non_cumulative, s.taxable_pay,
                       s.net_pay, s.pension_employee, s.student_loan_plan, s.student_loan, s.postgraduate_loan, s.tax,
                       s.ni_category, s.niable_pay, s.employee_ni, s.employer_ni, s.year_to_date::text,
                       t.student_loan_plans, s.not_taxed_payments, s.deductions_from_net_pay
                from payslip s join employee e on e.id = s.employee_id
                left join lateral (select * from pay_agreement a where a.employee_id = e.id and a.effective_from <= ?
                                   order by a.effective_from desc limit 1) a on true
                left join lateral (select * from tax_setting t where t.employee_id = e.id order by t.effective_from, t.id
                                   limit 1) t on true
                where s.run_id = ? order by e.family_name, e.given_name, e.id""")
                .params(periodEnd, id)
                .query((rs, n) -> {
                    List<String> lines = new ArrayList<>();
                    for (int i = 4; i <= 7; i++) {
                        if (rs.getString(i) != null) {
                            lines.add(rs.getString(i));
                        }
                    }
                    LocalDate start = rs.getObject(11, LocalDate.class);
                    LocalDate leaving = rs.getObject(13, LocalDate.class);
                    boolean starter = !start.isBefore(periodStart);
                    BigDecimal pension = rs.getBigDecimal(20);
                    BigDecimal zero = BigDecimal.ZERO.setScale(2);
                    BigDecimal notTaxed = rs.getBigDecimal(31);
                    BigDecimal fromNet = rs.getBigDecimal(32);
                    // Pay after statutory deductions is net pay before the voluntary deductions (relief-at-source
                    // pension, deductions from net pay) and without the expenses added after tax.
                    BigDecimal afterStatutory = rs.getBigDecimal(19).add(pension).add(fromNet).subtract(notTaxed);
                    return new FullPaymentSubmission.Employee(rs.getString(1), rs.getString(2), rs.getString(3), lines,
                            rs.getString(8), rs.getObject(9, LocalDate.class),
                            rs.getObject(10, UUID.class).toString().replace("-", ""),
                            starter ? start : null, starter ? rs.getString(12) : null,
                            starter && rs.getString(30) != null && !rs.getString(30).isBlank(),
                            leaving != null && !leaving.isAfter(periodEnd) ? leaving : null,
                            hoursBand(rs.getString(14), rs.getBigDecimal(15)), rs.getString(16), rs.getBoolean(17),
                            rs.getBigDecimal(18), afterStatutory,
                            netPayArrangement ? pension : zero, netPayArrangement ? zero : pension,
                            rs.getString(21), rs.getBigDecimal(22), rs.getBigDecimal(23), rs.getBigDecimal(24),
                            rs.getString(25), rs.getBigDecimal(26) == null ? zero : rs.getBigDecimal(26),
                            rs.getBigDecimal(27), rs.getBigDecimal(28), ytd(rs.getString(29)), notTaxed, fromNet);
                })
                .list();
        String xml = FullPaymentSubmission.write(employer,
                new FullPaymentSubmission.Run((String) run[1], (Integer) run[2], (LocalDate) run[3], (String) run[7],
                        (Integer) run[8]), employees);
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"payroll-" + run[6] + "-fps.xml\"")
                .contentType(MediaType.APPLICATION_XML).body(xml);
    }

    /** HMRC's bands of normal weekly hours: A under 16, B 16–23.99, C 24–29.99, D 30 or more, E other (no contract). */
    static String hoursBand(String kind, BigDecimal weekly) {
        if (!"SALARIED".equals(kind) || weekly == null) {
            return "E";
        }
        if (weekly.compareTo(BigDecimal.valueOf(16)) < 0) {
            return "A";
        }
        if (weekly.compareTo(BigDecimal.valueOf(24)) < 0) {
            return "B";
        }
        return weekly.compareTo(BigDecimal.valueOf(30)) < 0 ? "C" : "D";
    }

    private Map<String, BigDecimal> ytd(String text) {
        Map<String, BigDecimal> out = new HashMap<>();
        json.readTree(text).properties().forEach(e -> out.put(e.getKey(), new BigDecimal(e.getValue().asString())));
        return out;
    }
}
