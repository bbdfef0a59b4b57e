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

    /** Chart of accounts: 1200 Bank - current account. */
    public static final String BANK = "1200";

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

    /** Where a credit note finds the invoice's payable. */
    public enum CreditEffect { PAYABLE_REDUCED, REFUND_DUE }

    /**
     * Takes a credit note off the invoice's payable while it is still open: what is left is paid by the next
     * payment run (nothing left: CREDITED, never paid). Once in a payment run or paid, the payable stays as it is
     * and the supplier owes us the credit as a refund. Call with the payable's team locked.
     */
    public CreditEffect credit(UUID invoiceId, BigDecimal amount) {
        // Locked, so a payment run starting now either takes the reduced amount or leaves this a refund.
        var payable = jdbc.sql("select status, amount from payable where invoice_id = ? for update").param(invoiceId)
                .query((java.sql.ResultSet rs, int n) -> new Object[] {rs.getString(1), rs.getBigDecimal(2)}).single();
        if (!"OPEN".equals(payable[0])) {
            return CreditEffect.REFUND_DUE;
        }
        BigDecimal left = ((BigDecimal) payable[1]).subtract(amount);
        if (left.signum() < 0) {
            // The caller never credits more than is left of the invoice, and the payable is exactly that.
            throw new IllegalStateException("credit of " + amount + " exceeds the open payable of invoice " + invoiceId);
        }
        jdbc.sql("update payable set amount = ?, credited = credited + ?, status = ? where invoice_id = ?")
                .params(left, amount, left.signum() == 0 ? "CREDITED" : "OPEN", invoiceId).update();
        return CreditEffect.PAYABLE_REDUCED;
    }

    /**
     * The journal of a supplier credit note against a matched invoice: the invoice's journal in reverse for the
     * credited amount (Dr 2100 trade creditors / Cr the expense accounts), once per credit note. When the invoice
     * was already paid, the debit on 2100 is the supplier's debt to us until the refund arrives.
     */
    public void creditJournal(UUID creditNoteId, String creditNoteNumber, String invoiceNumber, UUID supplierId,
            String supplierName, String team, BigDecimal amount, LocalDate date, List<Share> shares) {
        BigDecimal credits = shares.stream().map(Share::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        if (credits.compareTo(amount) != 0) {
            throw new IllegalStateException("journal for credit note " + creditNoteId + " would not balance");
        }
        Map<String, Object> dims = Map.of("supplier", supplierId.toString());
        List<Map<String, Object>> lines = new ArrayList<>();
        lines.add(Map.of("account", TRADE_CREDITORS, "debit", Money.format(amount), "team", team, "dimensions", dims));
        for (Share s : shares) {
            lines.add(Map.of("account", s.expenseAccount(), "credit", Money.format(s.amount()), "team", team,
                    "dimensions", dims));
        }
        String source = "supplier-credit-note:" + creditNoteId;
        outbox.enqueue("finance", "/api/finance/journals", source, journal(date, "Supplier credit note "
                + creditNoteNumber + " from " + supplierName + " against invoice " + invoiceNumber, source, lines));
    }

    /** The supplier refunded a credit note we had already paid: Dr 1200 bank / Cr 2100 trade creditors. */
    public void refundJournal(UUID creditNoteId, String creditNoteNumber, UUID supplierId, String supplierName,
            String team, BigDecimal amount, LocalDate date) {
        Map<String, Object> dims = Map.of("supplier", supplierId.toString());
        List<Map<String, Object>> lines = List.of(
                Map.of("account", BANK, "debit", Money.format(amount), "team", team, "dimensions", dims),
                Map.of("account", TRADE_CREDITORS, "credit", Money.format(amount), "team", team, "dimensions", dims));
        String source = "supplier-refund:" + creditNoteId;
        outbox.enqueue("finance", "/api/finance/journals", source, journal(date, "Refund of credit note "
                + creditNoteNumber + " from " + supplierName, source, lines));
    }

    private static Map<String, Object> journal(LocalDate date, String description, String source,
            List<Map<String, Object>> lines) {
        Map<String, Object> journal = new LinkedHashMap<>();
        journal.put("date", date.toString());
        journal.put("description", description);
        journal.put("source", "procurement");
        journal.put("sourceDocumentId", source);
        journal.put("lines", lines);
        return journal;
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
