package care.backoffice.finance.accounts;

import care.backoffice.support.problem.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
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

    public AccountController(AccountRepository accounts) {
        this.accounts = accounts;
    }

    /** The chart is not secret: every signed-in colleague and service may read it. */
    @GetMapping
    @Operation(summary = "The chart of accounts, ordered by code")
    @PreAuthorize("isAuthenticated()")
    public List<Account> list() {
        return accounts.findAll();
    }

    @GetMapping("/{code}")
    @Operation(summary = "One account")
    @PreAuthorize("isAuthenticated()")
    public Account get(@PathVariable String code) {
        return accounts.find(code).orElseThrow(() -> ApiException.notFound("Account " + code));
    }
}
