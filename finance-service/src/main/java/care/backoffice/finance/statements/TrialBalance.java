package care.backoffice.finance.statements;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Every account's net debit or credit over the period; the two columns must be equal. */
public record TrialBalance(String from, String to, boolean byTeam, List<Line> lines, BigDecimal totalDebit,
        BigDecimal totalCredit) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Line(String account, String name, String team, BigDecimal debit, BigDecimal credit) {}

    public static TrialBalance build(String from, String to, List<Movement> movements, Chart chart, boolean byTeam) {
        Map<String, BigDecimal> net = new TreeMap<>();
        for (Movement m : movements) {
            String key = byTeam ? m.account() + '\u0000' + m.team() : m.account();
            net.merge(key, m.net(), BigDecimal::add);
        }
        List<Line> lines = new ArrayList<>();
        BigDecimal dr = BigDecimal.ZERO.setScale(2);
        BigDecimal cr = BigDecimal.ZERO.setScale(2);
        for (Map.Entry<String, BigDecimal> e : net.entrySet()) {
            if (e.getValue().signum() == 0) {
                continue;
            }
            String[] key = e.getKey().split("\u0000", -1);
            String team = byTeam ? key[1] : null;
            BigDecimal debit = e.getValue().signum() > 0 ? e.getValue() : BigDecimal.ZERO.setScale(2);
            BigDecimal credit = e.getValue().signum() < 0 ? e.getValue().negate() : BigDecimal.ZERO.setScale(2);
            lines.add(new Line(key[0], chart.name(key[0]), team, debit, credit));
            dr = dr.add(debit);
            cr = cr.add(credit);
        }
        lines.sort(Comparator.comparing(Line::account).thenComparing(l -> l.team() == null ? "" : l.team()));
        return new TrialBalance(from, to, byTeam, lines, dr, cr);
    }

    public Table table() {
        Table t = new Table("Trial balance" + (byTeam ? " by team" : ""), from + " to " + to,
                byTeam ? List.of("Account", "Name", "Team", "Debit", "Credit") : List.of("Account", "Name", "Debit", "Credit"));
        for (Line l : lines) {
            if (byTeam) {
                t.row(Table.Kind.LINE, l.account(), l.name(), l.team(), l.debit(), l.credit());
            } else {
                t.row(Table.Kind.LINE, l.account(), l.name(), l.debit(), l.credit());
            }
        }
        if (byTeam) {
            t.row(Table.Kind.TOTAL, "Total", "", "", totalDebit, totalCredit);
        } else {
            t.row(Table.Kind.TOTAL, "Total", "", totalDebit, totalCredit);
        }
        return t;
    }
}
