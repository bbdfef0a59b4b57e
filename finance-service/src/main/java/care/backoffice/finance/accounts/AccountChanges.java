package care.backoffice.finance.accounts;

import care.backoffice.support.problem.ApiException;
import care.backoffice.support.problem.Problems;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Finance extends the chart; an account that has postings is closed, never deleted. */
@Service
public class AccountChanges {

    public record NewAccount(String code, String name, String type, String normalBalance, String statutoryLine,
            String sofaLine, String cashFlowClass, String defaultVat, String notes) {}

    private static final Pattern CODE = Pattern.compile("[0-9A-Z]{1,10}");
    private static final Set<String> TYPES = Set.of("ASSET", "LIABILITY", "EQUITY", "INCOME", "EXPENSE");

    private final AccountRepository accounts;

    public AccountChanges(AccountRepository accounts) {
        this.accounts = accounts;
    }

    /** The account, and whether this request created it (false: a replay of an equal request). */
    public record Added(Account account, boolean created) {}

    @Transactional
    public Added add(NewAccount a) {
        Problems p = new Problems();
        if (a == null) {
            p.add("body", "is required").throwIfAny();
        }
        p.require(a.code() != null && CODE.matcher(a.code()).matches(), "code",
                "must be 1-10 digits or capital letters, e.g. 4050");
        p.require(a.name() != null && !a.name().isBlank() && a.name().length() <= 200, "name",
                "is required, at most 200 characters");
        p.require(a.type() != null && TYPES.contains(a.type()), "type",
                "must be one of ASSET, LIABILITY, EQUITY, INCOME, EXPENSE");
        p.require("DR".equals(a.normalBalance()) || "CR".equals(a.normalBalance()), "normalBalance", "must be DR or CR");
        // Statements place an account by its statutory line and cash-flow class, so only known ones are accepted.
        List<String> lines = accounts.statutoryLines();
        p.require(a.statutoryLine() != null && lines.contains(a.statutoryLine()), "statutoryLine",
                "must be one of the chart's statutory lines: " + String.join(" | ", lines));
        List<String> classes = accounts.cashFlowClasses();
        p.require(a.cashFlowClass() != null && classes.contains(a.cashFlowClass()), "cashFlowClass",
                "must be one of: " + String.join(" | ", classes));
        p.require(a.notes() == null || a.notes().length() <= 500, "notes", "is longer than 500 characters");
        p.throwIfAny();
        Account account = new Account(a.code(), a.name().strip(), a.type(), a.normalBalance(), a.statutoryLine(),
                blank(a.sofaLine()), a.cashFlowClass(), blank(a.defaultVat()), blank(a.notes()), true);
        if (!accounts.insert(account)) {
            // The code is the client-chosen id: an equal request is a replay and gets the account back.
            Account existing = accounts.find(a.code()).orElseThrow();
            if (sameDefinition(existing, account)) {
                return new Added(existing, false);
            }
            throw new ApiException(409, "Account exists", "account " + a.code() + " already exists with another definition",
                    Map.of("code", "ACCOUNT_EXISTS"));
        }
        return new Added(accounts.find(a.code()).orElseThrow(), true);
    }

    @Transactional
    public Account close(String code) {
        accounts.lock(code).orElseThrow(() -> ApiException.notFound("Account " + code));
        accounts.setOpen(code, false);
        return accounts.find(code).orElseThrow();
    }

    @Transactional
    public Account reopen(String code) {
        accounts.lock(code).orElseThrow(() -> ApiException.notFound("Account " + code));
        accounts.setOpen(code, true);
        return accounts.find(code).orElseThrow();
    }

    @Transactional
    public void delete(String code) {
        accounts.lock(code).orElseThrow(() -> ApiException.notFound("Account " + code));
        if (accounts.hasPostings(code)) {
            throw new ApiException(409, "Account has postings",
                    "account " + code + " has postings and cannot be deleted; close it instead",
                    Map.of("code", "ACCOUNT_HAS_POSTINGS"));
        }
        accounts.delete(code);
    }

    private static boolean sameDefinition(Account x, Account y) {
        return java.util.Objects.equals(x.name(), y.name()) && x.type().equals(y.type())
                && x.normalBalance().equals(y.normalBalance())
                && java.util.Objects.equals(x.statutoryLine(), y.statutoryLine())
                && java.util.Objects.equals(x.sofaLine(), y.sofaLine())
                && java.util.Objects.equals(x.cashFlowClass(), y.cashFlowClass())
                && java.util.Objects.equals(x.defaultVat(), y.defaultVat())
                && java.util.Objects.equals(x.notes(), y.notes());
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
