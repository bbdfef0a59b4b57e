package care.backoffice.payroll.engine;

/**
 * How often an employee is paid. Income tax for 2-weekly and 4-weekly pay uses the weekly tables with the tax
 * week number (period × weeks per period); monthly pay uses the monthly tables. The extra period in a year with
 * 53 (or 54, 56) pay days — week 53, fortnight 27, four-week period 14 — is taxed non-cumulatively.
 */
public enum PayFrequency {
    WEEKLY(52, 1),
    FORTNIGHTLY(26, 2),
    FOUR_WEEKLY(13, 4),
    MONTHLY(12, 0);

    private final int periodsInYear;
    private final int weeksPerPeriod;

    PayFrequency(int periodsInYear, int weeksPerPeriod) {
        this.periodsInYear = periodsInYear;
        this.weeksPerPeriod = weeksPerPeriod;
    }

    /** Regular periods in a tax year: 52, 26, 13 or 12. */
    public int periodsInYear() {
        return periodsInYear;
    }

    /** The highest period number accepted: the regular ones plus the week-53/54/56 period for week-based pay. */
    public int maxPeriod() {
        return this == MONTHLY ? 12 : periodsInYear + 1;
    }

    public boolean weekBased() {
        return this != MONTHLY;
    }

    /** 1, 2 or 4 for week-based pay; 0 for monthly. */
    public int weeksPerPeriod() {
        return weeksPerPeriod;
    }

    /** Week 53 (weekly), 54 (2-weekly) or 56 (4-weekly): the period after the regular ones. */
    public boolean isExtraPeriod(int period) {
        return weekBased() && period == periodsInYear + 1;
    }

    /** Periods in the table year: 52 for week-based tables, 12 for monthly. */
    int tableBase() {
        return weekBased() ? 52 : 12;
    }
}
