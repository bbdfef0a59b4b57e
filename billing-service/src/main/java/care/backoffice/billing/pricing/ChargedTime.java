package care.backoffice.billing.pricing;

/** Whether the funder pays the time actually spent or the planned (commissioned) time of the visit. */
public enum ChargedTime {
    ACTUAL,
    PLANNED
}
