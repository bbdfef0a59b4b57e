package care.backoffice.billing.delivery;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The delivery rows and their history: the relay's claims and outcomes, the back office's lists and actions. */
@Repository
public class DeliveryRepository {

    /**
     * Claims up to {@code limit} due deliveries for one instance (parameters: limit, instance, lease in seconds) and
     * returns what sending them needs. {@code SKIP LOCKED}: two instances claiming at once take different rows. The
     * claim is committed before anything is sent (no transaction stays open across a network call); it holds for the
     * lease, after which a delivery still SENDING (its instance stopped mid-send) is due again. Each claim counts as
     * an attempt, so a document that keeps an instance from reporting back still ends FAILED.
     */
    public static final String CLAIM = """
            with due as (
                select id, status as previous_status, leased_by as previous_holder from delivery
                where status in ('PENDING', 'SENDING') and next_attempt_at <= now()
                order by next_attempt_at, id limit ? for update skip locked),
            claimed as (
                update delivery d set status = 'SENDING', attempts = d.attempts + 1, lease_token = gen_random_uuid(),
                    leased_by = ?, next_attempt_at = clock_timestamp() + make_interval(secs => ?)
                from due where d.id = due.id
                returning d.id, d.lease_token, d.attempts, d.channel, d.document_kind, d.invoice_id,
                    due.previous_status, due.previous_holder)
            select c.*, i.number, i.kind, i.total_amount, i.issue_date, i.due_date, o.number as original_number,
                i.client_id, cl.name as client_name, cl.email as client_email, f.id as funder_id,
                f.legal_name as funder_name, f.peppol_participant_id, f.email as funder_email, f.portal_url
            from claimed c
            join invoice i on i.id = c.invoice_id
            join funder f on f.id = i.funder_id
            left join client cl on cl.id = i.client_id
            left join invoice o on o.id = i.original_invoice_id
            order by i.number""";

    private static final String VIEW = """
            select d.*, i.number, i.kind as invoice_kind, coalesce(cl.name, f.legal_name) as buyer
            from delivery d
            join invoice i on i.id = d.invoice_id
            join funder f on f.id = i.funder_id
            left join client cl on cl.id = i.client_id
            """;

    private final JdbcClient jdbc;

    public DeliveryRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A claim, and whether it took over a delivery whose earlier claim never reported back. */
    record Claim(Outgoing outgoing, boolean tookOverLostAttempt, String previousHolder) {}

    List<Claim> claim(String instance, int limit, Duration lease) {
        return jdbc.sql(CLAIM).params(limit, instance, (double) lease.toMillis() / 1000).query((rs, n) -> new Claim(
                        new Outgoing(rs.getObject("id", UUID.class), rs.getObject("lease_token", UUID.class),
                                rs.getInt("attempts"), Channel.valueOf(rs.getString("channel")),
                                rs.getString("document_kind"), rs.getObject("invoice_id", UUID.class),
                                rs.getString("number"), "CREDIT_NOTE".equals(rs.getString("kind")),
                                rs.getBigDecimal("total_amount"), rs.getObject("issue_date", java.time.LocalDate.class),
                                rs.getObject("due_date", java.time.LocalDate.class), rs.getString("original_number"),
                                rs.getString("client_id"), rs.getString("client_name"), rs.getString("client_email"),
                                rs.getObject("funder_id", UUID.class), rs.getString("funder_name"),
                                rs.getString("peppol_participant_id"), rs.getString("funder_email"),
                                rs.getString("portal_url")),
                        "SENDING".equals(rs.getString("previous_status")), rs.getString("previous_holder")))
                .list();
    }

    /**
     * Extends the claim to a full lease from now, just before its document is sent: a batch is sent one by one, so
     * the claim of its last document would otherwise have run down while the others were sent, and another instance
     * could take it mid-send. @return false if the claim is no longer this one's (then it is not sent)
     */
    boolean renewLease(Outgoing o, Duration lease) {
        return jdbc.sql("""
                update delivery set next_attempt_at = clock_timestamp() + make_interval(secs => ?)
                where id = ? and lease_token = ? and status = 'SENDING'""")
                .params((double) lease.toMillis() / 1000, o.id(), o.leaseToken()).update() == 1;
    }

    byte[] content(Outgoing o) {
        return jdbc.sql("select content from invoice_document where invoice_id = ? and kind = ?")
                .params(o.invoiceId(), o.documentKind()).query((rs, n) -> rs.getBytes(1)).single();
    }

    /** The outcomes of an attempt; each applies only while the claim is still this one's, and says whether it did. */
    boolean sent(Outgoing o, Outcome.Sent s) {
        return settle(o, "status = 'SENT', sent_at = clock_timestamp(), message_id = ?, failure = null",
                s.recipient(), s.messageId());
    }

    boolean awaitingUpload(Outgoing o, Outcome.AwaitingUpload a) {
        return settle(o, "status = 'AWAITING_UPLOAD', failure = null", a.recipient());
    }

