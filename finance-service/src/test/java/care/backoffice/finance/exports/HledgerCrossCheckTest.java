package care.backoffice.finance.exports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import care.backoffice.finance.FinanceIntegrationTest;
import care.backoffice.finance.Ledger;
import care.backoffice.finance.RandomLedger;
import care.backoffice.testing.TestTokens;
import com.jayway.jsonpath.JsonPath;
import java.io.File;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * Our statements against hledger's, to the penny: a random ledger is posted through the API, exported
 * in hledger format and recomputed by the {@code hledger} binary (bal, bs, is). Runs on a database of
 * its own so that the ledger holds exactly these journals. Without hledger the test is skipped on a
 * developer machine and FAILS on CI (CI=true), where .ci/run installs it.
 */
@TestPropertySource(properties = "finance.test.database=hledger-cross-check")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HledgerCrossCheckTest extends FinanceIntegrationTest {

    static final long SEED = 20261123L;

    @Autowired
    MockMvc mvc;

    @TempDir
    Path dir;

    String hledger;

    @BeforeAll
    void ledgerAndTool() throws Exception {
        hledger = findHledger();
        Random random = new Random(SEED);
        List<RandomLedger.Journal> journals = RandomLedger.generate(random, 80,
                RandomLedger.postable(RandomLedger.chart()), List.of("team-noord", "team-zuid", "team-oost"),
                java.time.LocalDate.of(2033, 1, 1), 180, "hledger-check");
        for (RandomLedger.Journal j : journals) {
            Ledger.postAsFinance(mvc, RandomLedger.json(j, "manual")).andExpect(status().isCreated());
        }
    }

    static String findHledger() {
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
            File f = new File(d, "hledger");
            if (f.canExecute()) {
                return f.getAbsolutePath();
            }
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError("hledger is not installed; CI must install the Debian package hledger");
        }
        return null;
    }

    @Test
    void ourStatementsEqualHledgersToThePenny() throws Exception {
        Assumptions.assumeTrue(hledger != null, "hledger not installed (apt-get install hledger); required when CI=true");
        Path file = dir.resolve("ledger.journal");
        Files.writeString(file, export());

        // bal: every account's balance over all time equals our trial balance.
        Map<String, BigDecimal> theirs = new HashMap<>();
        for (CSVRecord r : csv(run(file, "bal", "--depth", "2", "-O", "csv"))) {
            if (r.get(0).contains(":")) {
                theirs.put(r.get(0).substring(r.get(0).indexOf(':') + 1), amount(r.get(1)));
            }
        }
        String tb = json("/api/finance/statements/trial-balance?from=2020-01&to=2040-12");
        List<Map<String, Object>> lines = JsonPath.read(tb, "$.lines");
        assertThat(lines).isNotEmpty();
        Map<String, BigDecimal> ours = new HashMap<>();
        for (Map<String, Object> l : lines) {
            ours.put((String) l.get("account"), new BigDecimal((String) l.get("debit")).subtract(new BigDecimal((String) l.get("credit"))));
        }
        theirs.values().removeIf(v -> v.signum() == 0);
        assertThat(ours).isEqualTo(theirs);
        assertThat((String) JsonPath.read(tb, "$.totalDebit")).isEqualTo(JsonPath.read(tb, "$.totalCredit"));

        // bs: total assets, total liabilities and net assets.
        Map<String, BigDecimal> bs = sectionTotals(run(file, "bs", "-e", "2040-01-01", "-O", "csv"));
        String sheet = json("/api/finance/statements/balance-sheet?at=2039-12-31");
        assertThat(bs.get("Assets")).isEqualByComparingTo(line(sheet, "FIXED_ASSETS").add(line(sheet, "CURRENT_ASSETS")));
        assertThat(bs.get("Liabilities")).isEqualByComparingTo(line(sheet, "CREDITORS_SHORT")
                .add(line(sheet, "CREDITORS_LONG")).add(line(sheet, "PROVISIONS")));
        assertThat(bs.get("Net:")).isEqualByComparingTo(new BigDecimal((String) JsonPath.read(sheet, "$.netAssets")));
        assertThat((Boolean) JsonPath.read(sheet, "$.balances")).isTrue();

        // is: revenues, expenses and the result.
        Map<String, BigDecimal> is = sectionTotals(run(file, "is", "-O", "csv"));
        String pl = json("/api/finance/statements/profit-and-loss?from=2033-01&to=2033-12");
        BigDecimal revenue = pl(pl, "TURNOVER").add(pl(pl, "OTHER_OPERATING_INCOME")).add(pl(pl, "INTEREST_RECEIVABLE"));
        BigDecimal result = pl(pl, "PROFIT_FOR_THE_YEAR");
        assertThat(is.get("Revenues")).isEqualByComparingTo(revenue);
        assertThat(is.get("Expenses")).isEqualByComparingTo(revenue.subtract(result));
        assertThat(is.get("Net:")).isEqualByComparingTo(result);

        // And the cash flow reconciles to the cash accounts' movement over the same ledger.
        String cf = json("/api/finance/statements/cash-flow?from=2033-01&to=2033-12");
        assertThat((Boolean) JsonPath.read(cf, "$.reconciles")).isTrue();
        BigDecimal cash = BigDecimal.ZERO;
        for (String code : List.of("1200", "1210", "1230")) {
            cash = cash.add(ours.getOrDefault(code, BigDecimal.ZERO));
        }
        assertThat(new BigDecimal((String) JsonPath.read(cf, "$.closingCash"))).isEqualByComparingTo(cash);
    }

    String export() throws Exception {
        MvcResult started = mvc.perform(get("/api/finance/exports/hledger")
                .header("Authorization", "Bearer " + TestTokens.finance())).andReturn();
        return mvc.perform(asyncDispatch(started)).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
    }

    String json(String url) throws Exception {
        return mvc.perform(get(url).header("Authorization", "Bearer " + TestTokens.finance()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    static BigDecimal line(String sheet, String key) {
        List<String> v = JsonPath.read(sheet, "$.lines[?(@.key=='" + key + "')].amount");
        return new BigDecimal(v.get(0));
    }

    static BigDecimal pl(String pl, String key) {
        List<String> v = JsonPath.read(pl, "$.lines[?(@.key=='" + key + "')].current");
        return new BigDecimal(v.get(0));
    }

    String run(Path file, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(hledger, "-f", file.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("hledger %s failed: %s", List.of(args), out).isZero();
        return out;
    }

    /** hledger's CSV report: a section name row, its accounts, then "total"; finally "Net:". */
    static Map<String, BigDecimal> sectionTotals(String report) throws IOException {
        Map<String, BigDecimal> totals = new HashMap<>();
        String section = null;
        for (CSVRecord r : csv(report)) {
            String first = r.get(0);
            if (r.size() > 1 && r.get(1).isEmpty() && !first.contains(":")) {
                section = first;
            } else if (first.equals("total") && section != null) {
                totals.put(section, amount(r.get(1)));
            } else if (first.equals("Net:")) {
                totals.put("Net:", amount(r.get(1)));
            }
        }
        return totals;
    }

    static List<CSVRecord> csv(String text) throws IOException {
        return CSVFormat.DEFAULT.parse(new StringReader(text)).getRecords();
    }

    static BigDecimal amount(String s) {
        String n = s.replace("GBP", "").replace(",", "").trim();
        return n.isEmpty() ? BigDecimal.ZERO : new BigDecimal(n);
    }
}
