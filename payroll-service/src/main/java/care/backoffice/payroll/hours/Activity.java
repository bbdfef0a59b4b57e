package care.backoffice.payroll.hours;

/** What the time was spent on. Only CARE is passed on to billing (as care delivered), and it needs a client. */
public enum Activity {
    CARE,
    TRAVEL,
    TEAM_MEETING,
    TRAINING,
    ADMIN,
    LEAVE_ANNUAL,
    LEAVE_SICK
}
