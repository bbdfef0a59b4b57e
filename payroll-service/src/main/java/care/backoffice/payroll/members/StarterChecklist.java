package care.backoffice.payroll.members;

/**
 * HMRC's starter checklist: the statement a new colleague ticks decides their first tax code and basis
 * (reference uk-payroll.md §1.2, sources S14 gofile and matthewshanton):
 * A (first job since 6 April, no benefits or pension) → 1257L cumulative;
 * B (only job now, but had another since 6 April) → 1257L W1/M1;
 * C (has another job or pension) → BR cumulative;
 * no checklist at all → 0T W1/M1.
 * The code follows the year's emergency code (1257L in 2025/26 and 2026/27); HMRC's coding notice later replaces it.
 */
public final class StarterChecklist {

    public record TaxStart(String taxCode, boolean nonCumulative) {}

    private StarterChecklist() {}

    /** @param statement "A", "B", "C" or null (no checklist) */
    public static TaxStart taxStart(String statement, String emergencyCode) {
        if (statement == null) {
            return new TaxStart("0T", true);
        }
        return switch (statement) {
            case "A" -> new TaxStart(emergencyCode, false);
            case "B" -> new TaxStart(emergencyCode, true);
            case "C" -> new TaxStart("BR", false);
            default -> throw new IllegalArgumentException("starter statement must be A, B or C: " + statement);
        };
    }
}
