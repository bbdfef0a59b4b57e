package care.backoffice.payroll.hours;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import care.backoffice.payroll.PayrollIntegrationTest;
import care.backoffice.testing.TestTokens;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

class HoursIntakeTest extends PayrollIntegrationTest {

    static final String ARNHEM = "team-arnhem-noord";
    static final String LEEDS = "team-leeds-east";
    static final LocalDate TODAY = LocalDate.now(java.time.ZoneId.of("Europe/London"));

    /** Unique NI numbers for the colleagues these tests hire (one current employment per NI number). */
    static final java.util.concurrent.atomic.AtomicInteger NI_SERIAL = new java.util.concurrent.atomic.AtomicInteger(700_000);

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;

    UUID anna;   // Arnhem, started a year ago
    UUID bram;   // Arnhem, started a year ago, left 30 days ago
    UUID cleo;   // Leeds

    UUID employee(String team, LocalDate start, LocalDate leaving) {
        UUID id = UUID.randomUUID();
        String ni = "AB" + String.format("%06d", NI_SERIAL.incrementAndGet()) + "A";
        jdbc.sql("""
                insert into employee (id, team_code, given_name, family_name, date_of_birth, ni_number, start_date,
                                      leaving_date, created_by)
                values (?, ?, 'Test', 'Colleague', date '1985-03-03', ?, ?, ?, 'test')""")
                .params(id, team, ni, start, leaving).update();
        return id;
    }

    @BeforeEach
    void colleagues() {
        anna = employee(ARNHEM, TODAY.minusYears(1), null);
        bram = employee(ARNHEM, TODAY.minusYears(1), TODAY.minusDays(30));
        cleo = employee(LEEDS, TODAY.minusYears(1), null);
    }

    static String entry(UUID employee, LocalDate date, String start, int minutes, String activity, String client) {
        return """
                {"employeeId":"%s","date":"%s","start":"%s","minutes":%d,"activity":"%s"%s}""".formatted(employee, date,
                start, minutes, activity, client == null ? "" : ",\"clientId\":\"" + client + "\",\"careType\":\"PERSONAL_CARE\"");
    }

    static String body(String... entries) {
        return "{\"entries\":[" + String.join(",", entries) + "]}";
    }

    ResultActions submit(String token, String body, String key) throws Exception {
        var req = post("/api/payroll/hours").contentType(MediaType.APPLICATION_JSON).content(body);
        if (token != null) {
            req.header("Authorization", "Bearer " + token);
        }
        if (key != null) {
            req.header("Idempotency-Key", key);
        }
        return mvc.perform(req);
    }

    long stored() {
        return jdbc.sql("select count(*) from hours_entry").query(Long.class).single();
    }

    @Test
    void aTeamSubmitsItsHoursInBulk() throws Exception {
        LocalDate day = TODAY.minusDays(3);
        submit(TestTokens.teamMember(ARNHEM), body(
                entry(anna, day, "08:00", 90, "CARE", "client-17"),
                entry(anna, day, "09:30", 20, "TRAVEL", null),
                entry(anna, day, "22:00", 480, "CARE", "client-4"),          // a night: runs past midnight
                entry(anna, day.plusDays(1), "06:00", 60, "TEAM_MEETING", null)), null)
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.accepted").value(4))
                .andExpect(jsonPath("$.ids", hasSize(4)));
        assertThat(jdbc.sql("select count(*) from hours_entry where employee_id = ? and team_code = ?")
                .params(anna, ARNHEM).query(Long.class).single()).isEqualTo(4);
        assertThat(jdbc.sql("select client_id from hours_entry where employee_id = ? and start_time = time '22:00'")
                .param(anna).query(String.class).single()).isEqualTo("client-4");
    }

