package care.backoffice.finance.statements;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Aged debtors / creditors from the control account's lines. Items are matched first-in first-out per
 * party: a receipt (or payment) clears the oldest open invoice first, which is how a payer's remittance
 * is normally applied when it does not name invoices. What is left is aged by the days from the item's
 * date to the report date: 0-30, 31-60, 61-90, over 90. A party's overpayment stays as a negative current
 * amount. The grand total equals the control account's balance.
 */
public record AgedBalances(String kind, String account, String at, List<Party> parties, Party total) {

    /** One control account line: {@code amount} positive when it increases what is owed. */
    public record Item(String party, LocalDate date, BigDecimal amount) {}

    public record Party(String party, BigDecimal current, BigDecimal days31to60, BigDecimal days61to90,
            BigDecimal over90, BigDecimal total) {}

    public static AgedBalances build(String kind, String account, LocalDate at, List<Item> items) {
        Map<String, List<Item>> byParty = new TreeMap<>();
        for (Item i : items) {
            byParty.computeIfAbsent(i.party(), k -> new ArrayList<>()).add(i);
        }
        List<Party> parties = new ArrayList<>();
        BigDecimal[] grand = zeros();
        for (Map.Entry<String, List<Item>> e : byParty.entrySet()) {
            BigDecimal[] b = age(e.getValue(), at);
            if (b[4].signum() == 0 && b[0].signum() == 0 && b[1].signum() == 0 && b[2].signum() == 0
                    && b[3].signum() == 0) {
                continue;
            }
            parties.add(new Party(e.getKey(), b[0], b[1], b[2], b[3], b[4]));
            for (int i = 0; i < 5; i++) {
                grand[i] = grand[i].add(b[i]);
            }
        }
        return new AgedBalances(kind, account, at.toString(), parties,
                new Party("Total", grand[0], grand[1], grand[2], grand[3], grand[4]));
    }

    private static BigDecimal[] age(List<Item> items, LocalDate at) {
        List<Item> sorted = new ArrayList<>(items);
        sorted.sort(Comparator.comparing(Item::date));
        Deque<Object[]> open = new ArrayDeque<>(); // {date, remaining}
        BigDecimal onAccount = BigDecimal.ZERO.setScale(2);
        for (Item i : sorted) {
            BigDecimal amount = i.amount();
            if (amount.signum() > 0) {
                BigDecimal used = amount.min(onAccount);
                onAccount = onAccount.subtract(used);
                amount = amount.subtract(used);
                if (amount.signum() > 0) {
                    open.addLast(new Object[] {i.date(), amount});
                }
            } else {
                BigDecimal toClear = amount.negate();
                while (toClear.signum() > 0 && !open.isEmpty()) {
                    Object[] oldest = open.peekFirst();
                    BigDecimal remaining = (BigDecimal) oldest[1];
                    BigDecimal cleared = remaining.min(toClear);
                    toClear = toClear.subtract(cleared);
                    if (cleared.compareTo(remaining) == 0) {
                        open.removeFirst();
                    } else {
                        oldest[1] = remaining.subtract(cleared);
                    }
                }
                onAccount = onAccount.add(toClear);
            }
        }
        BigDecimal[] b = zeros();
        for (Object[] o : open) {
            long days = ChronoUnit.DAYS.between((LocalDate) o[0], at);
            int bucket = days <= 30 ? 0 : days <= 60 ? 1 : days <= 90 ? 2 : 3;
            b[bucket] = b[bucket].add((BigDecimal) o[1]);
        }
        b[0] = b[0].subtract(onAccount);
        b[4] = b[0].add(b[1]).add(b[2]).add(b[3]);
        return b;
    }

    private static BigDecimal[] zeros() {
        BigDecimal z = BigDecimal.ZERO.setScale(2);
        return new BigDecimal[] {z, z, z, z, z};
    }

    public Table table() {
        Table t = new Table("Aged " + kind + " (account " + account + ")", "at " + at,
                List.of("Party", "0-30 days", "31-60 days", "61-90 days", "Over 90 days", "Total"));
        for (Party p : parties) {
            t.row(Table.Kind.LINE, p.party(), p.current(), p.days31to60(), p.days61to90(), p.over90(), p.total());
        }
        t.row(Table.Kind.TOTAL, "Total", total.current(), total.days31to60(), total.days61to90(), total.over90(),
                total.total());
        return t;
    }
}
