package care.backoffice.payroll.members;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import care.backoffice.payroll.WithOtherParties;
import care.backoffice.testing.TestTokens;
import java.time.LocalDate;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.json.JsonMapper;

/** Teams onboard colleagues: full record, first tax code from the starter checklist, and a Keycloak login. */
class OnboardingTest extends WithOtherParties {

    static final String USERS = "/admin/realms/backoffice/users";

    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper json;
    @Autowired
    LoginRetry retry;

    String team;
    String token;

    @BeforeEach
    void setUp() {
        resetOthers();
        team = "team-o" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
        token = TestTokens.teamMember(team);
    }

    /** Keycloak's admin API as payroll uses it: create the user, find the team's group, put the user in it. */
    void keycloakUp(String userId) {
        others.stubFor(post(USERS).willReturn(aResponse().withStatus(201)
                .withHeader("Location", others.baseUrl() + USERS + "/" + userId)));
        others.stubFor(get(urlPathEqualTo("/admin/realms/backoffice/groups")).willReturn(aResponse()
                .withHeader("Content-Type", "application/json")
                .withBody("[{\"id\":\"group-" + team + "\",\"name\":\"" + team + "\",\"path\":\"/" + team + "\"}]")));
        others.stubFor(put(USERS + "/" + userId + "/groups/group-" + team).willReturn(aResponse().withStatus(204)));
    }

    static String ni() {
        return "JM" + String.format("%06d", ThreadLocalRandom.current().nextInt(1_000_000)) + "C";
    }

    static String colleague(String given, String starter, String extra) {
        return """
                {"givenName":"%s","familyName":"Jansen","dateOfBirth":"1990-04-12","startDate":"2026-11-01",
                 "niNumber":"%s","email":"%s@example.org",
                 "address":{"line1":"Flat 2","line2":"14 Harehills Lane","line3":"Leeds","postcode":"ls9 8ab"},
                 "bankAccount":{"sortCode":"20 00 00","accountNumber":"55779911","accountName":"M Jansen"},
                 %s "studentLoanPlans":["PLAN_2","POSTGRADUATE"],
                 "payAgreement":{"annualSalary":"31200","contractedWeeklyHours":"30"}%s}
                """.formatted(given, ni(), given.toLowerCase(), starter == null ? "" : "\"starterDeclaration\":\"" + starter + "\",",
                extra);
    }

    ResultActions add(String body) throws Exception {
        return mvc.perform(mvcPost("/api/payroll/teams/" + team + "/members").header("Authorization", "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON).content(body));
    }

    static org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder mvcPost(String path) {
        return org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(path);
    }

    UUID id(ResultActions r) throws Exception {
        return UUID.fromString(json.readTree(r.andReturn().getResponse().getContentAsString()).get("id").asString());
    }

    @Test
    void aColleagueIsSavedWithEverythingPayrollNeedsAndGetsALoginInTheTeamsGroup() throws Exception {
        keycloakUp("kc-user-1");
        UUID id = id(add(colleague("Maria", "A", ""))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.login.status").value("CREATED"))
                .andExpect(jsonPath("$.login.username", startsWith("maria.jansen.")))
                .andExpect(jsonPath("$.details.address.postcode").value("LS9 8AB"))
                .andExpect(jsonPath("$.details.bankAccount.sortCode").value("200000"))
                .andExpect(jsonPath("$.details.bankAccount.accountName").value("M JANSEN"))
                .andExpect(jsonPath("$.details.tax.taxCode").value("1257L"))
                .andExpect(jsonPath("$.details.tax.nonCumulative").value(false))
                .andExpect(jsonPath("$.details.tax.niCategory").value("A"))
                .andExpect(jsonPath("$.details.tax.studentLoanPlans", containsInAnyOrder("PLAN_2", "POSTGRADUATE")))
                .andExpect(jsonPath("$.details.payAgreement.kind").value("SALARIED"))
                .andExpect(jsonPath("$.details.payAgreement.annualSalary").value(31200.00))
                .andExpect(jsonPath("$.details.pension").value("ENROLLED")));

        others.verify(1, postRequestedFor(urlEqualTo(USERS))
                .withHeader("Authorization", equalTo("Bearer payroll-service-token"))
                .withRequestBody(matchingJsonPath("$.firstName", equalTo("Maria")))
                .withRequestBody(matchingJsonPath("$.email", equalTo("maria@example.org")))
                .withRequestBody(matchingJsonPath("$.enabled", equalTo("true"))));
        others.verify(1, putRequestedFor(urlEqualTo(USERS + "/kc-user-1/groups/group-" + team)));
        assertThat(jdbc.sql("select login_status || ' ' || login_user_id from employee where id = ?").param(id)
                .query(String.class).single()).isEqualTo("CREATED kc-user-1");

        // The back office reads it all back; a colleague in the team sees no personal details.
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get(
                        "/api/payroll/teams/" + team + "/members").header("Authorization", "Bearer " + TestTokens.backOffice()))
                .andExpect(jsonPath("$[0].details.bankAccount.accountNumber").value("55779911"))
                .andExpect(jsonPath("$[0].details.payAgreement.contractedWeeklyHours").value(30.00))
                .andExpect(jsonPath("$[0].details.tax.source").value("STARTER_CHECKLIST_A"));
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get(
                        "/api/payroll/teams/" + team + "/members").header("Authorization", "Bearer " + token))
                .andExpect(jsonPath("$[0].details").doesNotExist())
                .andExpect(jsonPath("$[0].login.status").value("CREATED"));
    }