    @Test
    void everyRejectionIsNamedByItsIndexAndNothingIsStored() throws Exception {
        LocalDate day = TODAY.minusDays(5);
        // Already stored: anna 12:00–13:00 two days before.
        submit(TestTokens.teamMember(ARNHEM), body(entry(anna, day.minusDays(2), "12:00", 60, "ADMIN", null)), null)
                .andExpect(status().isCreated());
        // A paid period covering ten days ago.
        jdbc.sql("insert into paid_period (id, period_start, period_end) values (?, ?, ?)")
                .params(UUID.randomUUID(), TODAY.minusDays(12), TODAY.minusDays(9)).update();
        long before = stored();
        submit(TestTokens.teamMember(ARNHEM), body(
                entry(anna, day, "08:00", 60, "CARE", "client-1"),                  // 0: fine on its own
                entry(UUID.randomUUID(), day, "08:00", 60, "ADMIN", null),          // 1: unknown employee
                entry(cleo, day, "08:00", 60, "ADMIN", null),                       // 2: another team's member
                entry(anna, TODAY.minusYears(2), "08:00", 60, "ADMIN", null),       // 3: before the start date
                entry(bram, TODAY.minusDays(20), "08:00", 60, "ADMIN", null),       // 4: after leaving (left 30 days ago)
                entry(anna, TODAY.plusDays(1), "08:00", 60, "ADMIN", null),         // 5: future
                entry(anna, day, "10:00", 0, "ADMIN", null),                        // 6: zero minutes
                entry(anna, day, "11:00", 1441, "ADMIN", null),                     // 7: more than 24 hours
                entry(anna, day, "08:30", 30, "TRAVEL", null),                      // 8: overlaps entry 0
                entry(anna, day.minusDays(2), "12:30", 15, "ADMIN", null),          // 9: overlaps the stored one
                entry(anna, day.minusDays(1), "09:00", 60, "CARE", null),           // 10: care without a client
                entry(anna, TODAY.minusDays(10), "09:00", 60, "ADMIN", null),       // 11: period already paid
                entry(anna, day.minusDays(3), "25:00", 60, "SLEEPING", null)),      // 12: bad time and activity
                "rejected-1")
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.errors[*].field", containsInAnyOrder(
                        "entries[1].employeeId", "entries[2].employeeId", "entries[3].date", "entries[4].date",
                        "entries[5].date", "entries[6].minutes", "entries[7].minutes", "entries[8].start",
                        "entries[9].start", "entries[10].clientId", "entries[10].careType", "entries[11].date",
                        "entries[12].start", "entries[12].activity")));
        assertThat(stored()).isEqualTo(before);
        // The key of a rejected request is not used up: the corrected request may reuse it.
        submit(TestTokens.teamMember(ARNHEM), body(entry(anna, day, "08:00", 60, "CARE", "client-1")), "rejected-1")
                .andExpect(status().isCreated());
    }

    @Test
    void aBodyThatIsNotJsonIsRefusedAndEveryFieldOfTheWrongTypeIsNamed() throws Exception {
        long before = stored();
        submit(TestTokens.teamMember(ARNHEM), "{\"entries\":[{\"employeeId\":", null)
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.errors[0].field").value("body"));
        LocalDate day = TODAY.minusDays(6);
        submit(TestTokens.teamMember(ARNHEM), body(
                entry(anna, day, "08:00", 60, "ADMIN", null),                                          // 0: fine
                "{\"employeeId\":{\"id\":\"%s\"},\"date\":[\"%s\"],\"start\":\"09:00\",\"minutes\":\"ninety\",\"activity\":\"ADMIN\"}"
                        .formatted(anna, day),                                                        // 1: wrong types
                "42",                                                                                 // 2: not an entry
                "null",                                                                               // 3: empty
                "{\"employeeId\":\"%s\",\"date\":\"%s\",\"start\":\"10:00\",\"minutes\":30.5,\"activity\":\"ADMIN\"}"
                        .formatted(anna, day)),                                                       // 4: not whole
                null)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", containsInAnyOrder("entries[1].employeeId",
                        "entries[1].date", "entries[1].minutes", "entries[2]", "entries[3]", "entries[4].minutes")));
        assertThat(stored()).isEqualTo(before);
        // Minutes sent as text were accepted before the intake read the body itself; they still are.
        submit(TestTokens.teamMember(ARNHEM), body("""
                {"employeeId":"%s","date":"%s","start":"11:00","minutes":"45","activity":"ADMIN","note":"ignored"}"""
                .formatted(anna, day)), null).andExpect(status().isCreated());
        assertThat(jdbc.sql("select minutes from hours_entry where employee_id = ? and work_date = ?")
                .params(anna, day).query(Integer.class).single()).isEqualTo(45);
    }

    @Test
    void theOpenApiDocsStillDescribeTheEntriesAlthoughTheBodyIsReadAsBytes() throws Exception {
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/api/payroll/api-docs"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.paths['/api/payroll/hours'].post.requestBody.content['application/json'].schema['$ref']")
                        .value("#/components/schemas/HoursRequest"))
                .andExpect(jsonPath("$.components.schemas.Entry.properties.minutes.type").value("integer"));
    }

    @Test
    void theBackOfficeMaySubmitForAnyTeam() throws Exception {
        submit(TestTokens.backOffice(), body(entry(cleo, TODAY.minusDays(2), "07:00", 60, "TRAINING", null),
                entry(anna, TODAY.minusDays(2), "07:00", 60, "TRAINING", null)), null)
                .andExpect(status().isCreated());
        submit(TestTokens.backOffice(), body(entry(UUID.randomUUID(), TODAY.minusDays(2), "07:00", 60, "TRAINING", null)), null)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].reason").value("is not a known employee"));
    }

    @Test
    void onlyTeamMembersAndTheBackOfficeMaySubmit() throws Exception {
        String b = body(entry(anna, TODAY.minusDays(1), "07:00", 60, "ADMIN", null));
        submit(null, b, null).andExpect(status().isUnauthorized());
        submit(TestTokens.expired(ARNHEM), b, null).andExpect(status().isUnauthorized());
        submit(TestTokens.unsigned(), b, null).andExpect(status().isUnauthorized());
        submit(TestTokens.finance(), b, null).andExpect(status().isForbidden());
        submit(TestTokens.service("billing"), b, null).andExpect(status().isForbidden());
        // a team member whose token names no team
        submit(TestTokens.withRoles("nurse-without-team", null, "team-member"), b, null).andExpect(status().isForbidden());
    }

    @Test
    void aReplayReturnsTheFirstAnswerAndADifferentBodyIsAConflict() throws Exception {
        String b = body(entry(anna, TODAY.minusDays(4), "13:00", 45, "ADMIN", null));
        String first = submit(TestTokens.teamMember(ARNHEM), b, "hours-week-12").andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString();
        long after = stored();
        submit(TestTokens.teamMember(ARNHEM), b, "hours-week-12").andExpect(status().isCreated())
                .andExpect(header().string("Idempotent-Replayed", "true"))
                .andExpect(content().json(first));
        assertThat(stored()).isEqualTo(after);
        submit(TestTokens.teamMember(ARNHEM), body(entry(anna, TODAY.minusDays(4), "15:00", 45, "ADMIN", null)),
                "hours-week-12").andExpect(status().isConflict());
        // Without a key the same hours again overlap what is stored: submitted once.
        submit(TestTokens.teamMember(ARNHEM), b, null).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("entries[0].start"));
    }

    @Test
    void emptyAndOversizedRequestsAreRefused() throws Exception {
        submit(TestTokens.teamMember(ARNHEM), "{\"entries\":[]}", null).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("entries"));
        List<String> many = new ArrayList<>();
        String one = entry(anna, TODAY.minusDays(1), "07:00", 1, "ADMIN", null);
        for (int i = 0; i <= HoursController.MAX_ENTRIES; i++) {
            many.add(one);
        }
        submit(TestTokens.teamMember(ARNHEM), body(many.toArray(String[]::new)), null).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("entries"));
    }

    @Test
    void tenThousandEntriesInOneRequest() throws Exception {
        // 20 colleagues × 500 entries (5 a day over 100 days): the bulk path, end to end on PostgreSQL. Twice, with
        // different colleagues: the second figure is with a warm JIT.
        for (String round : new String[] {"cold", "warm"}) {
            List<UUID> team = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                team.add(employee(ARNHEM, TODAY.minusYears(1), null));
            }
            List<String> entries = new ArrayList<>(10_000);
            for (UUID e : team) {
                for (int d = 1; d <= 100; d++) {
                    for (int s = 0; s < 5; s++) {
                        entries.add(entry(e, TODAY.minusDays(d), "%02d:00".formatted(7 + 2 * s), 90,
                                s == 4 ? "TRAVEL" : "CARE", s == 4 ? null : "client-" + s));
                    }
                }
            }
            String b = body(entries.toArray(String[]::new));
            long before = stored();
            long start = System.nanoTime();
            submit(TestTokens.teamMember(ARNHEM), b, null).andExpect(status().isCreated())
                    .andExpect(jsonPath("$.accepted").value(10_000));
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("hours intake (%s): 10,000 entries in %.2f s = %,.0f entries/s%n", round, seconds,
                    10_000 / seconds);
            assertThat(stored()).isEqualTo(before + 10_000);
        }
    }
}
