package care.backoffice.finance.statements;

import care.backoffice.finance.accounts.Account;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Balance sheet in the Companies Act 2006 format 1 (SI 2008/410, Sch. 1), vertical form: net assets
 * above, capital and reserves below; they are equal when the ledger balances. Assets are shown
 * debit-positive, liabilities and capital credit-positive. The result of income and expense accounts
 * not yet closed to reserves is shown within the profit and loss account reserve (K.V).
 */
public record BalanceSheet(String at, List<Line> lines, BigDecimal netAssets, BigDecimal capitalAndReserves,
        boolean balances, List<TrialBalance.Line> memo) {

    public record Line(String key, String label, String kind, BigDecimal amount) {}

    enum Key {
        INTANGIBLE("B.I Intangible assets"), TANGIBLE("B.II Tangible assets"), FIXED_INVESTMENTS("B.III Investments"),
        STOCKS("C.I Stocks"), DEBTORS("C.II Debtors"), CURRENT_INVESTMENTS("C.III Investments"),
        CASH("C.IV Cash at bank and in hand"), SUSPENSE("Suspense and mispostings (must be nil)"),
        CREDITORS_SHORT("E. Creditors: amounts falling due within one year"),
        CREDITORS_LONG("H. Creditors: amounts falling due after more than one year"),
        PROVISIONS("I. Provisions for liabilities"),
        SHARE_CAPITAL("K.I Called up share capital"), REVALUATION("K.III Revaluation reserve"),
        PROFIT_AND_LOSS("K.V Profit and loss account"), FUNDS("Funds of the charity");

        final String label;

        Key(String label) {
            this.label = label;
        }

        boolean asset() {
            return ordinal() <= SUSPENSE.ordinal();
        }
    }

    static Key keyOf(Account a, Chart chart) {
        if (chart.isProfitAndLoss(a.code())) {
            return Key.PROFIT_AND_LOSS;
        }
        String l = a.statutoryLine() == null ? "" : a.statutoryLine();
        if (l.startsWith("B.I ")) return Key.INTANGIBLE;
        if (l.startsWith("B.II ")) return Key.TANGIBLE;
        if (l.startsWith("B.III ")) return Key.FIXED_INVESTMENTS;
        if (l.startsWith("C.I ")) return Key.STOCKS;
        if (l.startsWith("C.II ")) return Key.DEBTORS;
        if (l.startsWith("C.III ")) return Key.CURRENT_INVESTMENTS;
        if (l.startsWith("C.IV ")) return Key.CASH;
        if (l.startsWith("must be nil")) return Key.SUSPENSE;
        if (l.startsWith("E ")) return Key.CREDITORS_SHORT;
        if (l.startsWith("H ")) return Key.CREDITORS_LONG;
        if (l.startsWith("I ")) return Key.PROVISIONS;
        if (l.startsWith("K.I ")) return Key.SHARE_CAPITAL;
        if (l.startsWith("K.III ")) return Key.REVALUATION;
        if (l.startsWith("K.V ")) return Key.PROFIT_AND_LOSS;
        if (l.startsWith("Funds")) return Key.FUNDS;
        return switch (a.type()) {
            case "ASSET" -> Key.DEBTORS;
            case "LIABILITY" -> Key.CREDITORS_SHORT;
            default -> Key.PROFIT_AND_LOSS;
        };
    }

    /** @param closing balances of every account up to and including the date */
    public static BalanceSheet build(String at, List<Movement> closing, Chart chart) {
        Map<Key, BigDecimal> s = new EnumMap<>(Key.class);
        for (Key k : Key.values()) {
            s.put(k, BigDecimal.ZERO.setScale(2));
        }
        BigDecimal unclosedResult = BigDecimal.ZERO.setScale(2);
        List<Movement> memo = new ArrayList<>();
        for (Movement m : closing) {
            if (chart.isMemo(m.account())) {
                memo.add(m);
                continue;
            }
            Key k = keyOf(chart.get(m.account()), chart);
            s.merge(k, k.asset() ? m.net() : m.net().negate(), BigDecimal::add);
            if (chart.isProfitAndLoss(m.account())) {
                unclosedResult = unclosedResult.subtract(m.net());
            }
        }
        List<Line> lines = new ArrayList<>();
        BigDecimal fixed = add(lines, s, "B. Fixed assets", "FIXED_ASSETS", Key.INTANGIBLE, Key.TANGIBLE, Key.FIXED_INVESTMENTS);
        BigDecimal current = add(lines, s, "C. Current assets", "CURRENT_ASSETS", Key.STOCKS, Key.DEBTORS,
                Key.CURRENT_INVESTMENTS, Key.CASH, Key.SUSPENSE);
        BigDecimal shortCreditors = s.get(Key.CREDITORS_SHORT);
        lines.add(line(Key.CREDITORS_SHORT, s));
        BigDecimal netCurrent = current.subtract(shortCreditors);
        lines.add(new Line("NET_CURRENT_ASSETS", "F. Net current assets (liabilities)", "total", netCurrent));
        BigDecimal g = fixed.add(netCurrent);
        lines.add(new Line("TOTAL_ASSETS_LESS_CURRENT_LIABILITIES", "G. Total assets less current liabilities", "total", g));
        lines.add(line(Key.CREDITORS_LONG, s));
        lines.add(line(Key.PROVISIONS, s));
        BigDecimal net = g.subtract(s.get(Key.CREDITORS_LONG)).subtract(s.get(Key.PROVISIONS));
        lines.add(new Line("NET_ASSETS", "Net assets", "total", net));
        BigDecimal capital = add(lines, s, "K. Capital and reserves", "CAPITAL_AND_RESERVES", Key.SHARE_CAPITAL,
                Key.REVALUATION, Key.PROFIT_AND_LOSS, Key.FUNDS);
        lines.add(lines.indexOf(lines.stream().filter(l -> l.key().equals(Key.PROFIT_AND_LOSS.name())).findFirst()
                .orElseThrow()) + 1, new Line("RESULT_NOT_YET_CLOSED", "of which: result not yet closed to reserves",
                "memo", unclosedResult));
        List<TrialBalance.Line> memoLines = TrialBalance.build(at, at, memo, chart, false).lines();
        return new BalanceSheet(at, lines, net, capital, net.compareTo(capital) == 0, memoLines);
    }

    private static BigDecimal add(List<Line> lines, Map<Key, BigDecimal> s, String label, String key, Key... parts) {
        BigDecimal total = BigDecimal.ZERO.setScale(2);
        lines.add(new Line(key + "_HEADING", label, "heading", null));
        for (Key k : parts) {
            lines.add(line(k, s));
            total = total.add(s.get(k));
        }
        lines.add(new Line(key, "Total " + label.substring(3).toLowerCase(), "total", total));
        return total;
    }

    private static Line line(Key k, Map<Key, BigDecimal> s) {
        return new Line(k.name(), k.label, "line", s.get(k));
    }

    public Table table() {
        Table t = new Table("Balance sheet (format 1)", "at " + at, List.of("Line", "Amount"));
        for (Line l : lines) {
            Table.Kind kind = switch (l.kind()) {
                case "heading" -> Table.Kind.HEADING;
                case "total" -> Table.Kind.TOTAL;
                default -> Table.Kind.LINE;
            };
            t.row(kind, l.label(), l.amount() == null ? "" : l.amount());
        }
        t.row(Table.Kind.TOTAL, balances ? "Balances: net assets equal capital and reserves"
                : "DOES NOT BALANCE: difference", netAssets.subtract(capitalAndReserves));
        return t;
    }
}
