package care.backoffice.procurement.matching;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Automatic 3-way match of a supplier invoice against its order and what the team confirmed as received.
 * Plain Java, no Spring, no database: the caller passes the facts and stores the outcome.
 *
 * <p>Rules, in the words of the accounts-payable desk:
 * <ul>
 *   <li>NO_ORDER: the invoice names no order of ours (or a cancelled one), or a line names an order line that
 *       does not exist.</li>
 *   <li>NO_RECEIPT: the team has not confirmed receiving anything of an invoiced line.</li>
 *   <li>QUANTITY: more is invoiced than was received (less what earlier invoices already charged), or than was
 *       ordered. Quantities have no tolerance: items are counted, not estimated.</li>
 *   <li>PRICE: the invoice total differs from invoiced quantities × order prices by more than the tolerance.</li>
 * </ul>
 * An invoice with no finding is MATCHED and becomes payable without anyone approving it.
 */
public final class ThreeWayMatch {

    private ThreeWayMatch() {}

    public enum Reason { NO_ORDER, NO_RECEIPT, QUANTITY, PRICE }

    public record OrderLine(int lineNo, BigDecimal ordered, BigDecimal unitPrice, BigDecimal received,
            BigDecimal alreadyInvoiced) {}

    /** @param orderLineNo the order line the supplier says this line is for; may be null for a one-line order */
    public record InvoiceLine(int lineNo, Integer orderLineNo, BigDecimal quantity, BigDecimal lineTotal) {}

    /**
     * How far an invoice may be from the order and still match: {@code percent} of the expected amount or
     * {@code amount}, whichever is SMALLER (so £5 caps the leeway on large orders and 2% keeps it proportionate
     * on small ones). The percentage is rounded half-up to the penny.
     */
    public record Tolerance(BigDecimal percent, BigDecimal amount) {
        public BigDecimal allowedFor(BigDecimal expected) {
            BigDecimal byPercent = expected.abs().multiply(percent).divide(BigDecimal.valueOf(100), 2,
                    RoundingMode.HALF_UP);
            return byPercent.min(amount);
        }
    }

    public record Finding(Reason reason, String detail) {}

    /**
     * @param quantityByOrderLine what this invoice charges per order line (to record once matched)
     * @param valueByOrderLine    the order value of those quantities (quantity × order price, half-up to pence)
     */
    public record Result(List<Finding> findings, BigDecimal expectedTotal, BigDecimal invoicedTotal,
            Map<Integer, BigDecimal> quantityByOrderLine, Map<Integer, BigDecimal> valueByOrderLine) {
        public boolean matched() {
            return findings.isEmpty();
        }

        public List<Reason> reasons() {
            return findings.stream().map(Finding::reason).distinct().toList();
        }
    }

    /**
     * @param order the order's lines, or null when the invoice names no (live) order of ours
     * @param invoiceTotal what the supplier asks to be paid
     * @param tolerance the allowed price difference; null when the back office agreed the price with the supplier
     */
    public static Result match(List<OrderLine> order, List<InvoiceLine> invoice, BigDecimal invoiceTotal,
            Tolerance tolerance) {
        List<Finding> findings = new ArrayList<>();
        Map<Integer, BigDecimal> quantities = new LinkedHashMap<>();
        Map<Integer, BigDecimal> values = new LinkedHashMap<>();
        if (order == null) {
            findings.add(new Finding(Reason.NO_ORDER, "the invoice names no open order of ours"));
            return new Result(findings, BigDecimal.ZERO.setScale(2), invoiceTotal, quantities, values);
        }
        Map<Integer, OrderLine> byNo = new LinkedHashMap<>();
        order.forEach(l -> byNo.put(l.lineNo(), l));
        for (InvoiceLine il : invoice) {
            Integer target = il.orderLineNo() != null ? il.orderLineNo() : order.size() == 1 ? order.get(0).lineNo() : null;
            if (target == null || !byNo.containsKey(target)) {
                findings.add(new Finding(Reason.NO_ORDER, "invoice line " + il.lineNo() + " names "
                        + (target == null ? "no order line" : "order line " + target + ", which was not ordered")));
                continue;
            }
            quantities.merge(target, il.quantity(), BigDecimal::add);
        }
        BigDecimal expected = BigDecimal.ZERO.setScale(2);
        for (Map.Entry<Integer, BigDecimal> e : quantities.entrySet()) {
            OrderLine ol = byNo.get(e.getKey());
            BigDecimal q = e.getValue();
            BigDecimal value = q.multiply(ol.unitPrice()).setScale(2, RoundingMode.HALF_UP);
            values.put(ol.lineNo(), value);
            expected = expected.add(value);
            BigDecimal stillToInvoice = ol.received().subtract(ol.alreadyInvoiced());
            if (ol.received().signum() == 0) {
                findings.add(new Finding(Reason.NO_RECEIPT, "order line " + ol.lineNo() + ": nothing received yet, "
                        + plain(q) + " invoiced"));
            } else if (ol.alreadyInvoiced().add(q).compareTo(ol.ordered()) > 0) {
                findings.add(new Finding(Reason.QUANTITY, "order line " + ol.lineNo() + ": " + plain(q)
                        + " invoiced, " + plain(ol.ordered()) + " ordered, " + plain(ol.alreadyInvoiced())
                        + " already invoiced"));
            } else if (q.compareTo(stillToInvoice) > 0) {
                findings.add(new Finding(Reason.QUANTITY, "order line " + ol.lineNo() + ": " + plain(q)
                        + " invoiced but only " + plain(stillToInvoice) + " received and not yet invoiced"));
            }
        }
        BigDecimal difference = invoiceTotal.subtract(expected);
        BigDecimal allowed = tolerance == null ? null : tolerance.allowedFor(expected);
        if (!quantities.isEmpty() && allowed != null && difference.abs().compareTo(allowed) > 0) {
            findings.add(new Finding(Reason.PRICE, "invoice total " + invoiceTotal.toPlainString()
                    + " differs from the order value " + expected.toPlainString() + " by " + difference.toPlainString()
                    + " (tolerance " + allowed.toPlainString() + ")"));
        }
        return new Result(findings, expected, invoiceTotal, quantities, values);
    }

    private static String plain(BigDecimal q) {
        return q.stripTrailingZeros().toPlainString();
    }
}
