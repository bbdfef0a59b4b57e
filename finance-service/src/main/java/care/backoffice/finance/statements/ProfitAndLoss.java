package care.backoffice.finance.statements;

import care.backoffice.finance.accounts.Account;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Profit and loss account by nature: the Companies Act 2006 format 2 (SI 2008/410, Sch. 1), the
 * lines our chart uses, with the subtotals accountants expect. Income and charges are both shown as
 * positive figures; the results are income less charges.
 */
public record ProfitAndLoss(String from, String to, String team, String previousFrom, String previousTo,
        String yearToDateFrom, List<Line> lines) {

    /** One line; {@code kind} is "line" or "total". */
    public record Line(String key, String label, String kind, BigDecimal current, BigDecimal previous,
            BigDecimal yearToDate) {}

    enum Key {
        TURNOVER("1. Turnover", true),
        OTHER_OPERATING_INCOME("4. Other operating income", true),
        RAW_MATERIALS("5(a). Raw materials and consumables", false),
        OTHER_EXTERNAL("5(b). Other external charges", false),
        WAGES("6(a). Staff costs: wages and salaries", false),
        SOCIAL_SECURITY("6(b). Staff costs: social security costs", false),
        PENSION("6(c). Staff costs: other pension costs", false),
        DEPRECIATION("7(a). Depreciation and other amounts written off", false),
        OTHER_OPERATING_CHARGES("8. Other operating charges", false),
        INTEREST_RECEIVABLE("10. Other interest receivable and similar income", true),
        INTEREST_PAYABLE("13. Interest payable and similar charges", false),
        TAX("14. Tax on profit or loss", false);

        final String label;
        final boolean income;

        Key(String label, boolean income) {
            this.label = label;
            this.income = income;
        }
    }

    /** The chart's statutory line decides the P&L line; anything unrecognised falls to "other" by type. */
    static Key keyOf(Account a) {
        String line = a.statutoryLine() == null ? "" : a.statutoryLine();
        return switch (line) {
            case "Turnover" -> Key.TURNOVER;
            case "Other operating income" -> Key.OTHER_OPERATING_INCOME;
            case "Raw materials and consumables" -> Key.RAW_MATERIALS;
            case "Other external charges" -> Key.OTHER_EXTERNAL;
            case "Staff costs - wages and salaries" -> Key.WAGES;
            case "Staff costs - social security costs" -> Key.SOCIAL_SECURITY;
            case "Staff costs - other pension costs" -> Key.PENSION;
            case "Depreciation and amounts written off" -> Key.DEPRECIATION;
            case "Other interest receivable" -> Key.INTEREST_RECEIVABLE;
            case "Interest payable and similar charges" -> Key.INTEREST_PAYABLE;
            case "Tax on profit" -> Key.TAX;
            default -> "INCOME".equals(a.type()) ? Key.OTHER_OPERATING_INCOME : Key.OTHER_OPERATING_CHARGES;
        };
    }

    static Map<Key, BigDecimal> sums(List<Movement> movements, Chart chart) {
        Map<Key, BigDecimal> sums = new EnumMap<>(Key.class);
        for (Key k : Key.values()) {
            sums.put(k, BigDecimal.ZERO.setScale(2));
        }
        for (Movement m : movements) {
            if (!chart.isProfitAndLoss(m.account())) {
                continue;
            }
            Key k = keyOf(chart.get(m.account()));
            sums.merge(k, k.income ? m.net().negate() : m.net(), BigDecimal::add);
        }
        return sums;
    }

    public static ProfitAndLoss build(String from, String to, String team, String previousFrom, String previousTo,
            String ytdFrom, List<Movement> current, List<Movement> previous, List<Movement> yearToDate, Chart chart) {
        List<Map<Key, BigDecimal>> cols = List.of(sums(current, chart), sums(previous, chart), sums(yearToDate, chart));
        List<Line> lines = new ArrayList<>();
        for (Key k : List.of(Key.TURNOVER, Key.OTHER_OPERATING_INCOME, Key.RAW_MATERIALS, Key.OTHER_EXTERNAL, Key.WAGES,
                Key.SOCIAL_SECURITY, Key.PENSION)) {
            lines.add(line(k, cols));
        }
        lines.add(total("STAFF_COSTS", "6. Staff costs", cols, c -> c.get(Key.WAGES).add(c.get(Key.SOCIAL_SECURITY))
                .add(c.get(Key.PENSION))));
        lines.add(line(Key.DEPRECIATION, cols));
        lines.add(line(Key.OTHER_OPERATING_CHARGES, cols));
        lines.add(total("OPERATING_PROFIT", "Operating profit or loss", cols, ProfitAndLoss::operating));
        lines.add(line(Key.INTEREST_RECEIVABLE, cols));
        lines.add(line(Key.INTEREST_PAYABLE, cols));
        lines.add(total("PROFIT_BEFORE_TAX", "Profit or loss before taxation", cols, ProfitAndLoss::beforeTax));
        lines.add(line(Key.TAX, cols));
        lines.add(total("PROFIT_FOR_THE_YEAR", "Profit or loss for the financial year", cols,
                c -> beforeTax(c).subtract(c.get(Key.TAX))));
        return new ProfitAndLoss(from, to, team, previousFrom, previousTo, ytdFrom, lines);
    }

    private static BigDecimal operating(Map<Key, BigDecimal> c) {
        BigDecimal r = c.get(Key.TURNOVER).add(c.get(Key.OTHER_OPERATING_INCOME));
        for (Key k : List.of(Key.RAW_MATERIALS, Key.OTHER_EXTERNAL, Key.WAGES, Key.SOCIAL_SECURITY, Key.PENSION,
                Key.DEPRECIATION, Key.OTHER_OPERATING_CHARGES)) {
            r = r.subtract(c.get(k));
        }
        return r;
    }

    private static BigDecimal beforeTax(Map<Key, BigDecimal> c) {
        return operating(c).add(c.get(Key.INTEREST_RECEIVABLE)).subtract(c.get(Key.INTEREST_PAYABLE));
    }

    private static Line line(Key k, List<Map<Key, BigDecimal>> cols) {
        return new Line(k.name(), k.label, "line", cols.get(0).get(k), cols.get(1).get(k), cols.get(2).get(k));
    }

    private static Line total(String key, String label, List<Map<Key, BigDecimal>> cols,
            java.util.function.Function<Map<Key, BigDecimal>, BigDecimal> f) {
        return new Line(key, label, "total", f.apply(cols.get(0)), f.apply(cols.get(1)), f.apply(cols.get(2)));
    }

    public BigDecimal result() {
        return lines.get(lines.size() - 1).current();
    }

    public Table table() {
        Table t = new Table("Profit and loss account (format 2)" + (team == null ? "" : " - " + team),
                from + " to " + to, List.of("Line", "Period " + from + " to " + to,
                        "Previous " + previousFrom + " to " + previousTo, "Year to date from " + yearToDateFrom));
        for (Line l : lines) {
            t.row("total".equals(l.kind()) ? Table.Kind.TOTAL : Table.Kind.LINE, l.label(), l.current(), l.previous(),
                    l.yearToDate());
        }
        return t;
    }
}
