package care.backoffice.finance.exports;

import care.backoffice.finance.accounts.Account;
import care.backoffice.finance.accounts.AccountRepository;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

@RestController
@RequestMapping("/api/finance/exports")
@Tag(name = "Exports")
public class ExportController {

    private final AccountRepository accounts;
    private final JdbcTemplate cursor;
    private final TransactionTemplate readOnly;

    public ExportController(AccountRepository accounts, DataSource dataSource, PlatformTransactionManager tx) {
        this.accounts = accounts;
        // PostgreSQL streams rows with a cursor only inside a transaction and with a fetch size: the
        // export holds one batch of rows in memory, never the whole ledger.
        this.cursor = new JdbcTemplate(dataSource);
        this.cursor.setFetchSize(2000);
        this.readOnly = new TransactionTemplate(tx);
        this.readOnly.setReadOnly(true);
    }

    @GetMapping(value = "/hledger", produces = "text/plain")
    @PreAuthorize("hasRole('finance')")
    @Operation(summary = "The whole ledger in hledger journal format (streamed)",
            description = "Check any statement with e.g. `hledger -f ledger.journal bal`, `bs` or `is`.")
    public ResponseEntity<StreamingResponseBody> hledger() {
        Map<String, Account> chart = accounts.findAll().stream()
                .collect(Collectors.toMap(Account::code, Function.identity()));
        StreamingResponseBody body = out -> {
            BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
            HledgerJournal journal = new HledgerJournal(writer);
            journal.header(chart.values().stream().sorted(java.util.Comparator.comparing(Account::code)).toList());
            readOnly.executeWithoutResult(status -> cursor.query("""
                    select j.number, j.date, j.description, j.source, j.source_document_id, j.id,
                           l.account, l.team, l.debit, l.credit
                    from journal j join journal_line l on l.journal_id = j.id
                    order by j.number, l.line_no""", rs -> {
                try {
                    journal.line(rs.getLong(1), rs.getDate(2).toLocalDate(), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getObject(6, UUID.class), chart.get(rs.getString(7)), rs.getString(8),
                            rs.getBigDecimal(9), rs.getBigDecimal(10));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }));
            writer.flush();
        };
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"ledger.journal\"")
                .contentType(new MediaType("text", "plain", StandardCharsets.UTF_8)).body(body);
    }
}
