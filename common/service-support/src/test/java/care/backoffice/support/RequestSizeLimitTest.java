package care.backoffice.support;

import static org.assertj.core.api.Assertions.assertThat;

import care.backoffice.testing.TestDatabase;
import care.backoffice.testing.TestTokens;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "backoffice.max-request-size=1KB")
@org.springframework.context.annotation.Import(RequestSizeLimitTest.Echo.class)
class RequestSizeLimitTest {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry, "support_web");
        TestTokens.register(registry);
    }

    /** Stands for any service endpoint that takes a JSON body. */
    @RestController
    static class Echo {
        static volatile int received;

        @PostMapping("/api/test/echo")
        Map<String, Object> echo(@RequestBody List<String> items) {
            received++;
            return Map.of("items", items.size());
        }
    }

    @LocalServerPort
    int port;

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aBodyWithinTheCapIsServed() throws Exception {
        assertThat(post(HttpRequest.BodyPublishers.ofString("[\"a\",\"b\"]")).statusCode()).isEqualTo(200);
    }

    @Test
    void aDeclaredBodyOverTheCapIsRefusedBeforeReading() throws Exception {
        HttpResponse<String> res = post(HttpRequest.BodyPublishers.ofString(json(2000)));
        assertThat(res.statusCode()).isEqualTo(413);
        assertThat(res.headers().firstValue("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("application/problem+json"));
    }

    @Test
    void aChunkedBodyWithoutALengthIsRefusedOnceItPassesTheCap() throws Exception {
        int before = Echo.received;
        byte[] big = json(5000).getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> res = post(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)));
        assertThat(res.statusCode()).isEqualTo(413);
        assertThat(res.body()).contains("larger than the 1024 bytes");
        assertThat(Echo.received).as("the endpoint never ran").isEqualTo(before);
    }

    private static String json(int items) {
        return "[" + String.join(",", java.util.Collections.nCopies(items, "\"x\"")) + "]";
    }

    private HttpResponse<String> post(HttpRequest.BodyPublisher body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/test/echo"))
                .header("Authorization", "Bearer " + TestTokens.backOffice())
                .header("Content-Type", "application/json").POST(body).build(), HttpResponse.BodyHandlers.ofString());
    }
}
