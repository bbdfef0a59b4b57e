package care.backoffice.finance.statements;

import static care.backoffice.finance.Ledger.Line.cr;
import static care.backoffice.finance.Ledger.Line.dr;
import static org.assertj.core.api.Assertions.assertThat;

import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import care.backoffice.finance.FinanceIntegrationTest;
import care.backoffice.finance.Ledger;
import care.backoffice.testing.TestTokens;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * A small ledger whose statements an accountant can work out by hand (figures in the comments), on a
 * database of its own. April is the first month of the financial year (finance.financial-year-start-month=4).
 */
@TestPropertySource(properties = "finance.test.database=statements")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatementsApiTest extends FinanceIntegrationTest {

    static final String NOORD = "team-noord";

    @Autowired
    MockMvc mvc;

    @BeforeAll
    void ledger() throws Exception {
        post("2034-04-01", "capital", List.of(dr("1200", "10000.00", null), cr("3000", "10000.00", null)));
        post("2034-04-30", "billing-april", List.of(dr("1100", "5000.00", NOORD).with("{\"funder\":\"county\"}"),
                cr("4000", "3000.00", NOORD), cr("4010", "2000.00", NOORD)));
        post("2034-04-30", "payroll-april", List.of(dr("6000", "2500.00", NOORD), dr("6050", "250.00", NOORD),
                dr("6060", "125.00", NOORD), cr("2220", "2875.00", null)));
        post("2034-04-10", "invoice-medi", List.of(dr("5000", "80.50", NOORD), dr("0030", "1000.00", null),
                cr("2100", "1080.50", null).with("{\"supplier\":\"medi-supplies\"}")));
        post("2034-04-30", "depreciation-april", List.of(dr("8000", "50.00", null), cr("0031", "50.00", null)));
        post("2034-05-01", "wages-paid-april", List.of(dr("2220", "2875.00", null), cr("1200", "2875.00", null)));
        post("2034-05-20", "receipt-county", List.of(dr("1200", "3000.00", null),
                cr("1100", "3000.00", NOORD).with("{\"funder\":\"county\"}")));
        post("2034-05-31", "billing-may", List.of(dr("1100", "1000.00", NOORD).with("{\"funder\":\"county\"}"),
                cr("4000", "1000.00", NOORD)));
    }

    void post(String date, String doc, List<Ledger.Line> lines) throws Exception {
        Ledger.postAsFinance(mvc, Ledger.journal(date, "manual", doc, lines)).andExpect(status().isCreated());
    }

    ResultActions get(String url) throws Exception {
        return mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get(url)
                .header("Authorization", "Bearer " + TestTokens.finance()));
    }

    @Test
    void profitAndLossByNatureWithPreviousPeriodAndYearToDate() throws Exception {
        // April: turnover 5,000; consumables 80.50; staff 2,500 + 250 + 125 = 2,875; depreciation 50 → 1,994.50.
        get("/api/finance/statements/profit-and-loss?from=2034-04&to=2034-04").andExpect(status().isOk())
                .andExpect(jsonPath("$.lines[?(@.key=='TURNOVER')].current").value("5000.00"))
                .andExpect(jsonPath("$.lines[?(@.key=='RAW_MATERIALS')].current").value("80.50"))
                .andExpect(jsonPath("$.lines[?(@.key=='WAGES')].current").value("2500.00"))
                .andExpect(jsonPath("$.lines[?(@.key=='SOCIAL_SECURITY')].current").value("250.00"))
                .andExpect(jsonPath("$.lines[?(@.key=='PENSION')].current").value("125.00"))
                .andExpect(jsonPath("$.lines[?(@.key=='STAFF_COSTS')].current").value("2875.00"))
                .andExpect(jsonPath("$.lines[?(@.key=='DEPRECIATION')].current").value("50.00"))
                .andExpect(jsonPath("$.lines[?(@.key=='PROFIT_FOR_THE_YEAR')].current").value("1994.50"));
        // May: turnover 1,000; previous period is April; the year to date runs from April.
        get("/api/finance/statements/profit-and-loss?from=2034-05&to=2034-05").andExpect(status().isOk())
                .andExpect(jsonPath("$.previousFrom").value("2034-04"))
                .andExpect(jsonPath("$.yearToDateFrom").value("2034-04"))
                .andExpect(jsonPath("$.lines[?(@.key=='PROFIT_FOR_THE_YEAR')].current").value("1000.00"))
                .andExpect(jsonPath("$.lines[?(@.key=='PROFIT_FOR_THE_YEAR')].previous").value("1994.50"))
                .andExpect(jsonPath("$.lines[?(@.key=='PROFIT_FOR_THE_YEAR')].yearToDate").value("2994.50"));
        // Per team: only lines carrying the team (depreciation has none).
        get("/api/finance/statements/profit-and-loss?from=2034-04&to=2034-04&team=" + NOORD)
                .andExpect(jsonPath("$.lines[?(@.key=='PROFIT_FOR_THE_YEAR')].current").value("2044.50"));
    }

    @Test
    void balanceSheetAtMonthEndAndInsideAMonth() throws Exception {
        // 30 April: fixed 1,000 - 50; debtors 5,000; cash 10,000; creditors 2,875 + 1,080.50.
        get("/api/finance/statements/balance-sheet?at=2034-04-30").andExpect(status().isOk())
                .andExpect(jsonPath("$.lines[?(@.key=='TANGIBLE')].amount").value("950.00"))
                .andExpect(jsonPath("$.lines[?(@.key=='CURRENT_ASSETS')].amount").value("15000.00"))
                .andExpect(jsonPath("$.lines[?(@.key=='CREDITORS_SHORT')].amount").value("3955.50"))
                .andExpect(jsonPath("$.lines[?(@.key=='NET_CURRENT_ASSETS')].amount").value("11044.50"))
                .andExpect(jsonPath("$.netAssets").value("11994.50"))
                .andExpect(jsonPath("$.lines[?(@.key=='SHARE_CAPITAL')].amount").value("10000.00"))
                .andExpect(jsonPath("$.lines[?(@.key=='RESULT_NOT_YET_CLOSED')].amount").value("1994.50"))
                .andExpect(jsonPath("$.capitalAndReserves").value("11994.50"))
                .andExpect(jsonPath("$.balances").value(true));
        // 15 May: wages were paid on 1 May (cash 7,125), the receipt of 20 May is not there yet.
        get("/api/finance/statements/balance-sheet?at=2034-05-15").andExpect(status().isOk())
                .andExpect(jsonPath("$.lines[?(@.key=='CASH')].amount").value("7125.00"))
                .andExpect(jsonPath("$.lines[?(@.key=='DEBTORS')].amount").value("5000.00"))
                .andExpect(jsonPath("$.lines[?(@.key=='CREDITORS_SHORT')].amount").value("1080.50"))
                .andExpect(jsonPath("$.balances").value(true));
    }

    @Test
    void cashFlowByTheIndirectMethodReconcilesToTheCashMovement() throws Exception {
        // April: 1,994.50 + 50 - 5,000 + 3,955.50 - 1,000 (equipment) + 10,000 (capital) = 10,000.
        get("/api/finance/statements/cash-flow?from=2034-04&to=2034-04").andExpect(status().isOk())
                .andExpect(jsonPath("$.lines[?(@.label=='Profit or loss for the period')].amount").value("1994.50"))
                .andExpect(jsonPath("$.lines[?(@.label=='(Increase)/decrease in debtors')].amount").value("-5000.00"))
                .andExpect(jsonPath("$.lines[?(@.label=='Net cash from investing activities')].amount").value("-1000.00"))
                .andExpect(jsonPath("$.lines[?(@.label=='Net cash from financing activities')].amount").value("10000.00"))
                .andExpect(jsonPath("$.netChangeInCash").value("10000.00"))
                .andExpect(jsonPath("$.reconciles").value(true));
        // May: 1,000 + 2,000 (debtors down) - 2,875 (wages paid) = 125; cash 10,000 → 10,125.
        get("/api/finance/statements/cash-flow?from=2034-05&to=2034-05")
                .andExpect(jsonPath("$.netChangeInCash").value("125.00"))
                .andExpect(jsonPath("$.openingCash").value("10000.00"))
                .andExpect(jsonPath("$.closingCash").value("10125.00"))
                .andExpect(jsonPath("$.reconciles").value(true));
    }

    @Test
    void trialBalanceFlatAndByTeam() throws Exception {
        get("/api/finance/statements/trial-balance?from=2034-04&to=2034-05").andExpect(status().isOk())
                .andExpect(jsonPath("$.lines[?(@.account=='1200')].debit").value("10125.00"))
                .andExpect(jsonPath("$.lines[?(@.account=='4000')].credit").value("4000.00"))
                .andExpect(jsonPath("$.totalDebit").value(Matchers.equalTo(
                        com.jayway.jsonpath.JsonPath.read(get("/api/finance/statements/trial-balance?from=2034-04&to=2034-05")
                                .andReturn().getResponse().getContentAsString(), "$.totalCredit"))));
        get("/api/finance/statements/trial-balance?from=2034-04&to=2034-05&byTeam=true")
                .andExpect(jsonPath("$.lines[?(@.account=='4000' && @.team=='team-noord')].credit").value("4000.00"))
                .andExpect(jsonPath("$.lines[?(@.account=='1200')].team").value(""));
    }

    @Test
    void agedDebtorsAndCreditorsByParty() throws Exception {
        // The 3,000 receipt clears April's invoice first: 2,000 left at 61 days; May's 1,000 is 30 days old.
        get("/api/finance/statements/aged-debtors?at=2034-06-30").andExpect(status().isOk())
                .andExpect(jsonPath("$.parties[0].party").value("county"))
                .andExpect(jsonPath("$.parties[0].current").value("1000.00"))
                .andExpect(jsonPath("$.parties[0].days61to90").value("2000.00"))
                .andExpect(jsonPath("$.total.total").value("3000.00"));
        get("/api/finance/statements/aged-creditors?at=2034-06-30")
                .andExpect(jsonPath("$.parties[0].party").value("medi-supplies"))
                .andExpect(jsonPath("$.parties[0].days61to90").value("1080.50"));
    }

    @Test
    void budgetsUploadWholeOrNotAtAllAndCompareWithActuals() throws Exception {
        String token = "Bearer " + TestTokens.finance();
        mvc.perform(MockMvcRequestBuilders.post("/api/finance/budgets").header("Authorization", token).contentType("text/csv").content("""
                        team,account,month,amount
                        team-noord,4999,2034-04,100
                        team-noord,6000,April,100
                        team-noord,1200,2034-04,1.001
                        """))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", Matchers.containsInAnyOrder("rows[1].account", "rows[2].month",
                        "rows[3].account", "rows[3].amount")));
        mvc.perform(MockMvcRequestBuilders.post("/api/finance/budgets").header("Authorization", token).contentType("text/csv").content("""
                        team,account,month,amount
                        team-noord,4000,2034-04,4500.00
                        team-noord,6000,2034-04,2600
                        """))
                .andExpect(status().isOk()).andExpect(jsonPath("$.rows").value(2));
        get("/api/finance/statements/budget-vs-actual?from=2034-04&to=2034-04&team=" + NOORD).andExpect(status().isOk())
                .andExpect(jsonPath("$.lines[?(@.account=='4000')].budget").value("4500.00"))
                .andExpect(jsonPath("$.lines[?(@.account=='4000')].actual").value("3000.00"))
                .andExpect(jsonPath("$.lines[?(@.account=='4000')].variance").value("-1500.00"))
                .andExpect(jsonPath("$.lines[?(@.account=='4000')].favourable").value(false))
                .andExpect(jsonPath("$.lines[?(@.account=='6000')].variance").value("-100.00"))
                .andExpect(jsonPath("$.lines[?(@.account=='6000')].favourable").value(true))
                .andExpect(jsonPath("$.lines[?(@.account=='4010')].budget").value("0.00"));
    }

    @Test
    void statementsExportAsCsvXlsxAndPdf() throws Exception {
        String csv = new String(download("/api/finance/statements/trial-balance?from=2034-04&to=2034-05&format=csv",
                "text/csv"), StandardCharsets.UTF_8);
        assertThat(csv).contains("1200,Bank - current account,10125.00,0.00").contains("Total,,");

        byte[] xlsx = download("/api/finance/statements/profit-and-loss?from=2034-04&to=2034-04&format=xlsx",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        // Read through the central directory, as spreadsheet programs do (fastexcel streams its entries).
        StringBuilder sheets = new StringBuilder();
        java.nio.file.Path file = java.nio.file.Files.createTempFile("pl", ".xlsx");
        try {
            java.nio.file.Files.write(file, xlsx);
            try (ZipFile zip = new ZipFile(file.toFile())) {
                for (ZipEntry e : java.util.Collections.list(zip.entries())) {
                    if (e.getName().startsWith("xl/")) {
                        sheets.append(new String(zip.getInputStream(e).readAllBytes(), StandardCharsets.UTF_8));
                    }
                }
            }
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }
        assertThat(sheets).contains("1. Turnover").contains("1994.5");

        byte[] pdf = download("/api/finance/statements/balance-sheet?at=2034-04-30&format=pdf", "application/pdf");
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(doc);
            assertThat(text).contains("Balance sheet (format 1)").contains("Net assets").contains("11994.50");
        }
        get("/api/finance/statements/balance-sheet?at=2034-04-31&format=doc").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", Matchers.containsInAnyOrder("at", "format")));
    }

    @Test
    void statementsAreForFinanceOnly() throws Exception {
        for (String token : List.of(TestTokens.teamMember(NOORD), TestTokens.backOffice(), TestTokens.service("billing"))) {
            mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                            .get("/api/finance/statements/trial-balance?from=2034-04&to=2034-04")
                            .header("Authorization", "Bearer " + token))
                    .andExpect(status().isForbidden());
        }
    }

    byte[] download(String url, String type) throws Exception {
        return get(url).andExpect(status().isOk())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.header()
                        .string("Content-Type", Matchers.startsWith(type)))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.header()
                        .string("Content-Disposition", Matchers.startsWith("attachment")))
                .andReturn().getResponse().getContentAsByteArray();
    }
}
