package care.backoffice.billing.runs;

import care.backoffice.billing.funders.FunderType;
import care.backoffice.billing.pricing.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The journal of a run for finance-service: Dr trade debtors / Cr care income, per team and funder, netting a
 * run's invoices against its credit notes. Accounts from the chart of accounts (shared reference):
 * 1100 trade debtors control; 4000 care fees local authority; 4010 NHS / ICB incl. CHC; 4020 self-funders;
 * 4950 other income for any other funder; 2200 VAT on sales for the rare standard-rated contract.
 */
public final class JournalBuilder {

    static final String DEBTORS = "1100";
    static final String VAT_ON_SALES = "2200";

    private JournalBuilder() {}

    /** One document's amounts for one team (a document's lines may span teams). */
    public record TeamAmount(UUID documentId, boolean credit, String team, FunderType funderType, UUID funderId,
            BigDecimal net, BigDecimal documentNet, BigDecimal documentVat) {}

    /** A journal line carries either a debit or a credit (a string with two decimals), never both. */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public record Line(String account, String debit, String credit, String team, Map<String, String> dimensions) {}

    public record Journal(LocalDate date, String description, String source, String sourceDocumentId, List<Line> lines) {}

    public static String incomeAccount(FunderType type) {
        return switch (type) {
            case LOCAL_AUTHORITY -> "4000";
            case NHS_ICB, NHS_CHC -> "4010";
            case SELF_FUNDER -> "4020";
            case OTHER -> "4950";
        };
    }

    public static Journal build(UUID runId, String month, LocalDate date, List<TeamAmount> amounts) {
        record Key(String team, FunderType type, UUID funder) {}
        Map<Key, BigDecimal[]> sums = new TreeMap<>(java.util.Comparator.comparing(Key::team)
                .thenComparing(Key::type).thenComparing(Key::funder));
        for (var e : vatByTeam(amounts).entrySet()) {
            TeamAmount a = e.getKey();
            BigDecimal sign = a.credit() ? BigDecimal.ONE.negate() : BigDecimal.ONE;
            BigDecimal[] s = sums.computeIfAbsent(new Key(a.team(), a.funderType(), a.funderId()),
                    k -> new BigDecimal[] {BigDecimal.ZERO.setScale(2), BigDecimal.ZERO.setScale(2)});
            s[0] = s[0].add(a.net().multiply(sign));
            s[1] = s[1].add(e.getValue().multiply(sign));
        }
        List<Line> lines = new ArrayList<>();
        for (var e : sums.entrySet()) {
            Key k = e.getKey();
            BigDecimal net = e.getValue()[0];
            BigDecimal vat = e.getValue()[1];
            Map<String, String> dims = new LinkedHashMap<>();
            dims.put("payerType", k.type().name());
            dims.put("funder", k.funder().toString());
            // A team whose credits exceed its charges this run has the entry reversed, never a negative amount.
            add(lines, DEBTORS, net.add(vat), true, k.team(), dims);
            add(lines, incomeAccount(k.type()), net, false, k.team(), dims);
            add(lines, VAT_ON_SALES, vat, false, k.team(), dims);
        }
        return new Journal(date, "Billing run " + month, "billing", "billing-run-" + runId, lines);
    }

    private static void add(List<Line> lines, String account, BigDecimal amount, boolean debitWhenPositive, String team,
            Map<String, String> dims) {
        if (amount.signum() == 0) {
            return;
        }
        boolean debit = debitWhenPositive == (amount.signum() > 0);
        String value = Money.format(amount.abs());
        lines.add(new Line(account, debit ? value : null, debit ? null : value, team, dims));
    }

    /**
     * A document's VAT is computed on its total (BR-CO-17); split over its teams in proportion to their net,
     * half-up, with the rounding remainder on the team with the largest share, so the parts add up exactly.
     */
    static Map<TeamAmount, BigDecimal> vatByTeam(List<TeamAmount> amounts) {
        Map<TeamAmount, BigDecimal> result = new LinkedHashMap<>();
        Map<UUID, List<TeamAmount>> byDocument = new LinkedHashMap<>();
        amounts.forEach(a -> byDocument.computeIfAbsent(a.documentId(), d -> new ArrayList<>()).add(a));
        for (List<TeamAmount> parts : byDocument.values()) {
            BigDecimal docVat = parts.get(0).documentVat();
            BigDecimal docNet = parts.get(0).documentNet();
            BigDecimal allocated = BigDecimal.ZERO.setScale(2);
            TeamAmount largest = parts.get(0);
            for (TeamAmount p : parts) {
                BigDecimal share = docNet.signum() == 0 ? BigDecimal.ZERO.setScale(2)
                        : docVat.multiply(p.net()).divide(docNet, 2, RoundingMode.HALF_UP);
                result.put(p, share);
                allocated = allocated.add(share);
                if (p.net().compareTo(largest.net()) > 0) {
                    largest = p;
                }
            }
            result.put(largest, result.get(largest).add(docVat.subtract(allocated)));
        }
        return result;
    }
}
