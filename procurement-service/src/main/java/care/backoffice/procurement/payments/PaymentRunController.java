package care.backoffice.procurement.payments;

import care.backoffice.procurement.shared.Money;
import care.backoffice.support.idempotency.IdempotentRequests;
import care.backoffice.support.problem.ApiException;
import care.backoffice.support.problem.InvalidRequestException;
import care.backoffice.support.security.CurrentUser;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
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
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** The back office pays every open payable due by a date in one Bacs Standard 18 file. */
@RestController
public class PaymentRunController {

    public record PaymentRunRequest(String paymentDate) {}

    record Due(UUID id, BigDecimal amount, String invoiceNumber, String sortCode, String accountNumber,
            String bankAccountName) {}

    /** Chart of accounts: 1200 Bank - current account; 2100 Trade creditors control. */
    static final String BANK = "1200";
    static final String TRADE_CREDITORS = "2100";

    private final JdbcClient jdbc;
    private final IdempotentRequests idempotent;
    private final care.backoffice.support.outbox.Outbox outbox;
    private final BacsStandard18.Originator originator;

    public PaymentRunController(JdbcClient jdbc, IdempotentRequests idempotent,
            care.backoffice.support.outbox.Outbox outbox,
            @Value("${procurement.payments.sort-code}") String sortCode,
            @Value("${procurement.payments.account-number}") String accountNumber,
            @Value("${procurement.payments.account-name}") String accountName) {
        this.jdbc = jdbc;
        this.idempotent = idempotent;
        this.outbox = outbox;
        this.originator = new BacsStandard18.Originator(sortCode, accountNumber, accountName);
    }

    @PostMapping("/api/procurement/payment-runs")
    @PreAuthorize("hasRole('back-office')")
    public ResponseEntity<?> run(@RequestBody PaymentRunRequest request,
            @RequestHeader(name = "Idempotency-Key", required = false) String key) {
        LocalDate date;
        try {
            date = LocalDate.parse(request.paymentDate());
        } catch (DateTimeParseException | NullPointerException e) {
            throw InvalidRequestException.of("paymentDate", "is required as YYYY-MM-DD");
        }
        String who = CurrentUser.get().name();
        return idempotent.once("payment-run", key, request, () -> {
            // Locked so that two runs at once never pay the same payable twice.
            List<Due> due = jdbc.sql("""
                    select p.id, p.amount, i.invoice_number, s.sort_code, s.account_number, s.bank_account_name
                    from payable p join supplier_invoice i on i.id = p.invoice_id join supplier s on s.id = p.supplier_id
                    where p.status = 'OPEN' and p.due_date <= ? order by s.name, p.due_date, p.id
                    for update of p skip locked""").param(date).query(Due.class).list();
            if (due.isEmpty()) {
                throw new ApiException(422, "Nothing to pay", "No open payable is due by " + date);
            }
            String file = BacsStandard18.write(originator, due.stream().map(d -> new BacsStandard18.Payment(
                    d.sortCode(), d.accountNumber(), d.bankAccountName(), d.invoiceNumber(), d.amount())).toList());
            UUID id = UUID.randomUUID();
            BigDecimal total = due.stream().map(Due::amount).reduce(Money.ZERO, BigDecimal::add);
            jdbc.sql("""
                    insert into payment_run (id, payment_date, payable_count, total, bacs_file, created_by, created_at)
                    values (?, ?, ?, ?, ?, ?, ?)""")
                    .params(id, date, due.size(), total, file, who, OffsetDateTime.now()).update();
            jdbc.sql("update payable set status = 'IN_PAYMENT_RUN', payment_run_id = ? where id = any(?)")
                    .params(id, due.stream().map(Due::id).toArray(UUID[]::new)).update();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("id", id);
            body.put("paymentDate", date.toString());
            body.put("payables", due.size());
            body.put("total", Money.format(total));
            body.put("file", "/api/procurement/payment-runs/" + id + "/bacs");
            return ResponseEntity.status(201).body(body);
        });
    }

    /**
     * The bank confirmed the Bacs submission: the run's payables are PAID and finance gets the payment journal
     * (Dr 2100 trade creditors / Cr 1200 bank, per team, dated the payment date) through the outbox. Confirming
     * twice changes nothing the second time.
     */
    @PostMapping("/api/procurement/payment-runs/{id}/paid")
    @PreAuthorize("hasRole('back-office')")
    @org.springframework.transaction.annotation.Transactional
    public Map<String, Object> paid(@PathVariable UUID id) {
        LocalDate date = jdbc.sql("select payment_date from payment_run where id = ? for update").param(id)
                .query(LocalDate.class).optional().orElseThrow(() -> ApiException.notFound("Payment run " + id));
        int updated = jdbc.sql("update payment_run set paid_confirmed_by = ?, paid_confirmed_at = now() "
                + "where id = ? and paid_confirmed_at is null").params(CurrentUser.get().name(), id).update();
        if (updated == 1) {
            jdbc.sql("update payable set status = 'PAID' where payment_run_id = ?").param(id).update();
            List<Map<String, Object>> lines = new java.util.ArrayList<>();
            jdbc.sql("select team, sum(amount) from payable where payment_run_id = ? group by team order by team")
                    .param(id).query((ResultSet rs, int n) -> {
                        String amount = Money.format(rs.getBigDecimal(2));
                        lines.add(Map.of("account", TRADE_CREDITORS, "debit", amount, "team", rs.getString(1)));
                        lines.add(Map.of("account", BANK, "credit", amount, "team", rs.getString(1)));
                        return null;
                    }).list();
            Map<String, Object> journal = new LinkedHashMap<>();
            journal.put("date", date.toString());
            journal.put("description", "Supplier payment run " + id + " (Bacs)");
            journal.put("source", "procurement");
            journal.put("sourceDocumentId", "payment-run:" + id);
            journal.put("lines", lines);
            outbox.enqueue("finance", "/api/finance/journals", "payment-run:" + id, journal);
        }
        return Map.of("id", id, "status", "PAID", "paymentDate", date.toString());
    }

    @GetMapping("/api/procurement/payment-runs/{id}/bacs")
    @PreAuthorize("hasAnyRole('back-office','finance')")
    public ResponseEntity<String> file(@PathVariable UUID id) {
        String file = jdbc.sql("select bacs_file from payment_run where id = ?").param(id)
                .query((ResultSet rs, int n) -> rs.getString(1)).optional()
                .orElseThrow(() -> ApiException.notFound("Payment run " + id));
        return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"payment-run-" + id + ".bacs18.txt\"")
                .body(file);
    }
}
