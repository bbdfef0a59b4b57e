package care.backoffice.billing.runs;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import care.backoffice.testing.TestTokens;
import com.jayway.jsonpath.JsonPath;
import java.time.Duration;
import java.time.Instant;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/** Starts runs through the API and waits for them, as the back office would. */
public final class RunTesting {

    private RunTesting() {}

    public static String start(MockMvc mvc, String month, boolean dryRun) throws Exception {
        String body = mvc.perform(post("/api/billing/runs").header("Authorization", "Bearer " + TestTokens.backOffice())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"month\": \"" + month + "\", \"dryRun\": " + dryRun + "}"))
                .andExpect(status().isAccepted()).andReturn().getResponse().getContentAsString();
        return JsonPath.read(body, "$.id");
    }

    /** Polls the run until it has finished; returns its JSON. */
    public static String awaitEnd(MockMvc mvc, String runId) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (Instant.now().isBefore(deadline)) {
            String body = get(mvc, runId);
            String s = JsonPath.read(body, "$.status");
            if (s.equals("COMPLETED") || s.equals("FAILED")) {
                return body;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("run " + runId + " did not finish: " + get(mvc, runId));
    }

    public static String get(MockMvc mvc, String runId) throws Exception {
        return fetch(mvc, runId);
    }

    private static String fetch(MockMvc mvc, String runId) throws Exception {
        return mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/api/billing/runs/" + runId).header("Authorization", "Bearer " + TestTokens.backOffice()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    public static String run(MockMvc mvc, String month) throws Exception {
        return awaitEnd(mvc, start(mvc, month, false));
    }
}
