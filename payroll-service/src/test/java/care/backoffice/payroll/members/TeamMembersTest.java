package care.backoffice.payroll.members;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import care.backoffice.payroll.PayrollIntegrationTest;
import care.backoffice.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

class TeamMembersTest extends PayrollIntegrationTest {

    static final String ARNHEM = "team-arnhem-noord";
    /** Used by no other test class (they share one database per Spring context), so its member count is known. */
    static final String LEEDS = "team-york-west";

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;

    /** Address, bank account and pay: valid, so that a test about other fields is only about them. */
    static final String REST = """
            "address":{"line1":"12 Kerkstraat","postcode":"LS9 8AB"},
            "bankAccount":{"sortCode":"12-34-56","accountNumber":"12345678","accountName":"A DE VRIES"},
            "starterDeclaration":"A","payAgreement":{"annualSalary":"28500.00","contractedWeeklyHours":"37.5"}""";

    static String colleague(String given, String family, String ni) {
        return """
                {"givenName":"%s","familyName":"%s","dateOfBirth":"1990-04-12","startDate":"2026-12-01","niNumber":"%s",%s}
                """.formatted(given, family, ni, REST);
    }

    ResultActions postMember(String team, String token, String body, String key) throws Exception {
        var req = post("/api/payroll/teams/" + team + "/members").contentType(MediaType.APPLICATION_JSON).content(body);
        if (token != null) {
            req.header("Authorization", "Bearer " + token);
        }
        if (key != null) {
            req.header("Idempotency-Key", key);
        }
        return mvc.perform(req);
    }

    long employees() {
        return jdbc.sql("select count(*) from employee").query(Long.class).single();
    }

    @Test
    void aTeamMemberAddsAColleagueToTheirOwnTeamAndSeesThem() throws Exception {
        postMember(ARNHEM, TestTokens.teamMember(ARNHEM), colleague("Anna", "de Vries", "ab 12 34 56 c"), null)
                .andExpect(status().isCreated())
                .andExpect(header().exists("Location"))
                .andExpect(jsonPath("$.team").value(ARNHEM))
                .andExpect(jsonPath("$.niNumber").value("AB123456C"))
                .andExpect(jsonPath("$.dateOfBirth").value("1990-04-12"))
                .andExpect(jsonPath("$.createdBy").value("nurse-" + ARNHEM));

        mvc.perform(get("/api/payroll/teams/" + ARNHEM + "/members")
                        .header("Authorization", "Bearer " + TestTokens.teamMember(ARNHEM)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.familyName == 'de Vries')].givenName").value("Anna"))
                // colleagues see names and start date; date of birth and full NI number are for the back office
                .andExpect(jsonPath("$[?(@.familyName == 'de Vries')].niNumber").value("******56C"))
                .andExpect(jsonPath("$[?(@.familyName == 'de Vries')].dateOfBirth").value(contains(nullValue())));

        mvc.perform(get("/api/payroll/teams/" + ARNHEM + "/members")
                        .header("Authorization", "Bearer " + TestTokens.backOffice()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.familyName == 'de Vries')].niNumber").value("AB123456C"));
    }