    @Test
    void theStarterChecklistDecidesTheFirstTaxCodeAndBasis() throws Exception {
        keycloakUp("kc-user-2");
        add(colleague("Bart", "B", "")).andExpect(jsonPath("$.details.tax.taxCode").value("1257L"))
                .andExpect(jsonPath("$.details.tax.nonCumulative").value(true));
        add(colleague("Cato", "C", "")).andExpect(jsonPath("$.details.tax.taxCode").value("BR"))
                .andExpect(jsonPath("$.details.tax.nonCumulative").value(false));
        add(colleague("Dirk", null, ",\"pension\":\"OPTED_OUT\"")).andExpect(jsonPath("$.details.tax.taxCode").value("0T"))
                .andExpect(jsonPath("$.details.tax.nonCumulative").value(true))
                .andExpect(jsonPath("$.details.tax.source").value("NO_STARTER_CHECKLIST"))
                .andExpect(jsonPath("$.details.pension").value("OPTED_OUT"));
        // Under 21 on the first day: NI category M (the employer pays no NI up to the UST).
        add(colleague("Eva", "A", "").replace("1990-04-12", "2007-01-01"))
                .andExpect(jsonPath("$.details.tax.niCategory").value("M"));
        add(colleague("Fenna", "A", "").replace("\"annualSalary\":\"31200\",\"contractedWeeklyHours\":\"30\"",
                        "\"hourlyRate\":\"13.45\""))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.details.payAgreement.kind").value("HOURLY"))
                .andExpect(jsonPath("$.details.payAgreement.hourlyRate").value(13.45));
    }

