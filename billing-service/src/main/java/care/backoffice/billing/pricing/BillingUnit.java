package care.backoffice.billing.pricing;

/** The step in which a visit's minutes are charged; councils differ (per minute, or blocks of 5 or 15). */
public enum BillingUnit {
    MINUTE(1),
    FIVE_MINUTES(5),
    FIFTEEN_MINUTES(15);

    private final int minutes;

    BillingUnit(int minutes) {
        this.minutes = minutes;
    }

    public int minutes() {
        return minutes;
    }
}