    @Test
    void aTeamSeesOnlyItsOwnMembers() throws Exception {
        postMember(LEEDS, TestTokens.teamMember(LEEDS), colleague("Bea", "Okafor", "AB223456A"), null)
                .andExpect(status().isCreated());
        postMember(LEEDS, TestTokens.backOffice(), colleague("Cem", "Yilmaz", "AB223457B"), null)
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.createdBy").value("backoffice-user"));

        mvc.perform(get("/api/payroll/teams/" + LEEDS + "/members")
                        .header("Authorization", "Bearer " + TestTokens.teamMember(LEEDS)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$", hasSize(2)))
                .andExpect(jsonPath("$[*].familyName", containsInAnyOrder("Okafor", "Yilmaz")))
                .andExpect(jsonPath("$[*].team", containsInAnyOrder(LEEDS, LEEDS)));
    }

    @Test
    void aTeamMemberCannotSeeOrAddToAnotherTeam() throws Exception {
        String arnhemNurse = TestTokens.teamMember(ARNHEM);
        mvc.perform(get("/api/payroll/teams/" + LEEDS + "/members").header("Authorization", "Bearer " + arnhemNurse))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"));
        long before = employees();
        postMember(LEEDS, arnhemNurse, colleague("Dan", "Smith", "AB654321C"), null)
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"));
        org.junit.jupiter.api.Assertions.assertEquals(before, employees());
    }

    @Test
    void wrongRolesAreForbidden() throws Exception {
        for (String token : new String[] {TestTokens.finance(), TestTokens.service("billing"),
                TestTokens.withRoles("someone", ARNHEM /* a team claim but no team-member role */)}) {
            mvc.perform(get("/api/payroll/teams/" + ARNHEM + "/members").header("Authorization", "Bearer " + token))
                    .andExpect(status().isForbidden())
                    .andExpect(content().contentTypeCompatibleWith("application/problem+json"));
            postMember(ARNHEM, token, colleague("Eve", "Jones", "AB111111D"), null).andExpect(status().isForbidden());
        }
    }

    @Test
    void requestsWithoutAValidTokenAreUnauthorized() throws Exception {
        mvc.perform(get("/api/payroll/teams/" + ARNHEM + "/members"))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"));
        postMember(ARNHEM, null, colleague("Eve", "Jones", "AB111111D"), null).andExpect(status().isUnauthorized());
        for (String bad : new String[] {TestTokens.expired(ARNHEM), TestTokens.unsigned(),
                TestTokens.signedByStranger(), "not-a-jwt"}) {
            mvc.perform(get("/api/payroll/teams/" + ARNHEM + "/members").header("Authorization", "Bearer " + bad))
                    .andExpect(status().isUnauthorized())
                    .andExpect(content().contentTypeCompatibleWith("application/problem+json"));
            postMember(ARNHEM, bad, colleague("Eve", "Jones", "AB111111D"), null).andExpect(status().isUnauthorized());
        }
    }

    @Test
    void badInputNamesEveryBadFieldAndStoresNothing() throws Exception {
        long before = employees();
        postMember(ARNHEM, TestTokens.teamMember(ARNHEM), """
                {"givenName":"","familyName":"X1","dateOfBirth":"12-04-1990","startDate":"2026-02-30","niNumber":"DQ123456C",%s}
                """.formatted(REST), null)
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.errors[*].field",
                        containsInAnyOrder("givenName", "familyName", "dateOfBirth", "startDate", "niNumber")));
        postMember(ARNHEM, TestTokens.teamMember(ARNHEM), "{}", null)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", containsInAnyOrder("givenName", "familyName", "dateOfBirth",
                        "startDate", "niNumber", "address", "bankAccount", "payAgreement")));
        postMember(ARNHEM, TestTokens.teamMember(ARNHEM), """
                {"givenName":"Kid","familyName":"Young","dateOfBirth":"2015-01-01","startDate":"2026-12-01","niNumber":"AB123456X",%s}
                """.formatted(REST), null)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", containsInAnyOrder("dateOfBirth", "niNumber")));
        postMember(ARNHEM, TestTokens.teamMember(ARNHEM), "{not json", null).andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"));
        org.junit.jupiter.api.Assertions.assertEquals(before, employees());
    }

    @Test
    void anIdempotencyKeyReplaysTheFirstAnswerAndRefusesADifferentBody() throws Exception {
        String token = TestTokens.teamMember(ARNHEM);
        String body = colleague("Fleur", "Bakker", "CE123456A");
        String first = postMember(ARNHEM, token, body, "onboard-fleur-1").andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString();
        long after = employees();
        String second = postMember(ARNHEM, token, body, "onboard-fleur-1").andExpect(status().isCreated())
                .andExpect(header().string("Idempotent-Replayed", "true"))
                .andReturn().getResponse().getContentAsString();
        org.junit.jupiter.api.Assertions.assertEquals(first, second);
        org.junit.jupiter.api.Assertions.assertEquals(after, employees());

        postMember(ARNHEM, token, colleague("Fleur", "Bakker-Jansen", "CE123456A"), "onboard-fleur-1")
                .andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"));
        // The same NI number again without a key is a conflict, not a second employee.
        postMember(ARNHEM, token, body, null).andExpect(status().isConflict());
        org.junit.jupiter.api.Assertions.assertEquals(after, employees());
    }
}