    @Test
    void whenKeycloakIsDownTheColleagueIsSavedAndTheLoginIsCreatedByTheRetry() throws Exception {
        others.stubFor(post(USERS).willReturn(aResponse().withStatus(503)));
        UUID id = id(add(colleague("Gijs", "A", "")).andExpect(status().isCreated())
                .andExpect(jsonPath("$.login.status").value("PENDING")));
        assertThat(jdbc.sql("select count(*) from employee where id = ?").param(id).query(Long.class).single()).isOne();
        assertThat(jdbc.sql("select count(*) from pending_login where employee_id = ?").param(id).query(Long.class)
                .single()).isOne();

        // Not due yet: nothing is tried.
        others.resetRequests();
        retry.retryDue();
        others.verify(0, postRequestedFor(urlEqualTo(USERS)));

        // Keycloak is back, and the back-off has passed.
        keycloakUp("kc-user-3");
        jdbc.sql("update pending_login set next_attempt_at = now() where employee_id = ?").param(id).update();
        assertThat(retry.retryDue()).isEqualTo(1);
        assertThat(jdbc.sql("select login_status || ' ' || login_user_id from employee where id = ?").param(id)
                .query(String.class).single()).isEqualTo("CREATED kc-user-3");
        assertThat(jdbc.sql("select count(*) from pending_login where employee_id = ?").param(id).query(Long.class)
                .single()).isZero();
        others.verify(1, putRequestedFor(urlEqualTo(USERS + "/kc-user-3/groups/group-" + team)));

        others.resetRequests();
        retry.retryDue();
        others.verify(0, anyRequestedFor(anyUrl()).withUrl(USERS));
    }

    @Test
    void aRetryAfterALostAnswerReusesTheLoginKeycloakAlreadyMade() throws Exception {
        keycloakUp("kc-user-4");
        others.stubFor(post(USERS).willReturn(aResponse().withStatus(409)));
        others.stubFor(get(urlPathEqualTo(USERS)).willReturn(aResponse().withHeader("Content-Type", "application/json")
                .withBody("[{\"id\":\"kc-user-4\",\"username\":\"{{request.query.username}}\"}]")
                .withTransformers("response-template")));
        add(colleague("Hanna", "A", "")).andExpect(status().isCreated())
                .andExpect(jsonPath("$.login.status").value("CREATED"));
        others.verify(1, putRequestedFor(urlEqualTo(USERS + "/kc-user-4/groups/group-" + team)));
    }

