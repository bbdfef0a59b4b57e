package care.backoffice.payroll.members;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jboss.resteasy.client.jaxrs.internal.ResteasyClientBuilderImpl;
import org.keycloak.OAuth2Constants;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.KeycloakBuilder;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.GroupRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Creates a colleague's login in Keycloak, in their team's group (the group is named exactly as the team code), with
 * payroll-service's own client credentials: its service account may manage users and query groups, nothing more.
 * Safe to repeat: a login that already exists with this username (a retry after a lost answer) is reused.
 */
@Component
public class KeycloakLogins {

    /** What Keycloak needs to know of the colleague. */
    public record NewLogin(String username, String givenName, String familyName, String email, String team) {}

    /** Keycloak could not be reached or refused; the login is retried later. */
    public static class Unavailable extends RuntimeException {
        Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final String url;
    private final String realm;
    private final String clientId;
    private final String clientSecret;
    private final long timeoutMillis;
    private volatile Keycloak keycloak;

    public KeycloakLogins(@Value("${backoffice.keycloak.url:http://localhost:18080}") String url,
            @Value("${backoffice.keycloak.realm:backoffice}") String realm,
            @Value("${backoffice.oauth.client-id}") String clientId,
            @Value("${backoffice.oauth.client-secret}") String clientSecret,
            @Value("${backoffice.keycloak.timeout:PT3S}") java.time.Duration timeout) {
        this.url = url;
        this.realm = realm;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.timeoutMillis = timeout.toMillis();
    }

    /** @return Keycloak's id of the (new or existing) user, who is now in the team's group */
    public String create(NewLogin login) {
        try {
            RealmResource r = client().realm(realm);
            String userId = existingOrNew(r, login);
            List<GroupRepresentation> groups = r.groups().groups(login.team(), true, 0, 2, true);
            GroupRepresentation group = groups.stream().filter(g -> login.team().equals(g.getName())).findFirst()
                    .orElseThrow(() -> new Unavailable("Keycloak has no group named " + login.team(), null));
            r.users().get(userId).joinGroup(group.getId());
            return userId;
        } catch (Unavailable e) {
            throw e;
        } catch (RuntimeException e) {
            // Connection refused, time-outs, 5xx, 401 from a token endpoint that is restarting: all mean "later".
            throw new Unavailable("Keycloak could not create the login: " + e, e);
        }
    }

    private static String existingOrNew(RealmResource r, NewLogin login) {
        UserRepresentation user = new UserRepresentation();
        user.setUsername(login.username());
        user.setFirstName(login.givenName());
        user.setLastName(login.familyName());
        user.setEmail(login.email());
        user.setEnabled(true);
        // No password is set here: the colleague chooses one at first sign-in (the team hands over a set-up link).
        user.setRequiredActions(List.of("UPDATE_PASSWORD"));
        try (Response created = r.users().create(user)) {
            if (created.getStatus() == 409) {
                return r.users().searchByUsername(login.username(), true).stream()
                        .filter(u -> login.username().equals(u.getUsername())).findFirst()
                        .orElseThrow(() -> new WebApplicationException("409 but no user " + login.username()))
                        .getId();
            }
            return CreatedResponseUtil.getCreatedId(created);
        }
    }

    private Keycloak client() {
        Keycloak k = keycloak;
        if (k == null) {
            synchronized (this) {
                if (keycloak == null) {
                    keycloak = KeycloakBuilder.builder().serverUrl(url).realm(realm)
                            .grantType(OAuth2Constants.CLIENT_CREDENTIALS).clientId(clientId).clientSecret(clientSecret)
                            .resteasyClient(new ResteasyClientBuilderImpl()
                                    .connectTimeout(timeoutMillis, TimeUnit.MILLISECONDS)
                                    .readTimeout(timeoutMillis, TimeUnit.MILLISECONDS)
                                    .connectionPoolSize(4).build())
                            .build();
                }
                k = keycloak;
            }
        }
        return k;
    }
}
