package care.backoffice.finance.journals;

import care.backoffice.finance.money.Money;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class JournalRepository {

    /** What a replay is compared with. */
    public record Existing(UUID id, String fingerprint) {}

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    public JournalRepository(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    public Optional<Existing> findBySourceDocument(String source, String sourceDocumentId) {
        return jdbc.sql("select id, request_fingerprint from journal where source = ? and source_document_id = ?")
                .params(source, sourceDocumentId)
                .query((rs, n) -> new Existing(rs.getObject(1, UUID.class), rs.getString(2))).optional();
    }

    /**
     * Inserts the journal header unless one exists for the same source document. A concurrent insert
     * of the same document makes this wait for the other transaction and then insert nothing.
     */
    /** The number and time the database gave a newly inserted journal. */
    public record Inserted(long number, java.time.Instant postedAt) {}

    public Optional<Inserted> insertIfAbsent(UUID id, NewJournal j, String fingerprint, UUID reverses, String postedBy) {
        return jdbc.sql("""
                insert into journal (id, number, date, description, source, source_document_id, request_fingerprint,
                                     reverses_journal_id, posted_by)
                values (?, nextval('journal_number_seq'), ?, ?, ?, ?, ?, ?, ?)
                on conflict (source, source_document_id) do nothing
                returning number, posted_at""")
                .params(id, Date.valueOf(j.date()), j.description(), j.source(), j.sourceDocumentId(), fingerprint,
                        reverses, postedBy)
                .query((rs, n) -> new Inserted(rs.getLong(1), rs.getTimestamp(2).toInstant())).optional();
    }

    public void insertLines(UUID journalId, NewJournal j) {
        List<Object[]> rows = new ArrayList<>(j.lines().size());
        Date date = Date.valueOf(j.date());
        for (int i = 0; i < j.lines().size(); i++) {
            NewJournal.NewLine l = j.lines().get(i);
            rows.add(new Object[] {journalId, i + 1, date, l.account(), l.debit(), l.credit(), l.team(), l.payerType(),
                    l.supplier(), l.employee(), l.funder()});
        }
        template.batchUpdate("""
                insert into journal_line (journal_id, line_no, date, account, debit, credit, team, payer_type,
                                          supplier, employee, funder)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", rows);
    }

    public Optional<PostedJournal> find(UUID id) {
        Optional<PostedJournal> header = jdbc.sql("""
                select id, number, date, description, source, source_document_id, reverses_journal_id, posted_by,
                       posted_at from journal where id = ?""").param(id)
                .query((rs, n) -> new PostedJournal(rs.getObject(1, UUID.class), rs.getLong(2),
                        rs.getDate(3).toLocalDate(), rs.getString(4), rs.getString(5), rs.getString(6),
                        rs.getObject(7, UUID.class), rs.getString(8), rs.getTimestamp(9).toInstant(), null, null,
                        List.of()))
                .optional();
        return header.map(h -> {
            List<PostedJournal.Line> lines = jdbc.sql("""
                    select line_no, account, debit, credit, team, payer_type, supplier, employee, funder
                    from journal_line where journal_id = ? order by line_no""").param(id)
                    .query((rs, n) -> line(rs)).list();
            BigDecimal dr = BigDecimal.ZERO.setScale(2);
            BigDecimal cr = BigDecimal.ZERO.setScale(2);
            for (PostedJournal.Line l : lines) {
                dr = dr.add(l.debit() == null ? BigDecimal.ZERO : new BigDecimal(l.debit()));
                cr = cr.add(l.credit() == null ? BigDecimal.ZERO : new BigDecimal(l.credit()));
            }
            return new PostedJournal(h.id(), h.number(), h.date(), h.description(), h.source(), h.sourceDocumentId(),
                    h.reversesJournalId(), h.postedBy(), h.postedAt(), Money.format(dr), Money.format(cr), lines);
        });
    }

    /** The journal's lines as a new posting's lines, debits and credits swapped. */
    public List<NewJournal.NewLine> reversedLines(UUID id) {
        return jdbc.sql("""
                select account, debit, credit, team, payer_type, supplier, employee, funder
                from journal_line where journal_id = ? order by line_no""").param(id)
                .query((rs, n) -> new NewJournal.NewLine(rs.getString(1), rs.getBigDecimal(3), rs.getBigDecimal(2),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8)))
                .list();
    }

    public long countBySourceDocument(String source, String sourceDocumentId) {
        return jdbc.sql("select count(*) from journal where source = ? and source_document_id = ?")
                .params(source, sourceDocumentId).query(Long.class).single();
    }

    private static PostedJournal.Line line(ResultSet rs) throws SQLException {
        Map<String, String> dims = new LinkedHashMap<>();
        put(dims, "payerType", rs.getString(6));
        put(dims, "supplier", rs.getString(7));
        put(dims, "employee", rs.getString(8));
        put(dims, "funder", rs.getString(9));
        return new PostedJournal.Line(rs.getInt(1), rs.getString(2), Money.formatOrNull(rs.getBigDecimal(3)),
                Money.formatOrNull(rs.getBigDecimal(4)), rs.getString(5), dims.isEmpty() ? null : dims);
    }

    private static void put(Map<String, String> m, String k, String v) {
        if (v != null) {
            m.put(k, v);
        }
    }
}
