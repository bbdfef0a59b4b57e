package care.backoffice.payroll.payments;

import care.backoffice.support.problem.ApiException;
import care.backoffice.support.problem.InvalidRequestException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
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

/** The net pay of a run as a Bacs Standard 18 file, for the back office to submit through the bank's channel. */
@RestController
@RequestMapping("/api/payroll/runs/{id}")
@Tag(name = "Payroll runs")
public class PaymentFileController {

    private final JdbcClient jdbc;
    private final BacsStandard18.Originator originator;
    private final String serviceUserNumber;
    private final java.time.Clock clock;

    public PaymentFileController(JdbcClient jdbc, @Value("${payroll.bank.sort-code}") String sortCode,
            @Value("${payroll.bank.account-number}") String accountNumber,
            @Value("${payroll.bank.account-name}") String accountName,
            @Value("${payroll.bank.service-user-number}") String serviceUserNumber,
            java.util.Optional<java.time.Clock> clock) {
        this.jdbc = jdbc;
        this.originator = new BacsStandard18.Originator(sortCode, accountNumber, accountName);
        this.serviceUserNumber = serviceUserNumber;
        this.clock = clock.orElse(java.time.Clock.system(java.time.ZoneId.of("Europe/London")));
    }

    @GetMapping(value = "/bacs", produces = MediaType.TEXT_PLAIN_VALUE)
    @Operation(summary = "Net pay as a Bacs Standard 18 file: labels, one credit per colleague, the contra, and the "
            + "trailer labels with the totals (completed or finalised runs; back office). labels=false gives the "
            + "records alone, for submission software that adds its own. Headers X-Bacs-Credits, X-Bacs-Total and "
            + "X-Bacs-Processing-Day.")
    @PreAuthorize("hasRole('back-office')")
    public ResponseEntity<String> bacs(@PathVariable UUID id,
            @org.springframework.web.bind.annotation.RequestParam(defaultValue = "true") boolean labels) {
        Payable p = payable(id);
        java.time.LocalDate processingDay = BacsStandard18.processingDayFor(p.payDate());
        // The volume serial names the file to the bank: the run's first 6 characters, unique enough per submission.
        BacsStandard18.File file = labels
                ? BacsStandard18.writeFile(originator, new BacsStandard18.Labels(serviceUserNumber,
                        id.toString().substring(0, 6), java.time.LocalDate.now(clock), processingDay), p.credits(), "CONTRA")
                : BacsStandard18.write(originator, p.credits(), "CONTRA");
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"payroll-" + p.period() + "-bacs.txt\"")
                .header("X-Bacs-Credits", Integer.toString(file.credits()))
                .header("X-Bacs-Total", file.total().toPlainString())
                .header("X-Bacs-Processing-Day", processingDay.toString())
                .contentType(MediaType.TEXT_PLAIN).body(file.content());
    }

    @GetMapping(value = "/pain001.xml", produces = MediaType.APPLICATION_XML_VALUE)
    @Operation(summary = "Net pay as an ISO 20022 pain.001.001.03 credit transfer, executed on the pay date (back office)")
    @PreAuthorize("hasRole('back-office')")
    public ResponseEntity<String> pain001(@PathVariable UUID id) {
        Payable p = payable(id);
        String xml = Pain001.write("PAYROLL-" + p.period() + "-" + id.toString().substring(0, 8).toUpperCase(),
                java.time.OffsetDateTime.now(java.time.ZoneId.of("Europe/London")), p.payDate(), originator, p.credits());
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"payroll-" + p.period() + "-pain001.xml\"")
                .contentType(MediaType.APPLICATION_XML).body(xml);
    }

    private record Payable(String period, java.time.LocalDate payDate, List<BacsStandard18.Credit> credits) {}

    /** Who is paid what in a completed or finalised run; every colleague paid must have a bank account. */
    private Payable payable(UUID id) {
        Object[] run = jdbc.sql("select status, period, pay_date from payroll_run where id = ?").param(id)
                .query((rs, n) -> new Object[] {rs.getString(1), rs.getString(2), rs.getObject(3, java.time.LocalDate.class)})
                .optional().orElseThrow(() -> ApiException.notFound("payroll run " + id));
        if (!run[0].equals("COMPLETED") && !run[0].equals("FINALISED")) {
            throw ApiException.conflict("Payroll run " + id + " is " + run[0] + ": there is nothing to pay yet");
        }
        record Row(UUID employee, String sort, String account, String name, BigDecimal net) {}
        List<Row> rows = jdbc.sql("""
                select e.id, e.sort_code, e.account_number, e.account_name, s.net_pay
                from payslip s join employee e on e.id = s.employee_id
                where s.run_id = ? and s.net_pay > 0 order by e.family_name, e.given_name, e.id""").param(id)
                .query((rs, n) -> new Row(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getBigDecimal(5)))
                .list();
        List<InvalidRequestException.FieldProblem> missing = new ArrayList<>();
        List<BacsStandard18.Credit> credits = new ArrayList<>();
        for (Row r : rows) {
            if (r.sort() == null || r.account() == null) {
                missing.add(new InvalidRequestException.FieldProblem("employee " + r.employee(),
                        "has no bank account on record: add it before paying"));
            } else {
                credits.add(new BacsStandard18.Credit(r.sort(), r.account(), r.name(), "PAY " + run[1], r.net()));
            }
        }
        if (!missing.isEmpty()) {
            throw new InvalidRequestException(422, "Colleagues without bank details", missing);
        }
        return new Payable((String) run[1], (java.time.LocalDate) run[2], credits);
    }
}
