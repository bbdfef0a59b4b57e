package care.backoffice.support.security;

/** Realm roles of the {@code backoffice} realm (see keycloak/backoffice-realm.json and DESIGN.md). */
public final class Roles {
    public static final String TEAM_MEMBER = "team-member";
    public static final String BACK_OFFICE = "back-office";
    public static final String FINANCE = "finance";
    /** Service accounts (client-credentials): one role per calling service. */
    public static final String SERVICE_BILLING = "service-billing";
    public static final String SERVICE_PAYROLL = "service-payroll";
    public static final String SERVICE_PROCUREMENT = "service-procurement";
    public static final String SERVICE_FINANCE = "service-finance";

    private Roles() {}
}
