package care.backoffice.finance.close;

import static care.backoffice.finance.Ledger.Line.cr;
import static care.backoffice.finance.Ledger.Line.dr;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import care.backoffice.finance.FinanceIntegrationTest;
import care.backoffice.finance.Ledger;
import care.backoffice.testing.TestTokens;
import com.jayway.jsonpath.JsonPath;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

@TestPropertySource(properties = "finance.test.database=month-end-close")
class MonthEndCloseTest extends FinanceIntegrationTest {

    static final String TEAM = "team-close";

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void waitsForPayrollThenRestartsFromTheFailedStepBuildsThePackAndSoftClosesOnce() throws Exception {
        String finance = "Bearer " + TestTokens.finance();
        Ledger.post(mvc, TestTokens.service("billing"), Ledger.journal("2035-03-31", "billing", "billing-run-2035-03",
                List.of(dr("1100", "4200.00", TEAM), cr("4000", "4200.00", TEAM)))).andExpect(status().isCreated());

        // Payroll has not posted March yet: the close stops at its first step and the month stays open.
        mvc.perform(post("/api/finance/close/2035-03").header("Authorization", finance)).andExpect(status().isAccepted());
        String failed = waitForEnd();
        assertThat((String) JsonPath.read(failed, "$.status")).isEqualTo("FAILED");
        assertThat((String) JsonPath.read(failed, "$.failure")).contains("payroll").doesNotContain("billing");
        assertThat((Integer) JsonPath.read(failed, "$.stepsDone")).isZero();
        period("OPEN");

        Ledger.post(mvc, TestTokens.service("payroll"), Ledger.journal("2035-03-31", "payroll", "payroll-run-2035-03",
                List.of(dr("6000", "3000.00", TEAM), cr("2220", "3000.00", null)))).andExpect(status().isCreated());
        // A damaged balance (derived data) is repaired by the close's rebuild from the journal lines.
        jdbc.update("update balance set debit = debit + 1 where account = '6000' and month = '2035-03-01'");

        mvc.perform(post("/api/finance/close/2035-03").header("Authorization", finance)).andExpect(status().isAccepted());
        String done = waitForEnd();
        assertThat((String) JsonPath.read(done, "$.status")).isEqualTo("COMPLETED");
        assertThat((Integer) JsonPath.read(done, "$.stepsDone")).isEqualTo(4);
        assertThat((Integer) JsonPath.read(done, "$.stepsTotal")).isEqualTo(4);
        assertThat((Boolean) JsonPath.read(done, "$.packAvailable")).isTrue();
        period("SOFT_CLOSED");
        assertThat(jdbc.queryForObject("select debit from balance where account = '6000' and month = '2035-03-01'",
                BigDecimal.class)).isEqualByComparingTo("3000.00");

        byte[] pdf = mvc.perform(get("/api/finance/close/2035-03/pack?format=pdf").header("Authorization", finance))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        try (var doc = org.apache.pdfbox.Loader.loadPDF(pdf)) {
            String text = new org.apache.pdfbox.text.PDFTextStripper().getText(doc);
            assertThat(text).contains("Trial balance").contains("Profit and loss account").contains("Balance sheet")
                    .contains("Cash-flow statement").contains("1200.00"); // 4,200 turnover - 3,000 wages
        }
        mvc.perform(get("/api/finance/close/2035-03/pack?format=xlsx").header("Authorization", finance))
                .andExpect(status().isOk());

        // Asking again changes nothing: the close for this month is done.
        mvc.perform(post("/api/finance/close/2035-03").header("Authorization", finance)).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("COMPLETED"));
        assertThat(jdbc.queryForObject("select count(*) from period_event where month = '2035-03-01' and action = 'CLOSE'",
                Long.class)).isEqualTo(1);
        // Nothing was posted by the close.
        assertThat(jdbc.queryForObject("select count(*) from journal", Long.class)).isEqualTo(2);

        // After a reopening the month can be closed again (a new run).
        mvc.perform(post("/api/finance/periods/2035-03/reopen").header("Authorization", finance)
                .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"late credit note\"}")).andExpect(status().isOk());
        mvc.perform(post("/api/finance/close/2035-03").header("Authorization", finance)).andExpect(status().isAccepted());
        assertThat((String) JsonPath.read(waitForEnd(), "$.status")).isEqualTo("COMPLETED");
        period("SOFT_CLOSED");
    }

    @Test
    void onlyFinanceRunsTheClose() throws Exception {
        mvc.perform(post("/api/finance/close/2035-04").header("Authorization", "Bearer " + TestTokens.backOffice()))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/finance/close/2035-04").header("Authorization", "Bearer " + TestTokens.finance()))
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("NOT_STARTED"));
    }

    String waitForEnd() throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        while (true) {
            String body = mvc.perform(get("/api/finance/close/2035-03").header("Authorization", "Bearer " + TestTokens.finance()))
                    .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
            String s = JsonPath.read(body, "$.status");
            if (s.equals("COMPLETED") || s.equals("FAILED") || s.equals("STOPPED")) {
                return body;
            }
            assertThat(System.currentTimeMillis()).as("close still %s: %s", s, body).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    void period(String expected) throws Exception {
        mvc.perform(get("/api/finance/periods/2035-03").header("Authorization", "Bearer " + TestTokens.finance()))
                .andExpect(jsonPath("$.status").value(expected));
    }
}
