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

/**
 * Turns the summed visits of a document into its lines and totals. Plain Java: the same code previews a
 * dry run and issues the real thing.
 */
public final class InvoiceGenerator {

    private InvoiceGenerator() {}

    private static final Comparator<LineSum> ORDER = Comparator.comparing(LineSum::clientId)
            .thenComparing(LineSum::careType).thenComparing(LineSum::hourlyRate).thenComparing(LineSum::team)
            .thenComparing(l -> l.funderReference() == null ? "" : l.funderReference());

    /**
     * Lines per team × client × care type × rate, from the visits summed per line (by PostgreSQL over the run's
     * items); money rounded once per line (see {@link Pricing}). Ordered by client, care type, rate, team.
     */
    public static List<InvoiceLine> lines(Collection<LineSum> sums) {
        List<LineSum> ordered = new ArrayList<>(sums);
        ordered.sort(ORDER);
        List<InvoiceLine> lines = new ArrayList<>(ordered.size());
        int no = 1;
        for (LineSum s : ordered) {
            lines.add(new InvoiceLine(no++, s.team(), s.clientId(), s.clientName(), s.funderReference(), s.careType(),
                    s.hourlyRate(), s.visits(), Math.toIntExact(s.minutes()), Pricing.lineAmount(s.hourlyRate(), s.minutes())));
        }
        return lines;
    }

    /** The first and last day of care on a document. */
    public static LocalDate periodStart(Collection<LineSum> sums) {
        return sums.stream().map(LineSum::firstDay).min(Comparator.naturalOrder()).orElseThrow();
    }

    public static LocalDate periodEnd(Collection<LineSum> sums) {
        return sums.stream().map(LineSum::lastDay).max(Comparator.naturalOrder()).orElseThrow();
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
