package care.backoffice.finance.journals;

import static care.backoffice.finance.Ledger.Line.cr;
import static care.backoffice.finance.Ledger.Line.dr;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import care.backoffice.finance.FinanceIntegrationTest;
import care.backoffice.finance.Ledger;
import care.backoffice.testing.TestTokens;
import com.jayway.jsonpath.JsonPath;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

class PostingApiTest extends FinanceIntegrationTest {

    static final String TEAM = "team-arnhem-noord";

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aBalancedJournalIsStoredOnceAndAReplayReturnsIt() throws Exception {
        String body = Ledger.journal("2031-01-31", "billing", "billing-run-2031-01", List.of(
                dr("1100", "120.00", TEAM).with("{\"payerType\":\"LA\",\"funder\":\"gelderland\"}"),
                cr("4000", "120.00", TEAM).with("{\"payerType\":\"LA\",\"funder\":\"gelderland\"}")));
        MvcResult first = Ledger.post(mvc, TestTokens.service("billing"), body)
                .andExpect(status().isCreated())
                .andExpect(header().exists("Location"))
                .andExpect(jsonPath("$.number").isNumber())
                .andExpect(jsonPath("$.source").value("billing"))
                .andExpect(jsonPath("$.totalDebit").value("120.00"))
                .andExpect(jsonPath("$.lines", hasSize(2)))
                .andExpect(jsonPath("$.lines[0].account").value("1100"))
                .andExpect(jsonPath("$.lines[0].debit").value("120.00"))
                .andExpect(jsonPath("$.lines[0].dimensions.funder").value("gelderland"))
                .andExpect(jsonPath("$.lines[1].credit").value("120.00"))
                .andReturn();
        String id = JsonPath.read(first.getResponse().getContentAsString(), "$.id");

        // The same body, with amounts written differently, is the same journal: 200 and the first answer.
        Ledger.post(mvc, TestTokens.service("billing"), body.replace("120.00", "120"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value(id));
        assertThat(count("billing", "billing-run-2031-01")).isEqualTo(1);
        assertThat(balance("1100", TEAM, "2031-01-01")).isEqualByComparingTo("120.00");
    }

    @Test
    void amountsMayAlsoBeJsonNumbers() throws Exception {
        Ledger.postAsFinance(mvc, """
                {"date":"2031-12-01","description":"numbers","source":"manual","sourceDocumentId":"manual-numbers",
                 "lines":[{"account":"7100","debit":12.5,"team":"%s"},{"account":"1200","credit":12.50}]}"""
                        .formatted(TEAM))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.lines[0].debit").value("12.50"))
                .andExpect(jsonPath("$.lines[1].credit").value("12.50"));
    }

    @Test
    void aDifferentBodyUnderTheSameSourceDocumentIsAConflict() throws Exception {
        Ledger.post(mvc, TestTokens.service("payroll"),
                Ledger.journal("2031-02-28", "payroll", "payroll-run-2031-02", Ledger.simple("6000", "2220", "900.00", TEAM)))
                .andExpect(status().isCreated());
        Ledger.post(mvc, TestTokens.service("payroll"),
                Ledger.journal("2031-02-28", "payroll", "payroll-run-2031-02", Ledger.simple("6000", "2220", "901.00", TEAM)))
                .andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.code").value("DUPLICATE_SOURCE_DOCUMENT"))
                .andExpect(jsonPath("$.journalId").isString());
        assertThat(balance("6000", TEAM, "2031-02-01")).isEqualByComparingTo("900.00");
    }

    @Test
    void anUnbalancedJournalIsRefusedAndChangesNothing() throws Exception {
        Ledger.postAsFinance(mvc, Ledger.journal("2031-03-15", "manual", "manual-unbalanced",
                        List.of(dr("7100", "100.00", TEAM), cr("1200", "99.99", null))))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.title").value("Debits do not equal credits"))
                .andExpect(jsonPath("$.errors[0].code").value("UNBALANCED"))
                .andExpect(jsonPath("$.errors[0].reason").value(org.hamcrest.Matchers.containsString("difference 0.01")));
        assertThat(count("manual", "manual-unbalanced")).isZero();
        assertThat(jdbc.queryForObject("select count(*) from balance where month = '2031-03-01'", Long.class)).isZero();
    }

    @Test
    void unknownAndClosedAccountsAreNamedLineByLine() throws Exception {
        mvc.perform(post("/api/finance/accounts/7620/closure").header("Authorization", "Bearer " + TestTokens.finance()))
                .andExpect(status().isOk()).andExpect(jsonPath("$.open").value(false));
        try {
            Ledger.postAsFinance(mvc, Ledger.journal("2031-04-10", "manual", "manual-bad-accounts",
                            List.of(dr("7620", "50.00", TEAM), dr("4999", "50.00", TEAM), cr("1200", "100.00", null))))
                    .andExpect(status().isUnprocessableContent())
                    .andExpect(jsonPath("$.title").value("The journal breaks posting rules"))
                    .andExpect(jsonPath("$.codes", containsInAnyOrder("ACCOUNT_CLOSED", "UNKNOWN_ACCOUNT")))
                    .andExpect(jsonPath("$.errors[?(@.field=='lines[0].account')].code").value("ACCOUNT_CLOSED"))
                    .andExpect(jsonPath("$.errors[?(@.field=='lines[1].account')].code").value("UNKNOWN_ACCOUNT"));
        } finally {
            mvc.perform(delete("/api/finance/accounts/7620/closure").header("Authorization", "Bearer " + TestTokens.finance()))
                    .andExpect(status().isOk());
        }
        assertThat(count("manual", "manual-bad-accounts")).isZero();
    }

    @Test
    void malformedFieldsAreAllNamedInOneAnswer() throws Exception {
        String body = """
                {"date":"2031-13-01","description":"","source":"sales","sourceDocumentId":"",
                 "lines":[{"account":"4000","debit":"10.001","team":"Team Arnhem"},
                          {"account":"","debit":"5.00","credit":"5.00"},
                          {"account":"1200","credit":"-3.00","dimensions":{"colour":"red"}}]}""";
        Ledger.postAsFinance(mvc, body)
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.errors[*].field", containsInAnyOrder("date", "description", "source",
                        "sourceDocumentId", "lines[0].debit", "lines[0].team", "lines[1].account", "lines[1]",
                        "lines[2].credit", "lines[2].dimensions.colour")));
    }

    @Test
    void aClosedPeriodRefusesPostingsUntilReopenedWithAReasonAndALockIsFinal() throws Exception {
        String finance = TestTokens.finance();
        mvc.perform(post("/api/finance/periods/2031-05/close").header("Authorization", "Bearer " + finance))
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("SOFT_CLOSED"));
        String body = Ledger.journal("2031-05-20", "procurement", "supplier-invoice-77",
                Ledger.simple("5000", "2100", "45.60", TEAM));
        Ledger.post(mvc, TestTokens.service("procurement"), body)
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.title").value("Period closed"))
                .andExpect(jsonPath("$.errors[0].code").value("PERIOD_CLOSED"))
                .andExpect(jsonPath("$.errors[0].field").value("date"));

        mvc.perform(post("/api/finance/periods/2031-05/reopen").header("Authorization", "Bearer " + finance))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("reason"));
        mvc.perform(post("/api/finance/periods/2031-05/reopen").header("Authorization", "Bearer " + finance)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"late supplier invoice\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("OPEN"))
                .andExpect(jsonPath("$.events[1].action").value("REOPEN"))
                .andExpect(jsonPath("$.events[1].byUser").value("finance-user"))
                .andExpect(jsonPath("$.events[1].reason").value("late supplier invoice"));
        Ledger.post(mvc, TestTokens.service("procurement"), body).andExpect(status().isCreated());

        mvc.perform(post("/api/finance/periods/2031-05/lock").header("Authorization", "Bearer " + finance)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"year end 2031\"}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("HARD_LOCKED"));
        mvc.perform(post("/api/finance/periods/2031-05/reopen").header("Authorization", "Bearer " + finance)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"please\"}"))
                .andExpect(status().isConflict());
        Ledger.post(mvc, TestTokens.service("procurement"), Ledger.journal("2031-05-21", "procurement",
                        "supplier-invoice-78", Ledger.simple("5000", "2100", "1.00", TEAM)))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].code").value("PERIOD_LOCKED"));
        // A replay of an already posted document still answers with the journal, even after the lock.
        Ledger.post(mvc, TestTokens.service("procurement"), body).andExpect(status().isOk());
    }

    @Test
    void aFiveHundredLineJournalIsPostedWhole() throws Exception {
        List<Ledger.Line> lines = new ArrayList<>();
        for (int i = 0; i < 499; i++) {
            lines.add(dr("6000", "10.0" + (i % 10), "team-" + (i % 7)).with("{\"employee\":\"emp-" + i + "\"}"));
        }
        BigDecimal total = lines.stream().map(l -> new BigDecimal(l.amount())).reduce(BigDecimal.ZERO, BigDecimal::add);
        lines.add(cr("2220", total.toPlainString(), null));
        Ledger.post(mvc, TestTokens.service("payroll"), Ledger.journal("2031-06-30", "payroll", "payroll-run-2031-06", lines))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.lines", hasSize(500)))
                .andExpect(jsonPath("$.totalCredit").value(total.toPlainString()));
        assertThat(jdbc.queryForObject("select sum(debit) from balance where account = '6000' and month = '2031-06-01'",
                BigDecimal.class)).isEqualByComparingTo(total);
        assertThat(jdbc.queryForObject("select count(*) from balance where account = '6000' and month = '2031-06-01'",
                Long.class)).isEqualTo(7);
    }

    @Test
    void concurrentDuplicatesOfOneSourceDocumentStoreExactlyOneJournal() throws Exception {
        String body = Ledger.journal("2031-07-31", "billing", "billing-run-2031-07",
                Ledger.simple("1100", "4010", "2500.00", TEAM));
        int threads = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<MvcResult>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return Ledger.post(mvc, TestTokens.service("billing"), body).andReturn();
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            for (Future<MvcResult> f : results) {
                MvcResult r = f.get();
                statuses.add(r.getResponse().getStatus());
                ids.add(JsonPath.read(r.getResponse().getContentAsString(), "$.id"));
            }
            assertThat(statuses).containsOnly(200, 201);
            assertThat(statuses.stream().filter(s -> s == 201)).hasSize(1);
            assertThat(ids).containsOnly(ids.get(0));
        } finally {
            pool.shutdownNow();
        }
        assertThat(count("billing", "billing-run-2031-07")).isEqualTo(1);
        assertThat(balance("4010", TEAM, "2031-07-01")).isEqualByComparingTo("-2500.00");
    }

    @Test
    void theLedgerIsAppendOnlyEvenForTheServicesOwnDatabaseUser() throws Exception {
        Ledger.postAsFinance(mvc, Ledger.journal("2031-08-01", "manual", "manual-append-only",
                Ledger.simple("7100", "1200", "10.00", TEAM))).andExpect(status().isCreated());
        assertThatThrownBy(() -> jdbc.update("update journal set description = 'changed' where source_document_id = 'manual-append-only'"))
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.update("delete from journal_line where account = '7100'"))
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.update("update journal_line set debit = 0 where account = '7100'"))
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.execute("truncate journal_line, journal cascade"))
                .hasMessageContaining("append-only");
        assertThat(count("manual", "manual-append-only")).isEqualTo(1);
    }

    @Test
    void aReversalSwapsTheLinesOnceAndLeavesTheOriginalInPlace() throws Exception {
        MvcResult posted = Ledger.postAsFinance(mvc, Ledger.journal("2031-09-10", "manual", "manual-to-reverse",
                List.of(dr("7120", "300.00", TEAM), cr("2100", "300.00", null).with("{\"supplier\":\"fix-it\"}"))))
                .andExpect(status().isCreated()).andReturn();
        String id = JsonPath.read(posted.getResponse().getContentAsString(), "$.id");
        MvcResult reversal = mvc.perform(post("/api/finance/journals/" + id + "/reversal")
                        .header("Authorization", "Bearer " + TestTokens.finance()))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.source").value("reversal"))
                .andExpect(jsonPath("$.reversesJournalId").value(id))
                .andExpect(jsonPath("$.lines[0].account").value("7120"))
                .andExpect(jsonPath("$.lines[0].credit").value("300.00"))
                .andExpect(jsonPath("$.lines[1].debit").value("300.00"))
                .andExpect(jsonPath("$.lines[1].dimensions.supplier").value("fix-it"))
                .andReturn();
        String reversalId = JsonPath.read(reversal.getResponse().getContentAsString(), "$.id");
        mvc.perform(post("/api/finance/journals/" + id + "/reversal").header("Authorization", "Bearer " + TestTokens.finance()))
                .andExpect(status().isOk()).andExpect(jsonPath("$.id").value(reversalId));
        assertThat(balance("7120", TEAM, "2031-09-01")).isZero();
        assertThat(count("manual", "manual-to-reverse")).isEqualTo(1);
        mvc.perform(post("/api/finance/journals/" + id + "/reversal").header("Authorization", "Bearer " + TestTokens.service("billing")))
                .andExpect(status().isForbidden());
    }

    @Test
    void onlyTheFinanceRoleAndEachServiceForItsOwnSourceMayPost() throws Exception {
        String body = Ledger.journal("2031-11-01", "billing", "billing-wrong-poster", Ledger.simple("1100", "4000", "1.00", TEAM));
        Ledger.post(mvc, TestTokens.service("payroll"), body).andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"));
        Ledger.post(mvc, TestTokens.teamMember(TEAM), body).andExpect(status().isForbidden());
        Ledger.post(mvc, TestTokens.backOffice(), body).andExpect(status().isForbidden());
        mvc.perform(post("/api/finance/journals").contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isUnauthorized());
        Ledger.post(mvc, TestTokens.expired(TEAM), body).andExpect(status().isUnauthorized());
        assertThat(count("billing", "billing-wrong-poster")).isZero();
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/api/finance/api-docs"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.paths./api/finance/journals.post.summary").value("Post a journal"))
                .andExpect(jsonPath("$.components.schemas.JournalRequest.properties.sourceDocumentId").exists());
    }

    long count(String source, String doc) {
        return jdbc.queryForObject("select count(*) from journal where source = ? and source_document_id = ?",
                Long.class, source, doc);
    }

    /** Debit-positive balance of one account for a team and month. */
    BigDecimal balance(String account, String team, String month) {
        return jdbc.queryForObject("select coalesce(sum(debit - credit), 0) from balance where account = ? and team = ? "
                + "and month = ?::date", BigDecimal.class, account, team, month);
    }
}
