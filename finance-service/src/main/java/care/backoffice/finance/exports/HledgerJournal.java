package care.backoffice.finance.exports;

import care.backoffice.finance.accounts.Account;
import care.backoffice.finance.money.Money;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * Writes the ledger in hledger's journal format, so that any accountant can recompute every statement
 * with a tool they trust. Accounts are named {@code <type>:<code>[:<team>]} and declared with their
 * hledger account type (A, C for cash, L, E, R, X), which is what hledger's {@code bs} and {@code is} use.
 */
public final class HledgerJournal {

    private final Writer out;
    private long currentJournal = -1;

    public HledgerJournal(Writer out) {
        this.out = out;
    }

    public void header(List<Account> accounts) throws IOException {
        out.write("; General ledger exported by finance-service. Amounts in GBP; accounts <type>:<code>[:<team>].\n");
        out.write("decimal-mark .\ncommodity GBP 1000.00\n\n");
        for (Account a : accounts) {
            out.write("account " + root(a) + ":" + a.code() + "  ; type: " + hledgerType(a) + ", name: "
                    + clean(a.name()) + "\n");
        }
        out.write('\n');
    }

    /** Lines must arrive grouped by journal, in line order. */
    public void line(long number, LocalDate date, String description, String source, String documentId, UUID id,
            Account account, String team, BigDecimal debit, BigDecimal credit) throws IOException {
        if (number != currentJournal) {
            out.write('\n');
            out.write(date + " (" + number + ") " + clean(description) + "  ; source:" + source + ", document:"
                    + clean(documentId).replace(',', ' ') + ", journal:" + id + "\n");
            currentJournal = number;
        }
        String name = root(account) + ":" + account.code() + (team == null || team.isEmpty() ? "" : ":" + team);
        BigDecimal amount = debit.subtract(credit);
        out.write("    " + name + "  GBP " + Money.format(amount) + "\n");
    }

    static String root(Account a) {
        return switch (a.type()) {
            case "ASSET" -> "assets";
            case "LIABILITY" -> "liabilities";
            case "EQUITY" -> "equity";
            case "INCOME" -> "revenues";
            default -> "expenses";
        };
    }

    static String hledgerType(Account a) {
        return switch (a.type()) {
            case "ASSET" -> "CASH".equals(a.cashFlowClass()) ? "C" : "A";
            case "LIABILITY" -> "L";
            case "EQUITY" -> "E";
            case "INCOME" -> "R";
            default -> "X";
        };
    }

    /** One line, no comment marker: a ';' would start a comment and end the description early. */
    static String clean(String s) {
        return s == null ? "" : s.replace('\n', ' ').replace('\r', ' ').replace(';', ',');
    }
}
