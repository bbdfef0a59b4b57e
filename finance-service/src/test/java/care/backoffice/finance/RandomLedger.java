package care.backoffice.finance;

import care.backoffice.finance.accounts.Account;
import java.io.InputStreamReader;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/** Random balanced journals over the real chart, for property-style tests. Seeded, so a failure can be replayed. */
public final class RandomLedger {

    public record Line(String account, BigDecimal debit, BigDecimal credit, String team, String party) {}

    public record Journal(String id, LocalDate date, List<Line> lines) {}

    private RandomLedger() {}

    /** The reference chart, as the V2 migration loads it. */
    public static List<Account> chart() {
        try (Reader in = new InputStreamReader(RandomLedger.class.getResourceAsStream("/chart-of-accounts-uk-care.csv"),
                StandardCharsets.UTF_8)) {
            List<Account> accounts = new ArrayList<>();
            for (CSVRecord r : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
                accounts.add(new Account(r.get("code"), r.get("name"), r.get("type"), r.get("normal_balance"),
                        blank(r.get("frs102_format_line")), blank(r.get("sofa_line")), blank(r.get("cash_flow_class")),
                        blank(r.get("default_vat")), blank(r.get("notes")), true));
            }
            return accounts;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Accounts a journal may use: every account except the memo pair kept off the statements. */
    public static List<String> postable(List<Account> chart) {
        return chart.stream().filter(a -> a.statutoryLine() == null || !a.statutoryLine().startsWith("memo"))
                .map(Account::code).toList();
    }

    public static List<Journal> generate(Random random, int count, List<String> accounts, List<String> teams,
            LocalDate from, int days, String prefix) {
        List<Journal> journals = new ArrayList<>();
        for (int j = 0; j < count; j++) {
            int n = 1 + random.nextInt(6);
            List<Line> lines = new ArrayList<>();
            BigDecimal net = BigDecimal.ZERO.setScale(2);
            for (int i = 0; i < n; i++) {
                BigDecimal amount = BigDecimal.valueOf(1 + random.nextInt(5_000_000), 2);
                boolean debit = random.nextBoolean();
                lines.add(line(random, accounts, teams, debit, amount));
                net = debit ? net.add(amount) : net.subtract(amount);
            }
            if (net.signum() == 0) {
                BigDecimal amount = BigDecimal.valueOf(1 + random.nextInt(100_000), 2);
                lines.add(line(random, accounts, teams, true, amount));
                net = amount;
            }
            lines.add(line(random, accounts, teams, net.signum() < 0, net.abs()));
            journals.add(new Journal(prefix + "-" + j, from.plusDays(random.nextInt(days)), lines));
        }
        return journals;
    }

    private static Line line(Random random, List<String> accounts, List<String> teams, boolean debit, BigDecimal amount) {
        String account = accounts.get(random.nextInt(accounts.size()));
        String team = random.nextInt(4) == 0 ? null : teams.get(random.nextInt(teams.size()));
        String party = "party-" + random.nextInt(5);
        BigDecimal zero = BigDecimal.ZERO.setScale(2);
        return new Line(account, debit ? amount : zero, debit ? zero : amount, team, party);
    }

    /** The journal as the posting API takes it. */
    public static String json(Journal j, String source) {
        StringBuilder s = new StringBuilder("{\"date\":\"" + j.date() + "\",\"description\":\"Random journal " + j.id()
                + "\",\"source\":\"" + source + "\",\"sourceDocumentId\":\"" + j.id() + "\",\"lines\":[");
        for (int i = 0; i < j.lines().size(); i++) {
            Line l = j.lines().get(i);
            if (i > 0) {
                s.append(',');
            }
            s.append("{\"account\":\"").append(l.account()).append("\",");
            s.append(l.debit().signum() > 0 ? "\"debit\":\"" + l.debit() : "\"credit\":\"" + l.credit()).append('"');
            if (l.team() != null) {
                s.append(",\"team\":\"").append(l.team()).append('"');
            }
            s.append(",\"dimensions\":{\"funder\":\"").append(l.party()).append("\",\"supplier\":\"").append(l.party())
                    .append("\"}}");
        }
        return s.append("]}").toString();
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
