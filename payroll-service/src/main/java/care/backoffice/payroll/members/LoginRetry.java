package care.backoffice.payroll.members;

import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creates the logins Keycloak could not create when the colleague was added. Pending rows are claimed with
 * {@code FOR UPDATE SKIP LOCKED} (replicas retry side by side, never the same login at once) and deleted only when
 * the login exists; a failure backs off from 30 s doubling to an hour, for ever: a login is never lost.
 */
@Component
public class LoginRetry {

    private static final Logger log = LoggerFactory.getLogger(LoginRetry.class);
    private static final int BATCH = 20;

    private record Due(UUID employeeId, int attempts, String username, String givenName, String familyName,
            String email, String team) {}

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final KeycloakLogins logins;
    private final MemberRepository members;

    public LoginRetry(JdbcClient jdbc, TransactionTemplate tx, KeycloakLogins logins, MemberRepository members) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.logins = logins;
        this.members = members;
    }

    static KeycloakLogins.NewLogin newLogin(String username, String given, String family, String email, String team) {
        return new KeycloakLogins.NewLogin(username, given, family, email, team);
    }

    @Scheduled(fixedDelayString = "${backoffice.keycloak.retry-interval:PT30S}",
            initialDelayString = "${backoffice.keycloak.retry-initial-delay:PT20S}")
    public void scheduled() {
        try {
            retryDue();
        } catch (RuntimeException e) {
            log.warn("Login retry pass failed; will try again: {}", e.toString());
        }
    }

    /** One pass over the due pending logins. @return how many logins were created */
    public int retryDue() {
        Integer created = tx.execute(s -> {
            List<Due> due = jdbc.sql("""
                    select p.employee_id, p.attempts, e.login_username, e.given_name, e.family_name, e.email, e.team_code
                    from pending_login p join employee e on e.id = p.employee_id
                    where p.next_attempt_at <= now() order by p.next_attempt_at limit ? for update of p skip locked""")
                    .param(BATCH)
                    .query((rs, n) -> new Due(rs.getObject(1, UUID.class), rs.getInt(2), rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7)))
                    .list();
            int ok = 0;
            for (Due d : due) {
                try {
                    String userId = logins.create(newLogin(d.username(), d.givenName(), d.familyName(), d.email(),
                            d.team()));
                    members.loginCreated(d.employeeId(), userId);
                    ok++;
                } catch (KeycloakLogins.Unavailable e) {
                    long seconds = Math.min(3600, 30L << Math.min(d.attempts(), 7));
                    jdbc.sql("""
                            update pending_login set attempts = attempts + 1, last_error = ?,
                                next_attempt_at = now() + make_interval(secs => ?) where employee_id = ?""")
                            .params(abbreviate(e.getMessage()), (double) seconds, d.employeeId()).update();
                }
            }
            return ok;
        });
        return created == null ? 0 : created;
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 500 ? s.substring(0, 500) + "…" : s;
    }
}
