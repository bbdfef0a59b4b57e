package care.backoffice.stack;

import static care.backoffice.stack.RunningStack.call;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Teams hire without asking anyone: a nurse adds a colleague through the gateway, and payroll-service creates the
 * colleague's login in the real Keycloak, in the team's group, with its own client credentials.
 */
class OnboardingWithRealKeycloakIT {

    @Test
    void aTeamOnboardsAColleagueAndTheLoginAppearsInItsGroup() throws Exception {
        String anna = RunningStack.passwordToken("anna");
        String given = "Noor" + ThreadLocalRandom.current().ints(6, 'a', 'z' + 1)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append);
        String ni = String.format("JT%06dA", ThreadLocalRandom.current().nextInt(1000000));
        String body = """
                {"givenName":"%s","familyName":"Visser","dateOfBirth":"1992-06-01","startDate":"2026-11-01",
                 "niNumber":"%s","email":"%s@example.org",
                 "address":{"line1":"3 Mill Street","line3":"Leeds","postcode":"LS1 4AB"},
                 "bankAccount":{"sortCode":"200000","accountNumber":"55779911","accountName":"N Visser"},
                 "starterDeclaration":"A","studentLoanPlans":[],
                 "payAgreement":{"annualSalary":"29000","contractedWeeklyHours":"32"}}
                """.formatted(given, ni, given.toLowerCase());

        HttpResponse<String> created = call("POST", "/api/payroll/teams/team-arnhem-noord/members", anna, body);

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.body()).contains("\"status\":\"CREATED\"");
        Matcher username = Pattern.compile("\"login\"\\s*:\\s*\\{[^}]*\"username\"\\s*:\\s*\"([^\"]+)\"").matcher(created.body());
        assertThat(username.find()).as(created.body()).isTrue();

        String admin = keycloakAdminToken();
        String kc = "http://localhost:" + RunningStack.get().settings().keycloakPort();
        HttpResponse<String> users = get(kc + "/admin/realms/backoffice/users?exact=true&username="
                + URLEncoder.encode(username.group(1), StandardCharsets.UTF_8), admin);
        assertThat(users.statusCode()).isEqualTo(200);
        Matcher id = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"").matcher(users.body());
        assertThat(id.find()).as("Keycloak knows user " + username.group(1)).isTrue();
        HttpResponse<String> groups = get(kc + "/admin/realms/backoffice/users/" + id.group(1) + "/groups", admin);
        assertThat(groups.body()).contains("\"name\":\"team-arnhem-noord\"");
    }

    private static String keycloakAdminToken() throws Exception {
        String kc = "http://localhost:" + RunningStack.get().settings().keycloakPort();
        HttpResponse<String> res = RunningStack.HTTP.send(HttpRequest.newBuilder(
                        URI.create(kc + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "grant_type=password&client_id=admin-cli&username=admin&password=admin-dev-only"))
                .build(), HttpResponse.BodyHandlers.ofString());
        Matcher m = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"").matcher(res.body());
        assertThat(m.find()).as(res.body()).isTrue();
        return m.group(1);
    }

    private static HttpResponse<String> get(String url, String token) throws Exception {
        return RunningStack.HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
