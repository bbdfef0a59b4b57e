package care.backoffice.finance.periods;

/** A calendar month of the ledger. Soft-closed months may be reopened; a hard lock (year end) is final. */
public enum PeriodStatus {
    OPEN, SOFT_CLOSED, HARD_LOCKED
}
