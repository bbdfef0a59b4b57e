package care.backoffice.finance.statements;

import static org.assertj.core.api.Assertions.assertThat;

import care.backoffice.finance.RandomLedger;
import care.backoffice.finance.accounts.Account;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The ledger's invariants as properties: for many random sets of balanced journals over the real
 * chart, the statements built from them must agree with double entry. Each run is seeded; the seed is
 * in the failure message.
 */
class LedgerInvariantsTest {

    static final List<Account> ACCOUNTS = RandomLedger.chart();
    static final Chart CHART = new Chart(ACCOUNTS);
    static final List<String> POSTABLE = RandomLedger.postable(ACCOUNTS);
    static final List<String> TEAMS = List.of("team-a", "team-b", "team-c");
    static final LocalDate START = LocalDate.of(2026, 1, 1);

    /** Balances per account x team x month, as the posting API keeps them. */
    static Map<YearMonth, List<Movement>> balances(List<RandomLedger.Journal> journals) {
        Map<String, BigDecimal[]> sums = new TreeMap<>();
        for (RandomLedger.Journal j : journals) {
            for (RandomLedger.Line l : j.lines()) {
                String key = YearMonth.from(j.date()) + "|" + l.account() + "|" + (l.team() == null ? "" : l.team());
                BigDecimal[] s = sums.computeIfAbsent(key, k -> new BigDecimal[] {BigDecimal.ZERO.setScale(2),
                        BigDecimal.ZERO.setScale(2)});
                s[0] = s[0].add(l.debit());
                s[1] = s[1].add(l.credit());
            }
        }
        Map<YearMonth, List<Movement>> byMonth = new TreeMap<>();
        sums.forEach((k, s) -> {
            String[] p = k.split("\\|", -1);
            byMonth.computeIfAbsent(YearMonth.parse(p[0]), m -> new ArrayList<>()).add(new Movement(p[1], p[2], s[0], s[1]));
        });
        return byMonth;
    }

    static List<Movement> months(Map<YearMonth, List<Movement>> b, YearMonth from, YearMonth to) {
        List<Movement> out = new ArrayList<>();
        b.forEach((m, list) -> {
            if (!m.isBefore(from) && !m.isAfter(to)) {
                out.addAll(list);
            }
        });
        return out;
    }

    @Test
    void trialBalanceAlwaysSumsToZeroFlatAndByTeam() {
        for (long seed = 1; seed <= 150; seed++) {
            Random r = new Random(seed);
            var b = balances(RandomLedger.generate(r, 1 + r.nextInt(60), POSTABLE, TEAMS, START, 365, "j"));
            YearMonth from = YearMonth.of(2026, 1 + r.nextInt(6));
            YearMonth to = from.plusMonths(r.nextInt(7));
            for (boolean byTeam : new boolean[] {false, true}) {
                TrialBalance tb = TrialBalance.build(from.toString(), to.toString(), months(b, from, to), CHART, byTeam);
                assertThat(tb.totalDebit()).as("seed %d byTeam %s", seed, byTeam).isEqualByComparingTo(tb.totalCredit());
                BigDecimal lines = tb.lines().stream().map(l -> l.debit().subtract(l.credit()))
                        .reduce(BigDecimal.ZERO, BigDecimal::add);
                assertThat(lines).as("seed %d", seed).isZero();
            }
        }
    }

    @Test
    void theBalanceSheetBalancesAtEveryMonthEnd() {
        for (long seed = 1; seed <= 150; seed++) {
            Random r = new Random(seed);
            var b = balances(RandomLedger.generate(r, 1 + r.nextInt(60), POSTABLE, TEAMS, START, 365, "j"));
            YearMonth at = YearMonth.of(2026, 1 + r.nextInt(12));
            BalanceSheet bs = BalanceSheet.build(at.atEndOfMonth().toString(),
                    months(b, YearMonth.of(2000, 1), at), CHART);
            assertThat(bs.balances()).as("seed %d: net assets %s, capital %s", seed, bs.netAssets(),
                    bs.capitalAndReserves()).isTrue();
            assertThat(bs.netAssets()).isEqualByComparingTo(bs.capitalAndReserves());
        }
    }