    @Test
    void everyBadOnboardingFieldIsNamedAndNothingIsStored() throws Exception {
        long before = jdbc.sql("select count(*) from employee").query(Long.class).single();
        add("""
                {"givenName":"Ivo","familyName":"Kok","dateOfBirth":"1990-04-12","startDate":"2026-11-01",
                 "niNumber":"%s","email":"not-an-email",
                 "address":{"line1":"","postcode":"NOWHERE"},
                 "bankAccount":{"sortCode":"12-34","accountNumber":"1234567","accountName":"Ivo Kok <script>"},
                 "starterDeclaration":"D","studentLoanPlans":["PLAN_9","PLAN_1","PLAN_1"],
                 "payAgreement":{"annualSalary":"28,500","contractedWeeklyHours":"99"},"pension":"MAYBE"}
                """.formatted(ni()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", containsInAnyOrder("email", "address.line1", "address.postcode",
                        "bankAccount.sortCode", "bankAccount.accountNumber", "bankAccount.accountName",
                        "starterDeclaration", "studentLoanPlans[0]", "studentLoanPlans[2]", "payAgreement.annualSalary",
                        "payAgreement.contractedWeeklyHours", "pension")));
        add(colleague("Jop", "A", "").replace("\"contractedWeeklyHours\":\"30\"}", "\"contractedWeeklyHours\":\"30\",\"hourlyRate\":\"12.00\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("payAgreement"));
        assertThat(jdbc.sql("select count(*) from employee").query(Long.class).single()).isEqualTo(before);
        others.verify(0, postRequestedFor(urlEqualTo(USERS)));
    }

    @Test
    void aLeaverIsRecordedOnceAndNotBeforeHoursTheyAlreadyWorked() throws Exception {
        keycloakUp("kc-user-5");
        UUID id = id(add(colleague("Kees", "A", "")));
        String leaving = "/api/payroll/teams/" + team + "/members/" + id + "/leaving";
        jdbc.sql("""
                insert into hours_entry (id, employee_id, team_code, work_date, start_time, minutes, activity,
                    submitted_by, submitted_at) values (?, ?, ?, date '2026-11-10', time '09:00', 60, 'ADMIN', 't', now())""")
                .params(UUID.randomUUID(), id, team).update();

        mvc.perform(mvcPost(leaving).header("Authorization", "Bearer " + token).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"leavingDate\":\"2026-11-05\"}"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("leavingDate"));
        mvc.perform(mvcPost(leaving).header("Authorization", "Bearer " + token).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"leavingDate\":\"2026-10-01\"}"))
                .andExpect(status().isBadRequest());
        mvc.perform(mvcPost(leaving).header("Authorization", "Bearer " + TestTokens.teamMember(team + "-x"))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"leavingDate\":\"2026-11-20\"}"))
                .andExpect(status().isForbidden());
        mvc.perform(mvcPost(leaving).header("Authorization", "Bearer " + token).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"leavingDate\":\"2026-11-20\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.leavingDate").value("2026-11-20"));
        mvc.perform(mvcPost(leaving).header("Authorization", "Bearer " + token).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"leavingDate\":\"2026-11-21\"}"))
                .andExpect(status().isConflict());
        assertThat(jdbc.sql("select leaving_date || ' ' || leaving_recorded_by from employee where id = ?").param(id)
                .query(String.class).single()).isEqualTo("2026-11-20 nurse-" + team);
    }

    @Test
    void theBackOfficeChangesTaxCodesFromHmrcNoticesAndEveryChangeIsKept() throws Exception {
        keycloakUp("kc-user-6");
        UUID id = id(add(colleague("Lotte", "B", "")));
        String path = "/api/payroll/members/" + id + "/tax-settings";
        mvc.perform(mvcPost(path).header("Authorization", "Bearer " + TestTokens.backOffice())
                        .contentType(MediaType.APPLICATION_JSON).content("""
                                {"effectiveFrom":"2026-12-01","taxCode":"S1100L","source":"HMRC_CODING_NOTICE",
                                 "reason":"P6 of 2026-11-20"}"""))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$", hasSize(2)))
                .andExpect(jsonPath("$[0].setting.taxCode").value("1257L"))
                .andExpect(jsonPath("$[0].setting.nonCumulative").value(true))
                .andExpect(jsonPath("$[1].setting.taxCode").value("S1100L"))
                .andExpect(jsonPath("$[1].setting.nonCumulative").value(false))
                .andExpect(jsonPath("$[1].setting.effectiveFrom").value("2026-12-01"))
                .andExpect(jsonPath("$[1].setting.changedBy").value("backoffice-user"))
                .andExpect(jsonPath("$[1].setting.studentLoanPlans", containsInAnyOrder("PLAN_2", "POSTGRADUATE")))
                .andExpect(jsonPath("$[1].reason").value("P6 of 2026-11-20"));
        mvc.perform(mvcPost(path).header("Authorization", "Bearer " + TestTokens.backOffice())
                        .contentType(MediaType.APPLICATION_JSON).content("""
                                {"effectiveFrom":"2027-01-01","niCategory":"C","studentLoanPlans":[]}"""))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$[2].setting.taxCode").value("S1100L"))
                .andExpect(jsonPath("$[2].setting.niCategory").value("C"))
                .andExpect(jsonPath("$[2].setting.studentLoanPlans", hasSize(0)));
        mvc.perform(mvcPost(path).header("Authorization", "Bearer " + TestTokens.backOffice())
                        .contentType(MediaType.APPLICATION_JSON).content("""
                                {"effectiveFrom":"2026-10-01","taxCode":"12X57","niCategory":"Q","source":"A_FRIEND"}"""))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", containsInAnyOrder("effectiveFrom", "taxCode", "niCategory",
                        "source")));
        mvc.perform(mvcPost(path).header("Authorization", "Bearer " + token).contentType(MediaType.APPLICATION_JSON)
                .content("{\"effectiveFrom\":\"2026-12-01\",\"taxCode\":\"NT\"}")).andExpect(status().isForbidden());
        assertThat(jdbc.sql("select count(*) from tax_setting where employee_id = ?").param(id).query(Long.class)
                .single()).isEqualTo(3);
    }
}
