package care.backoffice.finance.periods;

import java.sql.Date;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Periods are rows only once something happened to them; a month without a row is open. A posting
 * holds a shared advisory lock on its month and a close, reopen or lock an exclusive one, so a close
 * waits for the postings in flight and no posting slips in after it. Advisory locks live in the lock
 * manager, so concurrent postings into one month do not contend on the period's row.
 */
@Repository
public class PeriodRepository {

    /** Namespace of our advisory locks ("FIN"); the second key is yyyyMM. */
    private static final int LOCK_SPACE = 0x46494E;

    public record Event(String action, String fromStatus, String toStatus, String byUser, String reason,
            java.time.Instant at) {}

    private final JdbcClient jdbc;

    public PeriodRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Status of the month, which cannot change until the posting transaction ends. */
    public PeriodStatus lockForPosting(YearMonth month) {
        jdbc.sql("select 1 from pg_advisory_xact_lock_shared(?, ?)").params(LOCK_SPACE, key(month)).query(Integer.class).single();
        return status(month);
    }

    /** Waits for postings in flight into the month, then holds them off until the transaction ends. */
    public PeriodStatus lockForChange(YearMonth month) {
        jdbc.sql("select 1 from pg_advisory_xact_lock(?, ?)").params(LOCK_SPACE, key(month)).query(Integer.class).single();
        jdbc.sql("insert into accounting_period (month) values (?) on conflict do nothing").param(first(month)).update();
        return PeriodStatus.valueOf(jdbc.sql("select status from accounting_period where month = ? for update")
                .param(first(month)).query(String.class).single());
    }

    private static int key(YearMonth month) {
        return month.getYear() * 100 + month.getMonthValue();
    }

    public void change(YearMonth month, String action, PeriodStatus from, PeriodStatus to, String user, String reason) {
        jdbc.sql("update accounting_period set status = ?, changed_at = now(), changed_by = ? where month = ?")
                .params(to.name(), user, first(month)).update();
        jdbc.sql("""
                insert into period_event (month, action, from_status, to_status, by_user, reason)
                values (?, ?, ?, ?, ?, ?)""").params(first(month), action, from.name(), to.name(), user, reason).update();
    }

    public PeriodStatus status(YearMonth month) {
        return jdbc.sql("select status from accounting_period where month = ?").param(first(month))
                .query(String.class).optional().map(PeriodStatus::valueOf).orElse(PeriodStatus.OPEN);
    }

    public Map<YearMonth, PeriodStatus> statuses(YearMonth from, YearMonth to) {
        return jdbc.sql("select month, status from accounting_period where month between ? and ?")
                .params(first(from), first(to))
                .query((rs, n) -> Map.entry(YearMonth.from(rs.getDate(1).toLocalDate()),
                        PeriodStatus.valueOf(rs.getString(2))))
                .list().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    public List<Event> events(YearMonth month) {
        return jdbc.sql("""
                select action, from_status, to_status, by_user, reason, at from period_event
                where month = ? order by id""").param(first(month))
                .query((rs, n) -> new Event(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getTimestamp(6).toInstant())).list();
    }

    static Date first(YearMonth month) {
        return Date.valueOf(month.atDay(1));
    }
}
