package care.backoffice.finance.accounts;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class AccountRepository {

    private static final String COLUMNS = """
            code, name, type, normal_balance, statutory_line, sofa_line, cash_flow_class, default_vat, notes, open""";

    private final JdbcClient jdbc;

    public AccountRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<Account> findAll() {
        return jdbc.sql("select " + COLUMNS + " from account order by code").query(Account.class).list();
    }

    public Optional<Account> find(String code) {
        return jdbc.sql("select " + COLUMNS + " from account where code = ?").param(code).query(Account.class).optional();
    }
}
