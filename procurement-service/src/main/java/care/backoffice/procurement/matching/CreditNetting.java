package care.backoffice.procurement.matching;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * What is left of an invoice after the supplier's credit notes, for matching it again. Plain Java.
 *
 * <p>A credit note does not say whether it credits goods (returned, never delivered) or money (a price
 * correction). The rule here: a credit line for an order line at the <b>same unit price</b> as the invoice line
 * credits goods, so quantity and amount go down; at another price it credits money, so only the amount goes
 * down. A credit line naming no invoiced order line reduces only the total. The total always goes down by the
 * credit note's total.
 */
public final class CreditNetting {

    private CreditNetting() {}

    /** An invoice or credit note line: the order line it is for (may be null), quantity, price, amount. */
    public record Line(int lineNo, Integer orderLineNo, String description, BigDecimal quantity, BigDecimal unitPrice,
            BigDecimal lineTotal) {}

    public record Net(List<Line> lines, BigDecimal total) {
        /** Nothing left to pay or to match. */
        public boolean fullyCredited() {
            return total.signum() <= 0 && lines.isEmpty();
        }
    }

    public static Net net(List<Line> invoice, BigDecimal invoiceTotal, List<Line> credits, BigDecimal creditTotal) {
        List<Line> left = new ArrayList<>(invoice);
        for (Line c : credits) {
            int i = indexOf(left, c.orderLineNo());
            if (i < 0) {
                continue;
            }
            Line l = left.get(i);
            boolean goods = l.unitPrice().compareTo(c.unitPrice()) == 0;
            BigDecimal quantity = goods ? l.quantity().subtract(c.quantity()).max(BigDecimal.ZERO) : l.quantity();
            BigDecimal amount = l.lineTotal().subtract(c.lineTotal()).max(BigDecimal.ZERO.setScale(2));
            left.set(i, new Line(l.lineNo(), l.orderLineNo(), l.description(), quantity, l.unitPrice(), amount));
        }
        left.removeIf(l -> l.quantity().signum() == 0);
        return new Net(List.copyOf(left), invoiceTotal.subtract(creditTotal));
    }

    private static int indexOf(List<Line> lines, Integer orderLineNo) {
        if (orderLineNo == null) {
            return -1;
        }
        for (int i = 0; i < lines.size(); i++) {
            if (orderLineNo.equals(lines.get(i).orderLineNo()) && lines.get(i).quantity().signum() > 0) {
                return i;
            }
        }
        return -1;
    }
}
