package care.backoffice.stack;

import static care.backoffice.stack.RunningStack.call;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The foundation, end to end: a real Keycloak issues real tokens for the demo users of our realm, the gateway
 * checks them and routes, each service checks them again and answers from its own PostgreSQL database.
 */
class ThroughTheGatewayIT {

    @BeforeAll
    static void stackIsUp() throws Exception {
        RunningStack.get();
    }

    @Test
    void aTeamMembersTokenCarriesHerRoleAndTeam() throws Exception {
        String claims = RunningStack.claims(RunningStack.passwordToken("anna"));
        assertThat(claims).contains("\"team\":\"team-arnhem-noord\"").contains("team-member")
                .contains("\"iss\":\"" + RunningStack.get().settings().issuer() + "\"");
    }

    @Test
    void withATokenTheGatewayAnswersFromTheServicesDatabaseWithoutOneIt401s() throws Exception {
        String anna = RunningStack.passwordToken("anna");
        HttpResponse<String> accounts = call("GET", "/api/finance/accounts", anna, null);
        assertThat(accounts.statusCode()).isEqualTo(200);
        assertThat(accounts.body()).contains("\"code\":\"0010\"");
        assertThat(accounts.headers().firstValue("X-Correlation-Id")).isPresent();

        HttpResponse<String> anonymous = call("GET", "/api/finance/accounts", null, null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(call("GET", "/api/finance/accounts", anna + "x", null).statusCode()).isEqualTo(401);
    }

    @Test
    void aTeamMemberSeesHerOwnTeamButNotAnotherTeam() throws Exception {
        String anna = RunningStack.passwordToken("anna");
        assertThat(call("GET", "/api/payroll/teams/team-arnhem-noord/members", anna, null).statusCode()).isEqualTo(200);
        assertThat(call("GET", "/api/payroll/teams/team-leeds-east/members", anna, null).statusCode()).isEqualTo(403);

        String chloe = RunningStack.passwordToken("chloe");
        assertThat(call("GET", "/api/payroll/teams/team-leeds-east/members", chloe, null).statusCode()).isEqualTo(200);
    }

    @Test
    void theBackOfficeSetsUpASupplierThatEveryColleagueCanSeeButNotCreate() throws Exception {
        String supplier = """
                {"name":"Medisupply Ltd","address":{"line1":"1 Dock Road","town":"Leeds","postcode":"LS1 4AB","countryCode":"GB"},
                 "orderEndpointUrl":"https://orders.medisupply.example/peppol",
                 "bankDetails":{"accountName":"Medisupply Ltd","sortCode":"123456","accountNumber":"12345678"},
                 "paymentTermsDays":30}""";
        String anna = RunningStack.passwordToken("anna");
        assertThat(call("POST", "/api/procurement/suppliers", anna, supplier).statusCode())
                .as("a team member cannot set up suppliers").isEqualTo(403);

        HttpResponse<String> created = call("POST", "/api/procurement/suppliers", RunningStack.passwordToken("dave"), supplier);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

        HttpResponse<String> seen = call("GET", "/api/procurement/suppliers", anna, null);
        assertThat(seen.statusCode()).isEqualTo(200);
        assertThat(seen.body()).contains("Medisupply Ltd");
    }

    @Test
    void aServiceAccountGetsAClientCredentialsTokenThatTheOtherServicesAccept() throws Exception {
        String billing = RunningStack.serviceToken("billing");
        assertThat(RunningStack.claims(billing)).contains("service-billing");
        assertThat(call("GET", "/api/finance/accounts", billing, null).statusCode()).isEqualTo(200);
    }

    @Test
    void everyServicePublishesItsApiDocsThroughTheGatewayAndItsMetricsOnItsOwnPort() throws Exception {
        for (String service : StackSettings.SERVICES) {
            HttpResponse<String> docs = call("GET", "/api/" + service + "/api-docs", null, null);
            assertThat(docs.statusCode()).as(service + " api-docs").isEqualTo(200);
            assertThat(docs.body()).contains("\"openapi\"");
            HttpResponse<String> metrics = RunningStack.HTTP.send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(RunningStack.get().settings().serviceUrl(service) + "/actuator/prometheus"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(metrics.statusCode()).as(service + " prometheus").isEqualTo(200);
            assertThat(metrics.body()).contains("jvm_memory_used_bytes");
        }
    }

    @Test
    void unknownRoutesAre404AndHealthIsOpen() throws Exception {
        String dave = RunningStack.passwordToken("dave");
        assertThat(call("GET", "/api/nowhere", dave, null).statusCode()).isEqualTo(404);
        assertThat(call("GET", "/actuator/health/readiness", null, null).statusCode()).isEqualTo(200);
    }
}
