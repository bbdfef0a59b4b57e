package care.backoffice.finance.accounts;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    /**
     * Open or closed, for each of the codes that exist. Not locked: a posting that saw the account open
     * just before a concurrent close simply happened before the close; deleting an account with
     * postings is impossible anyway (foreign key, and {@link AccountChanges#delete} checks first).
     */
    public Map<String, Boolean> openStatus(Collection<String> codes) {
        Map<String, Boolean> result = new HashMap<>();
        jdbc.sql("select code, open from account where code = any(?)")
                .param(codes.toArray(String[]::new))
                .query(rs -> {
                    result.put(rs.getString(1), rs.getBoolean(2));
                });
        return result;
    }

    public boolean insert(Account a) {
        return jdbc.sql("""
                insert into account (code, name, type, normal_balance, statutory_line, sofa_line, cash_flow_class,
                                     default_vat, notes)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (code) do nothing""")
                .params(a.code(), a.name(), a.type(), a.normalBalance(), a.statutoryLine(), a.sofaLine(),
                        a.cashFlowClass(), a.defaultVat(), a.notes())
                .update() == 1;
    }

    /** Locks the account row, so closing or deleting waits for postings in flight. */
    public Optional<Account> lock(String code) {
        return jdbc.sql("select " + COLUMNS + " from account where code = ? for update").param(code)
                .query(Account.class).optional();
    }

    public void setOpen(String code, boolean open) {
        jdbc.sql("update account set open = ? where code = ?").params(open, code).update();
    }

    public boolean hasPostings(String code) {
        return jdbc.sql("select exists (select 1 from journal_line where account = ?)").param(code)
                .query(Boolean.class).single();
    }

    public void delete(String code) {
        jdbc.sql("delete from account where code = ?").param(code).update();
    }

    public List<String> statutoryLines() {
        return jdbc.sql("select distinct statutory_line from account where statutory_line is not null order by 1")
                .query(String.class).list();
    }

    public List<String> cashFlowClasses() {
        return jdbc.sql("select distinct cash_flow_class from account where cash_flow_class is not null order by 1")
                .query(String.class).list();
    }
}
