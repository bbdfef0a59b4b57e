package care.backoffice.finance.periods;

import java.sql.Date;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Periods are rows only once something happened to them; a month without a row is open. Posting
 * takes a share lock on the month's row and closing an exclusive one, so a close waits for postings
 * in flight and no posting slips in after it.
 */
@Repository
public class PeriodRepository {

    public record Event(String action, String fromStatus, String toStatus, String byUser, String reason,
            java.time.Instant at) {}

    private final JdbcClient jdbc;

    public PeriodRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Status of the month, share-locked until the posting transaction ends. */
    public PeriodStatus lockForPosting(YearMonth month) {
        ensure(month);
        return PeriodStatus.valueOf(jdbc.sql("select status from accounting_period where month = ? for share")
                .param(first(month)).query(String.class).single());
    }

    public PeriodStatus lockForChange(YearMonth month) {
        ensure(month);
        return PeriodStatus.valueOf(jdbc.sql("select status from accounting_period where month = ? for update")
                .param(first(month)).query(String.class).single());
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

    private void ensure(YearMonth month) {
        jdbc.sql("insert into accounting_period (month) values (?) on conflict do nothing").param(first(month)).update();
    }

    static Date first(YearMonth month) {
        return Date.valueOf(month.atDay(1));
    }
}
