package care.backoffice.billing.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import care.backoffice.billing.BillingIntegrationTest;
import care.backoffice.billing.Fixtures;
import care.backoffice.testing.TestTokens;
import com.jayway.jsonpath.JsonPath;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * Runs interrupted where the work is done in bulk: while pricing (items committed in slices, then the run dies),
 * and between pricing and issuing (a visit amended meanwhile). Every visit is charged once, in its latest version.
 * Months before any other test's care, so that these runs bill only this class's visits.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RunRestartTest extends BillingIntegrationTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;

    @Test
    @Order(1)
    void aVisitAmendedAfterItsRunPricedItIsLeftOffTheInvoiceAndChargedInItsNewVersionByTheNextRun() throws Exception {
        Fixtures f = new Fixtures(mvc);
        String funder = f.funder("Amended Meanwhile ICB", "NHS_ICB", "\"email\": \"amend@icb.example\"");
        f.contract(funder, "MINUTE", "UP", "ACTUAL", "PDF_EMAIL", "[{\"careType\": \"NURSING_CARE\", \"hourlyRate\": \"60.00\"}]", "");
        f.client("amend-1", funder, "2026-01-01", "AM1");
        String amended = f.care("team-noord", "amend-1", "NURSING_CARE", "2026-03-02", 30, null);
        String unchanged = f.care("team-noord", "amend-1", "NURSING_CARE", "2026-03-03", 30, null);
        // The run dies as it claims its invoices' care, after pricing it.
        jdbc.sql("""
                create or replace function simulate_restart_test_claim_crash() returns trigger language plpgsql as $$
                begin raise exception 'simulated crash while claiming'; end $$""").update();
        jdbc.sql("create trigger crash before update of claimed on run_document for each row "
                + "execute function simulate_restart_test_claim_crash()").update();
        String failed = RunTesting.run(mvc, "2026-03");
        String runId = JsonPath.read(failed, "$.id");
        assertThat((String) JsonPath.read(failed, "$.failure")).contains("simulated crash while claiming");

        // Priced at 30 minutes; amended to 45 before its care is claimed.
        f.careVersion(amended, 2, "ACTIVE", "team-noord", "amend-1", "NURSING_CARE", "2026-03-02", 45, null);
        jdbc.sql("drop trigger crash on run_document").update();
        restart(runId);
        String done = RunTesting.awaitEnd(mvc, runId);
        assertThat((String) JsonPath.read(done, "$.status")).isEqualTo("COMPLETED");
        // Only the unchanged visit: 30 min at £60.00.
        assertThat(totalsOf(done, funder)).containsExactly("INVOICE 30.00");
        assertThat(charged(amended)).isEmpty();
        assertThat(charged(unchanged)).containsExactly("1 30");

        // The next run charges the amended visit as it now stands; nothing was charged for version 1, so no credit.
        String next = RunTesting.run(mvc, "2026-04");
        assertThat(totalsOf(next, funder)).containsExactly("INVOICE 45.00");
        assertThat(charged(amended)).containsExactly("2 45");
        assertThat(charged(unchanged)).containsExactly("1 30");
    }

    @Test
    @Order(3)
    void aVisitAmendedAfterItsCareWasClaimedIsInvoicedAsPricedThenCreditedAndChargedAnewByTheNextRun() throws Exception {
        Fixtures f = new Fixtures(mvc);
        String funder = f.funder("Amended Late ICB", "NHS_ICB", "\"email\": \"late@icb.example\"");
        f.contract(funder, "MINUTE", "UP", "ACTUAL", "PDF_EMAIL", "[{\"careType\": \"NURSING_CARE\", \"hourlyRate\": \"60.00\"}]", "");
        f.client("amend-2", funder, "2026-01-01", "AM2");
        String amended = f.care("team-noord", "amend-2", "NURSING_CARE", "2026-06-02", 30, null);
        f.care("team-noord", "amend-2", "NURSING_CARE", "2026-06-03", 30, null);
        crashWhenIssuingFor(funder);
        String failed = RunTesting.run(mvc, "2026-06");
        String runId = JsonPath.read(failed, "$.id");
        assertThat((String) JsonPath.read(failed, "$.status")).isEqualTo("FAILED");

        f.careVersion(amended, 2, "ACTIVE", "team-noord", "amend-2", "NURSING_CARE", "2026-06-02", 45, null);
        jdbc.sql("drop trigger crash on invoice").update();
        restart(runId);
        String done = RunTesting.awaitEnd(mvc, runId);
        // The care was claimed before the amendment: the invoice charges both visits as priced.
        assertThat(totalsOf(done, funder)).containsExactly("INVOICE 60.00");
        assertThat(charged(amended)).containsExactly("1 30");

        String next = RunTesting.run(mvc, "2026-07");
        assertThat(totalsOf(next, funder)).containsExactlyInAnyOrder("CREDIT_NOTE 30.00", "INVOICE 45.00");
        assertThat(charged(amended)).containsExactly("2 45");
    }

    @Test
    @Order(4)
    void careClaimedByAFailedRunThatIsNeverRestartedIsBilledByTheNextRunAndNotByTheFailedOneLater() throws Exception {
        Fixtures f = new Fixtures(mvc);
        String funder = f.funder("Abandoned Run Council", "LOCAL_AUTHORITY", "\"email\": \"abandoned@council.example\"");
        f.contract(funder, "MINUTE", "UP", "ACTUAL", "PDF_EMAIL", "[{\"careType\": \"PERSONAL_CARE\", \"hourlyRate\": \"30.00\"}]", "");
        f.client("abandon-1", funder, "2026-01-01", "AB1");
        for (int day = 1; day <= 4; day++) {
            f.care("team-zuid", "abandon-1", "PERSONAL_CARE", "2026-08-%02d".formatted(day), 60, null);
        }
        crashWhenIssuingFor(funder);
        String abandoned = JsonPath.read(RunTesting.run(mvc, "2026-08"), "$.id");
        jdbc.sql("drop trigger crash on invoice").update();

        // The back office starts a new run instead of restarting the failed one.
        String next = RunTesting.run(mvc, "2026-08");
        assertThat((String) JsonPath.read(next, "$.status")).isEqualTo("COMPLETED");
        assertThat(totalsOf(next, funder)).containsExactly("INVOICE 120.00");

        // Restarted after all, the failed run issues nothing for care billed since.
        restart(abandoned);
        String late = RunTesting.awaitEnd(mvc, abandoned);
        assertThat((String) JsonPath.read(late, "$.status")).isEqualTo("COMPLETED");
        assertThat(totalsOf(late, funder)).isEmpty();
        assertThat(jdbc.sql("select count(*) from care_charge where client_id = 'abandon-1'").query(Integer.class).single())
                .isEqualTo(4);
        assertThat(jdbc.sql("select count(*) from invoice where funder_id = ?::uuid and status = 'ISSUED'").param(funder)
                .query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    @Order(2)
    void aRunThatDiesWhilePricingIsRestartedAndChargesEveryVisitOnce() throws Exception {
        Fixtures f = new Fixtures(mvc);
        String funder = f.funder("Died Pricing Council", "LOCAL_AUTHORITY", "\"email\": \"price@council.example\"");
        f.contract(funder, "FIVE_MINUTES", "UP", "ACTUAL", "PDF_EMAIL", "[{\"careType\": \"PERSONAL_CARE\", \"hourlyRate\": \"24.00\"}]", "");
        f.client("price-1", funder, "2026-01-01", "P1");
        for (int day = 1; day <= 7; day++) {
            f.care("team-zuid", "price-1", "PERSONAL_CARE", "2026-05-%02d".formatted(day), 28, null);   // 30 min each
        }
        // The run dies after its items went into the database in slices, before its documents are stored.
        jdbc.sql("""
                create or replace function simulate_restart_test_pricing_crash() returns trigger language plpgsql as $$
                begin raise exception 'simulated crash while pricing'; end $$""").update();
        jdbc.sql("create trigger crash before insert on run_document for each row execute function simulate_restart_test_pricing_crash()").update();
        String failed = RunTesting.run(mvc, "2026-05");
        String runId = JsonPath.read(failed, "$.id");
        assertThat((String) JsonPath.read(failed, "$.status")).isEqualTo("FAILED");
        assertThat((String) JsonPath.read(failed, "$.failure")).contains("simulated crash while pricing");
        assertThat(jdbc.sql("select count(*) from run_item where run_id = ?::uuid").param(runId).query(Integer.class).single())
                .as("slices committed before the crash").isPositive();

        jdbc.sql("drop trigger crash on run_document").update();
        restart(runId);
        String done = RunTesting.awaitEnd(mvc, runId);
        assertThat((String) JsonPath.read(done, "$.status")).isEqualTo("COMPLETED");
        assertThat((Integer) JsonPath.read(done, "$.progress.careRecordsDone")).isEqualTo(7);
        assertThat(jdbc.sql("select count(*) from run_item where run_id = ?::uuid").param(runId).query(Integer.class).single())
                .isEqualTo(7);
        // 7 × 30 min at £24.00 = 84.00, once.
        assertThat(totalsOf(done, funder)).containsExactly("INVOICE 84.00");
        assertThat(jdbc.sql("select count(*) from care_charge where client_id = 'price-1'").query(Integer.class).single())
                .isEqualTo(7);
        assertThat(jdbc.sql("select count(*) from care_to_bill q join care_delivered c on c.hours_entry_id = q.hours_entry_id "
                + "where c.client_id = 'price-1'").query(Integer.class).single()).isZero();
    }

    private void crashWhenIssuingFor(String funder) {
        jdbc.sql("""
                create or replace function simulate_restart_test_crash() returns trigger language plpgsql as $$
                begin
                  if new.funder_id = '%s' then raise exception 'simulated crash while issuing'; end if;
                  return new;
                end $$""".formatted(funder)).update();
        jdbc.sql("create trigger crash before insert on invoice for each row execute function simulate_restart_test_crash()").update();
    }

    private void restart(String runId) throws Exception {
        mvc.perform(MockMvcRequestBuilders.post("/api/billing/runs/" + runId + "/restart")
                        .header("Authorization", "Bearer " + TestTokens.backOffice()))
                .andExpect(status().isAccepted());
    }

    /** "version billable-minutes" of what stands charged for a visit. */
    private List<String> charged(String visit) {
        return jdbc.sql("select version || ' ' || billable_minutes from care_charge where hours_entry_id = ?::uuid")
                .param(visit).query(String.class).list();
    }

    private static List<String> totalsOf(String run, String funderId) {
        List<Map<String, Object>> docs = JsonPath.read(run, "$.documents[?(@.funderId == '" + funderId + "')]");
        return docs.stream().map(d -> d.get("kind") + " " + new BigDecimal((String) d.get("total")).toPlainString()).toList();
    }
}