    @Test
    void theCashFlowReconcilesToTheMovementInCash() {
        for (long seed = 1; seed <= 150; seed++) {
            Random r = new Random(seed);
            var b = balances(RandomLedger.generate(r, 1 + r.nextInt(60), POSTABLE, TEAMS, START, 365, "j"));
            YearMonth from = YearMonth.of(2026, 1 + r.nextInt(12));
            YearMonth to = from.plusMonths(r.nextInt(6));
            BigDecimal opening = cash(months(b, YearMonth.of(2000, 1), from.minusMonths(1)));
            BigDecimal closing = cash(months(b, YearMonth.of(2000, 1), to));
            CashFlow cf = CashFlow.build(from.toString(), to.toString(), months(b, from, to), opening, CHART);
            assertThat(cf.reconciles()).as("seed %d", seed).isTrue();
            assertThat(cf.netChangeInCash()).as("seed %d", seed).isEqualByComparingTo(closing.subtract(opening));
            assertThat(cf.closingCash()).as("seed %d", seed).isEqualByComparingTo(closing);
        }
    }

    @Test
    void theProfitForTheYearIsWhatTheBalanceSheetCarriesAsUnclosedResult() {
        for (long seed = 1; seed <= 100; seed++) {
            Random r = new Random(seed);
            var b = balances(RandomLedger.generate(r, 1 + r.nextInt(60), POSTABLE, TEAMS, START, 365, "j"));
            YearMonth from = YearMonth.of(2026, 1);
            YearMonth to = YearMonth.of(2026, 12);
            List<Movement> year = months(b, from, to);
            ProfitAndLoss pl = ProfitAndLoss.build("2026-01", "2026-12", null, "2025-01", "2025-12", "2026-01", year,
                    List.of(), year, CHART);
            BalanceSheet bs = BalanceSheet.build("2026-12-31", year, CHART);
            BigDecimal unclosed = bs.lines().stream().filter(l -> l.key().equals("RESULT_NOT_YET_CLOSED")).findFirst()
                    .orElseThrow().amount();
            assertThat(pl.result()).as("seed %d", seed).isEqualByComparingTo(unclosed);
            assertThat(pl.lines().get(pl.lines().size() - 1).yearToDate()).isEqualByComparingTo(pl.result());
        }
    }

    @Test
    void agedBalancesAddUpToTheControlAccount() {
        for (long seed = 1; seed <= 100; seed++) {
            Random r = new Random(seed);
            List<RandomLedger.Journal> journals = RandomLedger.generate(r, 1 + r.nextInt(80), List.of("1100", "1200", "4000"),
                    TEAMS, START, 200, "j");
            LocalDate at = START.plusDays(r.nextInt(250));
            List<AgedBalances.Item> items = new ArrayList<>();
            BigDecimal control = BigDecimal.ZERO.setScale(2);
            for (RandomLedger.Journal j : journals) {
                for (RandomLedger.Line l : j.lines()) {
                    if (l.account().equals("1100") && !j.date().isAfter(at)) {
                        items.add(new AgedBalances.Item(l.party(), j.date(), l.debit().subtract(l.credit())));
                        control = control.add(l.debit()).subtract(l.credit());
                    }
                }
            }
            AgedBalances aged = AgedBalances.build("debtors", "1100", at, items);
            assertThat(aged.total().total()).as("seed %d", seed).isEqualByComparingTo(control);
            for (AgedBalances.Party p : aged.parties()) {
                assertThat(p.current().add(p.days31to60()).add(p.days61to90()).add(p.over90()))
                        .isEqualByComparingTo(p.total());
            }
        }
    }

    @Test
    void aReceiptClearsTheOldestInvoiceFirst() {
        LocalDate at = LocalDate.of(2026, 6, 30);
        AgedBalances aged = AgedBalances.build("debtors", "1100", at, List.of(
                new AgedBalances.Item("county", LocalDate.of(2026, 3, 1), new BigDecimal("100.00")),
                new AgedBalances.Item("county", LocalDate.of(2026, 5, 15), new BigDecimal("200.00")),
                new AgedBalances.Item("county", LocalDate.of(2026, 6, 20), new BigDecimal("50.00")),
                new AgedBalances.Item("county", LocalDate.of(2026, 6, 25), new BigDecimal("-150.00"))));
        AgedBalances.Party county = aged.parties().get(0);
        // 100 (March) cleared, 50 of May's 200 cleared: 150 left at 46 days, June's 50 current.
        assertThat(county.current()).isEqualByComparingTo("50.00");
        assertThat(county.days31to60()).isEqualByComparingTo("150.00");
        assertThat(county.over90()).isEqualByComparingTo("0.00");
        assertThat(county.total()).isEqualByComparingTo("200.00");
    }

    static BigDecimal cash(List<Movement> movements) {
        return movements.stream().filter(m -> CHART.isCash(m.account())).map(Movement::net)
                .reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
    }
}
