package care.backoffice.payroll.hours;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import care.backoffice.payroll.WithOtherParties;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Colleagues and hours for the hours tests; every test class gets its own team codes so figures never mix. */
abstract class HoursFixture extends WithOtherParties {

    static final LocalDate TODAY = LocalDate.now(java.time.ZoneId.of("Europe/London"));

    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper json;

    static String newTeam() {
        return "team-t" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
    }

    UUID colleague(String team, String given, String family, LocalDate start, LocalDate leaving) {
        UUID id = UUID.randomUUID();
        String ni = "CE" + String.format("%06d", ThreadLocalRandom.current().nextInt(1_000_000)) + "B";
        jdbc.sql("""
                insert into employee (id, team_code, given_name, family_name, date_of_birth, ni_number, start_date,
                                      leaving_date, created_by)
                values (?, ?, ?, ?, date '1985-03-03', ?, ?, ?, 'test')""")
                .params(id, team, given, family, ni, start, leaving).update();
        return id;
    }

    static String entry(UUID employee, LocalDate date, String start, int minutes, String activity, String client,
            String careType) {
        return """
                {"employeeId":"%s","date":"%s","start":"%s","minutes":%d,"activity":"%s"%s%s}""".formatted(employee,
                date, start, minutes, activity, client == null ? "" : ",\"clientId\":\"" + client + "\"",
                careType == null ? "" : ",\"careType\":\"" + careType + "\"");
    }

    static String care(UUID employee, LocalDate date, String start, int minutes, String client) {
        return entry(employee, date, start, minutes, "CARE", client, "PERSONAL_CARE");
    }

    static String other(UUID employee, LocalDate date, String start, int minutes, String activity) {
        return entry(employee, date, start, minutes, activity, null, null);
    }

    ResultActions submit(String token, String... entries) throws Exception {
        return mvc.perform(post("/api/payroll/hours").contentType(MediaType.APPLICATION_JSON)
                .header("Authorization", "Bearer " + token)
                .content("{\"entries\":[" + String.join(",", entries) + "]}"));
    }

    /** Submits and returns the new entries' ids, in request order. */
    List<UUID> submitted(String token, String... entries) throws Exception {
        String answer = submit(token, entries).andReturn().getResponse().getContentAsString();
        JsonNode ids = json.readTree(answer).get("ids");
        if (ids == null) {
            throw new AssertionError("not accepted: " + answer);
        }
        List<UUID> out = new ArrayList<>();
        ids.forEach(n -> out.add(UUID.fromString(n.asString())));
        return out;
    }

    long outboxMessages(String status) {
        return jdbc.sql("select count(*) from outbox_message where destination = 'billing' and status = ?")
                .param(status).query(Long.class).single();
    }
}
