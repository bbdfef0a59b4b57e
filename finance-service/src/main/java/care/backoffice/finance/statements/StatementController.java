package care.backoffice.finance.statements;

import care.backoffice.finance.budgets.BudgetRepository;
import care.backoffice.finance.exports.TableExport;
import care.backoffice.support.problem.InvalidRequestException;
import care.backoffice.support.problem.Problems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.function.Supplier;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Statements as JSON, or with {@code ?format=csv|xlsx|pdf} as a download. Figures come from the
 * balances, so a statement costs the same whatever the length of the journal history.
 */
@RestController
@RequestMapping("/api/finance/statements")
@Tag(name = "Statements")
@PreAuthorize("hasRole('finance')")
public class StatementController {

    private final StatementQueries queries;
    private final StatementService statements;
    private final BudgetRepository budgets;

    public StatementController(StatementQueries queries, StatementService statements, BudgetRepository budgets) {
        this.queries = queries;
        this.statements = statements;
        this.budgets = budgets;
    }

    @GetMapping("/trial-balance")
    @Operation(summary = "Trial balance for months from..to (yyyy-MM), flat or by team")
    public ResponseEntity<?> trialBalance(@RequestParam String from, @RequestParam String to,
            @RequestParam(defaultValue = "false") boolean byTeam,
            @Parameter(description = "csv, xlsx or pdf; JSON when absent") @RequestParam(required = false) String format) {
        YearMonth[] range = range(from, to, format);
        return answer(format, "trial-balance-" + from + "-" + to,
                () -> statements.trialBalance(range[0], range[1], byTeam), TrialBalance::table);
    }

    @GetMapping("/profit-and-loss")
    @Operation(summary = "Profit and loss by nature (format 2) for from..to, with the previous period of equal "
            + "length and the financial year to date (year start: finance.financial-year-start-month); optional team")
    public ResponseEntity<?> profitAndLoss(@RequestParam String from, @RequestParam String to,
            @RequestParam(required = false) String team, @RequestParam(required = false) String format) {
        YearMonth[] range = range(from, to, format);
        return answer(format, "profit-and-loss-" + from + "-" + to,
                () -> statements.profitAndLoss(range[0], range[1], team),
                ProfitAndLoss::table);
    }

    @GetMapping("/balance-sheet")
    @Operation(summary = "Balance sheet (format 1) at the end of a day (yyyy-MM-dd)")
    public ResponseEntity<?> balanceSheet(@RequestParam String at, @RequestParam(required = false) String format) {
        LocalDate date = date("at", at, format);
        return answer(format, "balance-sheet-" + at, () -> statements.balanceSheet(date),
                BalanceSheet::table);
    }

    @GetMapping("/cash-flow")
    @Operation(summary = "Cash-flow statement (indirect method) for months from..to; reconciles to the movement in cash")
    public ResponseEntity<?> cashFlow(@RequestParam String from, @RequestParam String to,
            @RequestParam(required = false) String format) {
        YearMonth[] range = range(from, to, format);
        return answer(format, "cash-flow-" + from + "-" + to, () -> statements.cashFlow(range[0], range[1]),
                CashFlow::table);
    }

    @GetMapping("/budget-vs-actual")
    @Operation(summary = "Budget vs actual per team x account for months from..to; optional team")
    public ResponseEntity<?> budgetVsActual(@RequestParam String from, @RequestParam String to,
            @RequestParam(required = false) String team, @RequestParam(required = false) String format) {
        YearMonth[] range = range(from, to, format);
        return answer(format, "budget-vs-actual-" + from + "-" + to, () -> BudgetVsActual.build(from, to, team,
                budgets.sums(range[0], range[1], team), queries.movements(range[0], range[1], team), queries.chart()),
                BudgetVsActual::table);
    }

    @GetMapping("/aged-debtors")
    @Operation(summary = "Aged debtors (trade debtors control 1100) by funder / payer type at a date")
    public ResponseEntity<?> agedDebtors(@RequestParam String at, @RequestParam(required = false) String format) {
        LocalDate date = date("at", at, format);
        return answer(format, "aged-debtors-" + at, () -> AgedBalances.build("debtors", "1100", date,
                queries.controlItems("1100", date, true)), AgedBalances::table);
    }

    @GetMapping("/aged-creditors")
    @Operation(summary = "Aged creditors (trade creditors control 2100) by supplier at a date")
    public ResponseEntity<?> agedCreditors(@RequestParam String at, @RequestParam(required = false) String format) {
        LocalDate date = date("at", at, format);
        return answer(format, "aged-creditors-" + at, () -> AgedBalances.build("creditors", "2100", date,
                queries.controlItems("2100", date, false)), AgedBalances::table);
    }

    /**
     * JSON, or the export written straight to the response stream (rows go out as they are written;
     * the servlet container flushes in chunks).
     */
    private <T> ResponseEntity<?> answer(String format, String fileName, Supplier<T> statement,
            java.util.function.Function<T, Table> table) {
        T s = statement.get();
        if (format == null || format.isBlank() || "json".equalsIgnoreCase(format)) {
            return ResponseEntity.ok(s);
        }
        TableExport.Format f = TableExport.Format.valueOf(format.toUpperCase(Locale.ROOT));
        Table t = table.apply(s);
        HttpServletResponse response = currentResponse();
        response.setContentType(f.mediaType);
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + fileName + "." + f.extension + "\"");
        try {
            TableExport.write(t, f, response.getOutputStream());
            response.flushBuffer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return null;
    }

    private static HttpServletResponse currentResponse() {
        return ((ServletRequestAttributes) RequestContextHolder.currentRequestAttributes()).getResponse();
    }

    static YearMonth[] range(String from, String to, String format) {
        Problems p = new Problems();
        YearMonth f = month("from", from, p);
        YearMonth t = month("to", to, p);
        checkFormat(format, p);
        p.throwIfAny();
        if (t.isBefore(f)) {
            throw InvalidRequestException.of("to", "must not be before from");
        }
        if (f.plusYears(30).isBefore(t)) {
            throw InvalidRequestException.of("to", "must be at most 30 years after from");
        }
        return new YearMonth[] {f, t};
    }

    static LocalDate date(String field, String value, String format) {
        Problems p = new Problems();
        LocalDate d = null;
        try {
            d = LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            p.add(field, "is not a date in the form yyyy-MM-dd: " + value);
        }
        checkFormat(format, p);
        p.throwIfAny();
        return d;
    }

    private static void checkFormat(String format, Problems p) {
        if (format != null && !format.isBlank() && !java.util.Set.of("json", "csv", "xlsx", "pdf")
                .contains(format.toLowerCase(Locale.ROOT))) {
            p.add("format", "must be csv, xlsx or pdf (or absent for JSON)");
        }
    }

    static YearMonth month(String field, String value, Problems p) {
        try {
            return YearMonth.parse(value);
        } catch (DateTimeParseException e) {
            p.add(field, "is not a month in the form yyyy-MM: " + value);
            return null;
        }
    }
}
