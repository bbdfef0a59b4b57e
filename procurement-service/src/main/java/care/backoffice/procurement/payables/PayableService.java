package care.backoffice.procurement.payables;

import care.backoffice.procurement.shared.Money;
import care.backoffice.support.outbox.Outbox;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Turns a matched invoice into a payable and hands its journal to finance-service through the outbox, in the
 * same transaction: Dr the expense account of each category (by team) / Cr trade creditors (2100).
 */
@Service
public class PayableService {

    /** Chart of accounts: 2100 Trade creditors control (purchase ledger). */
    public static final String TRADE_CREDITORS = "2100";

    /** One category's share of an invoice. */
    public record Share(String category, String expenseAccount, BigDecimal amount) {}

    private final JdbcClient jdbc;
    private final Outbox outbox;

    public PayableService(JdbcClient jdbc, Outbox outbox) {
        this.jdbc = jdbc;
        this.outbox = outbox;
    }

    public UUID create(UUID invoiceId, String invoiceNumber, String orderNumber, UUID supplierId, String supplierName,
            String team, BigDecimal amount, LocalDate dueDate, LocalDate postingDate, List<Share> shares) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                insert into payable (id, invoice_id, supplier_id, team, amount, due_date, status, created_at)
                values (?, ?, ?, ?, ?, ?, 'OPEN', ?)""")
                .params(id, invoiceId, supplierId, team, amount, dueDate, OffsetDateTime.now()).update();
        for (Share s : shares) {
            jdbc.sql("insert into payable_line (payable_id, category, expense_account, amount) values (?, ?, ?, ?)")
                    .params(id, s.category(), s.expenseAccount(), s.amount()).update();
        }
        outbox.enqueue("finance", "/api/finance/journals", "supplier-invoice:" + invoiceId,
                journal(invoiceId, invoiceNumber, orderNumber, supplierId, supplierName, team, amount, postingDate,
                        shares));
        return id;
    }

    /**
     * The journal finance receives. Its source document is the supplier invoice, so finance posts it once even
     * if the outbox delivers it twice. Balanced by construction: the shares add up to the amount.
     */
    static Map<String, Object> journal(UUID invoiceId, String invoiceNumber, String orderNumber, UUID supplierId,
            String supplierName, String team, BigDecimal amount, LocalDate date, List<Share> shares) {
        BigDecimal debits = shares.stream().map(Share::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        if (debits.compareTo(amount) != 0) {
            throw new IllegalStateException("journal for invoice " + invoiceId + " would not balance");
        }
        Map<String, Object> dims = Map.of("supplier", supplierId.toString());
        List<Map<String, Object>> lines = new ArrayList<>();
        for (Share s : shares) {
            lines.add(Map.of("account", s.expenseAccount(), "debit", Money.format(s.amount()), "team", team,
                    "dimensions", dims));
        }
        lines.add(Map.of("account", TRADE_CREDITORS, "credit", Money.format(amount), "team", team, "dimensions", dims));
        Map<String, Object> journal = new LinkedHashMap<>();
        journal.put("date", date.toString());
        journal.put("description", "Supplier invoice " + invoiceNumber + " from " + supplierName + " for order "
                + orderNumber);
        journal.put("source", "procurement");
        journal.put("sourceDocumentId", "supplier-invoice:" + invoiceId);
        journal.put("lines", lines);
        return journal;
    }
}
