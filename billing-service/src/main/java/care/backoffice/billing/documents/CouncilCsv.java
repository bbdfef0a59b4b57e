package care.backoffice.billing.documents;

import care.backoffice.billing.invoices.InvoiceDraft;
import care.backoffice.billing.invoices.PricedCare;
import care.backoffice.billing.pricing.Money;
import care.backoffice.billing.pricing.Pricing;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Comparator;

/**
 * The per-client, per-visit file council portals take (one row per visit, RFC 4180 quoting). Each visit's
 * amount is shown for the council to reconcile; the invoice total is the sum of lines, rounded per line.
 */
public final class CouncilCsv {

    private CouncilCsv() {}

    public static byte[] write(InvoiceDraft d, Collection<PricedCare> visits) {
        StringBuilder b = new StringBuilder("invoice_number,client_id,funder_reference,visit_date,care_type,"
                + "charged_minutes,billable_minutes,hourly_rate,visit_amount,team\r\n");
        visits.stream().sorted(Comparator.comparing(PricedCare::clientId).thenComparing(PricedCare::careDate)
                        .thenComparing(PricedCare::hoursEntryId))
                .forEach(v -> b.append(field(d.number())).append(',').append(field(v.clientId())).append(',')
                        .append(field(v.funderReference())).append(',').append(v.careDate()).append(',')
                        .append(v.careType()).append(',').append(v.chargedMinutes()).append(',')
                        .append(v.billableMinutes()).append(',').append(Money.format(v.hourlyRate())).append(',')
                        .append(Money.format(Pricing.lineAmount(v.hourlyRate(), v.billableMinutes()))).append(',')
                        .append(field(v.team())).append("\r\n"));
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String field(String s) {
        if (s == null) {
            return "";
        }
        // A leading =, +, - or @ would run as a formula in a spreadsheet; prefix it (OWASP CSV injection).
        String safe = !s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0 ? "'" + s : s;
        return safe.contains(",") || safe.contains("\"") || safe.contains("\n")
                ? "\"" + safe.replace("\"", "\"\"") + "\"" : safe;
    }
}
