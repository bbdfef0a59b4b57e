package care.backoffice.stack.demo;

import care.backoffice.stack.api.Gateway;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * What the organisation's Keycloak administrator does when a new team starts: create the team's group (named as
 * the team code, attribute {@code team}, realm role {@code team-member}, exactly like the realm's two demo teams)
 * and the login of the colleague who starts the team, through Keycloak's admin REST API. Payroll onboarding then
 * puts every further colleague's login into that group. Safe to repeat: what exists is found and reused.
 *
 * <p>Signs in as the local stack's dev-only bootstrap administrator (admin / admin-dev-only, master realm).
 */
public final class KeycloakAdmin {

    private final String base;
    private final String realm;
    private final String adminPassword;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private String token;
    private long tokenAt;
    private JsonNode teamMemberRole;

    public KeycloakAdmin(String keycloakUrl, String realm, String adminPassword) {
        this.base = keycloakUrl;
        this.realm = realm;
        this.adminPassword = adminPassword;
    }

    /** The team's group (created if missing) with the team attribute and the team-member role; its id. */
    public String ensureTeamGroup(String team) {
        String id = findGroup(team);
        if (id == null) {
            Response r = call("POST", "/groups", Map.of("name", team, "attributes", Map.of("team", List.of(team))));
            if (r.status() == 201) {
                id = r.location().substring(r.location().lastIndexOf('/') + 1);
            } else if (r.status() == 409) {
                id = findGroup(team); // another client of this generator made it a moment ago
            } else {
                throw new IllegalStateException("Keycloak: group " + team + ": " + r.status() + " " + r.body());
            }
        }
        synchronized (this) {
            if (teamMemberRole == null) {
                teamMemberRole = call("GET", "/roles/team-member", null).expect(200, "role team-member").json();
            }
        }
        // Adding a role the group already has is a no-op in Keycloak, so this is safe on every replay.
        call("POST", "/groups/" + id + "/role-mappings/realm", List.of(teamMemberRole)).expect(204, "role of " + team);
        return id;
    }

    /** A login with a password, in the team's group; an existing one is put in the group and otherwise left alone. */
    public void ensureLogin(String username, String givenName, String familyName, String email, String password,
            String team, String groupId) {
        Map<String, Object> user = Map.of("username", username, "enabled", true, "emailVerified", true,
                "firstName", givenName, "lastName", familyName, "email", email,
                "credentials", List.of(Map.of("type", "password", "value", password, "temporary", false)),
                "groups", List.of("/" + team));
        Response r = call("POST", "/users", user);
        if (r.status() == 201) {
            return;
        }
        if (r.status() != 409) {
            throw new IllegalStateException("Keycloak: login " + username + ": " + r.status() + " " + r.body());
        }
        JsonNode found = call("GET", "/users?exact=true&username=" + enc(username), null).expect(200, "user " + username).json();
        if (found.isEmpty()) {
            throw new IllegalStateException("Keycloak: 409 for " + username + " but no such user (email taken?)");
        }
        call("PUT", "/users/" + found.get(0).get("id").asString() + "/groups/" + groupId, null)
                .expect(204, "group of " + username);
    }

    private String findGroup(String team) {
        JsonNode groups = call("GET", "/groups?exact=true&briefRepresentation=true&search=" + enc(team), null)
                .expect(200, "groups").json();
        for (JsonNode g : groups) {
            if (team.equals(g.path("name").asString())) {
                return g.get("id").asString();
            }
        }
        return null;
    }

    private record Response(int status, String body, String location) {
        Response expect(int wanted, String what) {
            if (status != wanted && !(wanted == 204 && status == 200)) {
                throw new IllegalStateException("Keycloak: " + what + ": " + status + " " + body);
            }
            return this;
        }

        JsonNode json() {
            return Gateway.JSON.readTree(body);
        }
    }

    private Response call(String method, String path, Object body) {
        for (int attempt = 0; ; attempt++) {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/admin/realms/" + realm + path))
                    .timeout(Duration.ofSeconds(60))
                    .header("Authorization", "Bearer " + adminToken())
                    .header("Content-Type", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(Gateway.JSON.writeValueAsString(body)));
            try {
                HttpResponse<String> res = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
                if (res.statusCode() == 401 && attempt < 2) {
                    forgetToken(); // the master realm's admin tokens live a minute
                    continue;
                }
                return new Response(res.statusCode(), res.body(), res.headers().firstValue("Location").orElse(""));
            } catch (IOException e) {
                if (attempt >= 2) {
                    throw new IllegalStateException("Keycloak admin API unreachable at " + base + ": " + e, e);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }

    private synchronized void forgetToken() {
        token = null;
    }

    /** Master-realm admin tokens live 60 s: fetch a new one after 40 s rather than meet a 401 mid-phase. */
    private synchronized String adminToken() {
        if (token == null || System.nanoTime() - tokenAt > 40_000_000_000L) {
            String form = "grant_type=password&client_id=admin-cli&username=admin&password=" + enc(adminPassword);
            try {
                HttpResponse<String> res = http.send(HttpRequest.newBuilder(
                                URI.create(base + "/realms/master/protocol/openid-connect/token"))
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
                if (res.statusCode() != 200) {
                    throw new IllegalStateException("Keycloak refused the administrator: " + res.statusCode() + " " + res.body());
                }
                token = Gateway.JSON.readTree(res.body()).get("access_token").asString();
                tokenAt = System.nanoTime();
            } catch (IOException e) {
                throw new IllegalStateException("Keycloak unreachable at " + base + ": " + e, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        return token;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
