package care.backoffice.finance.balances;

import care.backoffice.finance.journals.NewJournal;
import java.math.BigDecimal;
import java.sql.Date;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Balances per account x team x month, updated in the posting transaction. Keys are upserted in sorted
 * order so that two postings touching the same balances can never deadlock each other.
 */
@Repository
public class BalanceRepository {

    private final JdbcTemplate jdbc;

    public BalanceRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void add(YearMonth month, List<NewJournal.NewLine> lines) {
        Map<String, BigDecimal[]> sums = new TreeMap<>();
        for (NewJournal.NewLine l : lines) {
            String key = l.account() + '\u0000' + (l.team() == null ? "" : l.team());
            BigDecimal[] s = sums.computeIfAbsent(key, k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
            s[0] = s[0].add(l.debit());
            s[1] = s[1].add(l.credit());
        }
        List<Object[]> rows = new ArrayList<>(sums.size());
        Date first = Date.valueOf(month.atDay(1));
        sums.forEach((key, s) -> {
            int sep = key.indexOf('\u0000');
            rows.add(new Object[] {key.substring(0, sep), key.substring(sep + 1), first, s[0], s[1]});
        });
        jdbc.batchUpdate("""
                insert into balance (account, team, month, debit, credit) values (?, ?, ?, ?, ?)
                on conflict (account, team, month)
                do update set debit = balance.debit + excluded.debit, credit = balance.credit + excluded.credit""", rows);
    }
}
