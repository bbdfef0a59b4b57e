package care.backoffice.finance.statements;

import care.backoffice.finance.accounts.Account;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cash-flow statement by the indirect method (FRS 102 section 7): the period's result, adjusted by the
 * movement of every non-cash balance sheet account, grouped by the chart's cash-flow class. Because
 * every journal balances, these adjustments add up to exactly the movement in cash; {@code reconciles}
 * proves it on the figures shown (only memo accounts, kept out of all statements, could break it).
 */
public record CashFlow(String from, String to, List<Line> lines, BigDecimal netChangeInCash, BigDecimal openingCash,
        BigDecimal closingCash, BigDecimal cashMovement, boolean reconciles) {

    public record Line(String section, String label, String kind, BigDecimal amount) {}

    static final String OPERATING = "operating";
    static final String INVESTING = "investing";
    static final String FINANCING = "financing";

    /** Which section and line a balance sheet account's movement goes to. */
    static String[] placeOf(Account a) {
        String cls = a.cashFlowClass() == null ? "" : a.cashFlowClass();
        String line = a.statutoryLine() == null ? "" : a.statutoryLine();
        if (cls.startsWith("INVESTING")) {
            return new String[] {INVESTING, "Fixed assets: " + a.name()};
        }
        if (cls.startsWith("FINANCING")) {
            return new String[] {FINANCING, a.name()};
        }
        if (cls.startsWith("NON_CASH")) {
            return new String[] {OPERATING, "Depreciation, amortisation, provisions and other non-cash items"};
        }
        if (cls.startsWith("TAX")) {
            return new String[] {OPERATING, "Increase/(decrease) in tax payable"};
        }
        if (cls.startsWith("WORKING_CAPITAL")) {
            if ("ASSET".equals(a.type()) && line.startsWith("C.I ")) {
                return new String[] {OPERATING, "(Increase)/decrease in stocks"};
            }
            if ("ASSET".equals(a.type())) {
                return new String[] {OPERATING, "(Increase)/decrease in debtors"};
            }
            return new String[] {OPERATING, "Increase/(decrease) in creditors"};
        }
        return new String[] {OPERATING, "Other movements (reserves, suspense)"};
    }

    /**
     * @param movements   every account's movement over the period
     * @param openingCash the cash accounts' balance before the period
     */
    public static CashFlow build(String from, String to, List<Movement> movements, BigDecimal openingCash, Chart chart) {
        BigDecimal result = BigDecimal.ZERO.setScale(2);
        BigDecimal cashMovement = BigDecimal.ZERO.setScale(2);
        Map<String, Map<String, BigDecimal>> sections = new LinkedHashMap<>();
        sections.put(OPERATING, new LinkedHashMap<>());
        sections.put(INVESTING, new LinkedHashMap<>());
        sections.put(FINANCING, new LinkedHashMap<>());
        for (Movement m : movements) {
            Account a = chart.get(m.account());
            if (chart.isMemo(a.code())) {
                continue;
            }
            if (chart.isProfitAndLoss(a.code())) {
                result = result.subtract(m.net());
            } else if (chart.isCash(a.code())) {
                cashMovement = cashMovement.add(m.net());
            } else {
                // An increase in a non-cash asset used cash; an increase in a liability or reserve brought cash in.
                String[] place = placeOf(a);
                sections.get(place[0]).merge(place[1], m.net().negate(), BigDecimal::add);
            }
        }
        List<Line> lines = new ArrayList<>();
        lines.add(new Line(OPERATING, "Cash flows from operating activities", "heading", null));
        lines.add(new Line(OPERATING, "Profit or loss for the period", "line", result));
        BigDecimal operating = result;
        for (Map.Entry<String, BigDecimal> e : sections.get(OPERATING).entrySet()) {
            if (e.getValue().signum() != 0) {
                lines.add(new Line(OPERATING, e.getKey(), "line", e.getValue()));
                operating = operating.add(e.getValue());
            }
        }
        lines.add(new Line(OPERATING, "Net cash from operating activities", "total", operating));
        BigDecimal investing = section(lines, sections.get(INVESTING), INVESTING, "Cash flows from investing activities",
                "Net cash from investing activities");
        BigDecimal financing = section(lines, sections.get(FINANCING), FINANCING, "Cash flows from financing activities",
                "Net cash from financing activities");
        BigDecimal net = operating.add(investing).add(financing);
        lines.add(new Line("cash", "Net increase/(decrease) in cash and cash equivalents", "total", net));
        lines.add(new Line("cash", "Cash and cash equivalents at the beginning of the period", "line", openingCash));
        BigDecimal closing = openingCash.add(cashMovement);
        lines.add(new Line("cash", "Cash and cash equivalents at the end of the period", "total", closing));
        return new CashFlow(from, to, lines, net, openingCash, closing, cashMovement, net.compareTo(cashMovement) == 0);
    }

    private static BigDecimal section(List<Line> lines, Map<String, BigDecimal> items, String section, String heading,
            String totalLabel) {
        lines.add(new Line(section, heading, "heading", null));
        BigDecimal total = BigDecimal.ZERO.setScale(2);
        for (Map.Entry<String, BigDecimal> e : items.entrySet()) {
            if (e.getValue().signum() != 0) {
                lines.add(new Line(section, e.getKey(), "line", e.getValue()));
                total = total.add(e.getValue());
            }
        }
        lines.add(new Line(section, totalLabel, "total", total));
        return total;
    }

    public Table table() {
        Table t = new Table("Cash-flow statement (indirect method)", from + " to " + to, List.of("Line", "Amount"));
        for (Line l : lines) {
            Table.Kind kind = switch (l.kind()) {
                case "heading" -> Table.Kind.HEADING;
                case "total" -> Table.Kind.TOTAL;
                default -> Table.Kind.LINE;
            };
            t.row(kind, l.label(), l.amount() == null ? "" : l.amount());
        }
        t.row(Table.Kind.TOTAL, reconciles ? "Reconciles to the movement in cash" : "DOES NOT RECONCILE: difference",
                netChangeInCash.subtract(cashMovement));
        return t;
    }
}
