package care.backoffice.billing.invoices;

import care.backoffice.billing.funders.RequiredReference;
import care.backoffice.billing.pricing.Pricing;
import care.backoffice.billing.pricing.VatTreatment;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Turns priced care records into the lines and totals of one document. Plain Java: the same code previews a
 * dry run and issues the real thing.
 */
public final class InvoiceGenerator {

    private InvoiceGenerator() {}

    private record LineKey(String team, String clientId, String careType, BigDecimal hourlyRate, String funderReference) {}

    private static final Comparator<LineKey> ORDER = Comparator.comparing(LineKey::clientId)
            .thenComparing(LineKey::careType).thenComparing(LineKey::hourlyRate).thenComparing(LineKey::team)
            .thenComparing(k -> k.funderReference() == null ? "" : k.funderReference());

    /** Lines per team × client × care type × rate; money rounded once per line (see {@link Pricing}). */
    public static List<InvoiceLine> lines(Collection<PricedCare> care, Function<String, String> clientName) {
        Map<LineKey, int[]> sums = new TreeMap<>(ORDER);
        for (PricedCare c : care) {
            int[] s = sums.computeIfAbsent(new LineKey(c.team(), c.clientId(), c.careType(), c.hourlyRate(),
                    c.funderReference()), k -> new int[2]);
            s[0]++;
            s[1] += c.billableMinutes();
        }
        List<InvoiceLine> lines = new ArrayList<>();
        int no = 1;
        for (var e : sums.entrySet()) {
            LineKey k = e.getKey();
            lines.add(new InvoiceLine(no++, k.team(), k.clientId(), clientName.apply(k.clientId()), k.funderReference(),
                    k.careType(), k.hourlyRate(), e.getValue()[0], e.getValue()[1],
                    Pricing.lineAmount(k.hourlyRate(), e.getValue()[1])));
        }
        return lines;
    }

    public static BigDecimal net(List<InvoiceLine> lines) {
        return lines.stream().map(InvoiceLine::amount).reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
    }

    /** VAT on the document total per category (EN 16931 BR-CO-17), not summed from lines. */
    public static BigDecimal vat(BigDecimal net, VatTreatment treatment) {
        return Pricing.vat(net, treatment);
    }

    /** Due date: issue date plus the funder's payment terms in calendar days. */
    public static LocalDate dueDate(LocalDate issueDate, int paymentTermsDays) {
        return issueDate.plusDays(paymentTermsDays);
    }

    /**
     * The references this funder rejects an invoice without, that the contract or a client's funding lacks.
     * An empty list means the document may go.
     */
    public static List<String> missingReferences(Collection<RequiredReference> required, String purchaseOrderNumber,
            String contractReference, List<InvoiceLine> lines) {
        List<String> missing = new ArrayList<>();
        if (required.contains(RequiredReference.PURCHASE_ORDER_NUMBER) && blank(purchaseOrderNumber)) {
            missing.add("the funder requires a purchase-order number and the contract has none");
        }
        if (required.contains(RequiredReference.CONTRACT_REFERENCE) && blank(contractReference)) {
            missing.add("the funder requires a contract reference and the contract has none");
        }
        if (required.contains(RequiredReference.CLIENT_REFERENCE)) {
            lines.stream().filter(l -> blank(l.funderReference())).map(InvoiceLine::clientId).distinct()
                    .forEach(c -> missing.add("the funder requires its own reference for client " + c
                            + " and the client's funding has none"));
        }
        return missing;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
