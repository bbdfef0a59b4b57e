package care.backoffice.finance.budgets;

import care.backoffice.finance.accounts.Account;
import care.backoffice.finance.accounts.AccountRepository;
import care.backoffice.finance.money.Money;
import care.backoffice.support.problem.Problems;
import care.backoffice.support.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/finance/budgets")
@Tag(name = "Budgets")
public class BudgetController {

    private static final Pattern TEAM = Pattern.compile("[a-z0-9][a-z0-9-]{0,99}");
    private static final int MAX_ROWS = 200_000;

    private final BudgetRepository budgets;
    private final AccountRepository accounts;

    public BudgetController(BudgetRepository budgets, AccountRepository accounts) {
        this.budgets = budgets;
        this.accounts = accounts;
    }

    public record Uploaded(int rows) {}

    @PostMapping(consumes = {"text/csv", "text/plain"})
    @PreAuthorize("hasRole('finance')")
    @Operation(summary = "Upload budgets as CSV: team,account,month,amount (header row required)",
            description = "month is yyyy-MM, amount in GBP in the account's normal direction (income and costs both "
                    + "positive). Stored whole or not at all; every bad row and field is named (rows[n] counts data "
                    + "rows from 1). A later upload replaces the amount for the same team x account x month.")
    @Transactional
    public Uploaded upload(@RequestBody String csv) throws IOException {
        Map<String, Account> chart = accounts.findAll().stream().collect(Collectors.toMap(Account::code, Function.identity()));
        Problems p = new Problems();
        List<BudgetRepository.Row> rows = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        List<CSVRecord> records = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
                .setIgnoreEmptyLines(true).get().parse(new StringReader(csv)).getRecords();
        if (records.isEmpty()) {
            p.add("body", "has no budget rows; expected the header team,account,month,amount and at least one row");
        }
        if (records.size() > MAX_ROWS) {
            p.add("body", "has " + records.size() + " rows; at most " + MAX_ROWS + " per upload").throwIfAny();
        }
        for (int i = 0; i < records.size(); i++) {
            CSVRecord r = records.get(i);
            String at = "rows[" + (i + 1) + "]";
            if (!r.isConsistent() || !r.isMapped("team") || !r.isMapped("account") || !r.isMapped("month")
                    || !r.isMapped("amount")) {
                p.add(at, "must have the columns team,account,month,amount");
                continue;
            }
            String team = r.get("team");
            String account = r.get("account");
            YearMonth month = null;
            p.require(TEAM.matcher(team).matches(), at + ".team", "must be a team code such as team-arnhem-noord");
            Account a = chart.get(account);
            if (a == null) {
                p.add(at + ".account", "account " + account + " is not in the chart");
            } else if (!"INCOME".equals(a.type()) && !"EXPENSE".equals(a.type())) {
                p.add(at + ".account", "budgets are for income and expense accounts; " + account + " is " + a.type());
            }
            try {
                month = YearMonth.parse(r.get("month"));
            } catch (DateTimeParseException e) {
                p.add(at + ".month", "is not a month in the form yyyy-MM: " + r.get("month"));
            }
            BigDecimal amount = Money.parsePence(r.get("amount")).orElse(null);
            if (amount == null) {
                p.add(at + ".amount", "must be an amount in GBP with at most 2 decimals");
            }
            if (month != null && !seen.add(team + "|" + account + "|" + month)) {
                p.add(at, "repeats team " + team + ", account " + account + ", month " + month);
            }
            if (amount != null && month != null && a != null) {
                rows.add(new BudgetRepository.Row(team, account, month, amount));
            }
        }
        p.throwIfAny();
        budgets.upsert(rows, CurrentUser.get().name());
        return new Uploaded(rows.size());
    }
}
