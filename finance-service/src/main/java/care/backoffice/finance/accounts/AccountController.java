package care.backoffice.finance.accounts;

import care.backoffice.support.problem.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/finance/accounts")
@Tag(name = "Chart of accounts")
public class AccountController {

    private final AccountRepository accounts;
    private final AccountChanges changes;

    public AccountController(AccountRepository accounts, AccountChanges changes) {
        this.accounts = accounts;
        this.changes = changes;
    }

    /**
     * The chart is not secret: every signed-in colleague and service may read it. Not a supplier's own system
     * (realm role supplier): that is an outsider, allowed its own invoices in procurement and nothing else.
     */
    static final String COLLEAGUES_AND_SERVICES = "isAuthenticated() and !hasRole('supplier')";

    @GetMapping
    @Operation(summary = "The chart of accounts, ordered by code")
    @PreAuthorize(COLLEAGUES_AND_SERVICES)
    public List<Account> list() {
        return accounts.findAll();
    }

    @GetMapping("/{code}")
    @Operation(summary = "One account")
    @PreAuthorize(COLLEAGUES_AND_SERVICES)
    public Account get(@PathVariable String code) {
        return accounts.find(code).orElseThrow(() -> ApiException.notFound("Account " + code));
    }

    @PostMapping
    @Operation(summary = "Add an account (finance)",
            description = "statutoryLine and cashFlowClass must be ones the chart already uses, so statements can place "
                    + "it. The code is the client-chosen id: an equal replay returns the account with 200, another "
                    + "definition under an existing code is a 409.")
    @PreAuthorize("hasRole('finance')")
    public ResponseEntity<Account> add(@RequestBody AccountChanges.NewAccount account) {
        AccountChanges.Added added = changes.add(account);
        if (!added.created()) {
            return ResponseEntity.ok(added.account());
        }
        return ResponseEntity.created(URI.create("/api/finance/accounts/" + added.account().code())).body(added.account());
    }

    @PostMapping("/{code}/closure")
    @Operation(summary = "Close an account for posting (finance); its history stays in every statement")
    @PreAuthorize("hasRole('finance')")
    public Account close(@PathVariable String code) {
        return changes.close(code);
    }

    @DeleteMapping("/{code}/closure")
    @Operation(summary = "Reopen a closed account for posting (finance)")
    @PreAuthorize("hasRole('finance')")
    public Account reopen(@PathVariable String code) {
        return changes.reopen(code);
    }

    @DeleteMapping("/{code}")
    @Operation(summary = "Delete an account that has never been posted to (finance); 409 if it has postings")
    @PreAuthorize("hasRole('finance')")
    public ResponseEntity<Void> delete(@PathVariable String code) {
        changes.delete(code);
        return ResponseEntity.noContent().build();
    }
}