    boolean failed(Outgoing o, String recipient, String reason) {
        return settle(o, "status = 'FAILED', failure = ?", recipient, reason);
    }

    boolean retryLater(Outgoing o, String recipient, String reason, Duration wait) {
        // From the failure, not from now() (the start of this transaction), so that a slow attempt keeps its wait.
        return settle(o, "status = 'PENDING', failure = ?, next_attempt_at = clock_timestamp() + make_interval(secs => ?)",
                recipient, reason, (double) wait.toMillis() / 1000);
    }

    private boolean settle(Outgoing o, String set, String recipient, Object... values) {
        List<Object> params = new ArrayList<>(List.of(values));
        params.add(0, recipient);
        params.add(o.id());
        params.add(o.leaseToken());
        return jdbc.sql("update delivery set recipient = ?, " + set + ", lease_token = null, leased_by = null "
                + "where id = ? and lease_token = ?").params(params).update() == 1;
    }

    void event(UUID deliveryId, String event, Integer attempt, String detail, String actor) {
        jdbc.sql("insert into delivery_event (delivery_id, event, attempt, detail, actor) values (?, ?, ?, ?, ?)")
                .params(deliveryId, event, attempt, detail, actor).update();
    }

    /** The row locked for a change by hand, so that the relay's claim and a back-office action do not cross. */
    Optional<Delivery> lock(UUID id) {
        return jdbc.sql(VIEW + " where d.id = ? for update of d").param(id).query(DeliveryRepository::delivery).optional();
    }

    boolean retryNow(UUID id) {
        return jdbc.sql("""
                update delivery set status = 'PENDING', attempts = 0, next_attempt_at = now(), failure = null
                where id = ? and status = 'FAILED'""").param(id).update() == 1;
    }

    boolean uploaded(UUID id, String by, OffsetDateTime at, String portalReference) {
        return jdbc.sql("""
                update delivery set status = 'UPLOADED', uploaded_by = ?, uploaded_at = ?, portal_reference = ?,
                    failure = null, lease_token = null, leased_by = null
                where id = ? and channel = 'PORTAL' and status <> 'UPLOADED'""")
                .params(by, at, portalReference, id).update() == 1;
    }

    public Optional<Delivery> find(UUID id) {
        return jdbc.sql(VIEW + " where d.id = ?").param(id).query(DeliveryRepository::delivery).optional()
                .map(d -> d.withHistory(history(id)));
    }

    List<Delivery.Event> history(UUID id) {
        return jdbc.sql("select * from delivery_event where delivery_id = ? order by id").param(id)
                .query((rs, n) -> new Delivery.Event(rs.getObject("at", OffsetDateTime.class), rs.getString("event"),
                        (Integer) rs.getObject("attempt"), rs.getString("detail"), rs.getString("actor")))
                .list();
    }

    /** Filter of the back office's list; null fields do not filter. */
    record Filter(DeliveryStatus status, Channel channel, UUID runId, UUID invoiceId, int limit) {}

    List<Delivery> list(Filter f) {
        StringBuilder sql = new StringBuilder(VIEW).append(" where true");
        List<Object> params = new ArrayList<>();
        if (f.status() != null) {
            sql.append(" and d.status = ?");
            params.add(f.status().name());
        }
        if (f.channel() != null) {
            sql.append(" and d.channel = ?");
            params.add(f.channel().name());
        }
        if (f.runId() != null) {
            sql.append(" and d.run_id = ?");
            params.add(f.runId());
        }
        if (f.invoiceId() != null) {
            sql.append(" and d.invoice_id = ?");
            params.add(f.invoiceId());
        }
        sql.append(" order by d.created_at, i.number, d.document_kind limit ?");
        params.add(f.limit());
        return jdbc.sql(sql.toString()).params(params).query(DeliveryRepository::delivery).list();
    }

    private static Delivery delivery(ResultSet rs, int n) throws SQLException {
        DeliveryStatus status = DeliveryStatus.valueOf(rs.getString("status"));
        return new Delivery(rs.getObject("id", UUID.class), rs.getObject("invoice_id", UUID.class),
                rs.getString("number"), rs.getString("invoice_kind"), rs.getObject("run_id", UUID.class),
                rs.getString("buyer"), rs.getString("document_kind"), Channel.valueOf(rs.getString("channel")), status,
                rs.getString("recipient"), rs.getInt("attempts"),
                status == DeliveryStatus.PENDING ? rs.getObject("next_attempt_at", OffsetDateTime.class) : null,
                rs.getString("message_id"), rs.getString("failure"), rs.getObject("sent_at", OffsetDateTime.class),
                rs.getString("uploaded_by"), rs.getObject("uploaded_at", OffsetDateTime.class),
                rs.getString("portal_reference"), rs.getObject("created_at", OffsetDateTime.class), null);
    }
}
