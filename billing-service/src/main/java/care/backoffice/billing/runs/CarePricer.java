package care.backoffice.billing.runs;

import care.backoffice.billing.funders.FunderType;
import care.backoffice.billing.pricing.BillingUnit;
import care.backoffice.billing.pricing.ChargedTime;
import care.backoffice.billing.pricing.Pricing;
import care.backoffice.billing.pricing.Rounding;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The price step of a run: every version of care still to bill, up to the month's end, read in two streamed
 * queries side by side (the first and second half of the month) with the funder, contract and rate of its day (the period views, which make the same choice as
 * care_billing_basis), priced by the plain-Java rules ({@link Pricing}) and written to run_item with PostgreSQL's
 * COPY, already numbered into the run's documents. A charge standing for an earlier version of a visit amended or
 * voided since is credited (CREDIT, repeating what the original charged), unless the new version would be charged
 * exactly the same (KEEP).
 *
 * <p>Restart: the step deletes what an interrupted attempt wrote and prices again (nothing is issued before it
 * has finished). Items are committed in slices so that the run's progress shows while it prices.
 */
@Component
public class CarePricer {

    private static final Logger log = LoggerFactory.getLogger(CarePricer.class);

    /**
     * Care to charge of the days after the first date up to the second (one lane). Ordered by document (funder,
     * contract, and the client for self-funders) so that each document's items are written together, then by visit:
     * the indexes of run_item are then filled in order.
     * The sort keys compare bytes (collate "C"), not language rules, which is all an order for storage needs.
     */
    static final String CHARGES = """
            select c.hours_entry_id, c.version, c.team, c.client_id, c.care_type, c.care_date, c.start_time, c.minutes,
                   c.planned_minutes, fp.funder_id, fp.funder_reference, fp.authorised_minutes_per_week, kp.contract_id,
                   rp.hourly_rate
            from care_to_bill q
            join care_delivered c on c.hours_entry_id = q.hours_entry_id and c.version = q.version
            left join client_funding_period fp on fp.client_id = c.client_id and c.care_date >= fp.starts
                 and (fp.ends is null or c.care_date < fp.ends)
            left join funder_contract_period kp on kp.funder_id = fp.funder_id and c.care_date >= kp.starts
                 and (kp.ends is null or c.care_date < kp.ends)
            left join contract_rate_period rp on rp.contract_id = kp.contract_id and rp.care_type = c.care_type
                 and c.care_date >= rp.starts and (rp.ends is null or c.care_date < rp.ends)
            left join funder f on f.id = fp.funder_id
            where c.status = 'ACTIVE' and c.care_date > ? and c.care_date <= ?
            order by fp.funder_id, kp.contract_id,
                     case when f.type = 'SELF_FUNDER' then c.client_id end collate "C", c.hours_entry_id""";

    /**
     * Charges standing for a visit amended or voided since, or put back in line by a correction of its contract
     * (same version, see ContractCorrections): to credit, unless charged again exactly the same (KEEP).
     */
    static final String CREDITS = """
            select o.hours_entry_id, o.version, o.team, o.client_id, o.care_type, o.care_date, o.funder_reference,
                   o.hourly_rate, o.charged_minutes, o.billable_minutes, o.funder_id, o.contract_id, o.invoice_id,
                   i.client_id as buyer
            from care_to_bill q
            join care_charge o on o.hours_entry_id = q.hours_entry_id
            join invoice i on i.id = o.invoice_id
            where q.amended
            order by o.invoice_id, o.hours_entry_id""";

    static final String COPY = """
            copy run_item (run_id, document_no, hours_entry_id, kind, version, team, client_id, care_type, care_date,
                start_time, funder_reference, hourly_rate, charged_minutes, billable_minutes, authorised_minutes)
            from stdin""";


    public record Result(int priced, int unbillable, int documents) {}

    /** A document of the run as pricing finds it; stored in run_document. */
    record Document(int number, String groupKey, String kind, UUID funderId, UUID contractId, String clientId,
            UUID originalInvoiceId, UUID invoiceId) {}

    private record Terms(BillingUnit unit, Rounding rounding, ChargedTime chargedTime) {}

    private final DataSource dataSource;
    private final int slice;

    /** @param slice items per transaction while pricing: the run's progress moves in steps of this many records */
    public CarePricer(DataSource dataSource, @Value("${billing.runs.price-slice:100000}") int slice) {
        this.dataSource = dataSource;
        this.slice = slice;
    }

    public Result price(UUID runId, LocalDate periodEnd, boolean dryRun) throws SQLException {
        long start = System.nanoTime();
        try (Connection read = dataSource.getConnection(); Connection write = dataSource.getConnection();
                Connection secondRead = dataSource.getConnection(); Connection secondWrite = dataSource.getConnection()) {
            // A cursor streams in fetch-size batches only inside a transaction; otherwise pgjdbc reads it all.
            for (Connection c : new Connection[] {read, secondRead}) {
                c.setAutoCommit(false);
                c.setReadOnly(true);
            }
            write.setAutoCommit(false);
            secondWrite.setAutoCommit(false);
            try (PreparedStatement s = write.prepareStatement("delete from run_item where run_id = ?");
                    PreparedStatement d = write.prepareStatement("delete from run_document where run_id = ?")) {
                s.setObject(1, runId);
                s.executeUpdate();
                d.setObject(1, runId);
                d.executeUpdate();
            }
            try (PreparedStatement s = write.prepareStatement(
                    "update billing_run set records_priced = 0, records_total = null where id = ?")) {
                s.setObject(1, runId);
                s.executeUpdate();
            }
            if (!dryRun) {
                int given = releaseUnissuedClaims(write, runId);
                if (given > 0) {
                    log.warn("Run {} gives back {} visits claimed by failed runs that never issued them", runId, given);
                }
            }
            // The total the progress shows while pricing (the priced count is exact only when the stream has ended:
            // a visit amended since it was charged also gets a credit item). Without it a run showed "200000/0".
            try (PreparedStatement s = write.prepareStatement("""
                    update billing_run set records_total =
                        (select count(*) from care_to_bill q
                         join care_delivered c on c.hours_entry_id = q.hours_entry_id and c.version = q.version
                         where c.status = 'ACTIVE' and c.care_date <= ?)
                        + (select count(*) from care_to_bill q where q.amended)
                    where id = ?""")) {
                s.setObject(1, periodEnd);
                s.setObject(2, runId);
                s.executeUpdate();
            }
            // Committed before the care is read, so that what was given back is priced by this run.
            write.commit();
            // Half a month of care is joined and sorted in memory rather than in batches on disk (4 MB is the default).
            for (Connection c : new Connection[] {read, secondRead}) {
                try (PreparedStatement s = c.prepareStatement("set local work_mem = '128MB'")) {
                    s.execute();
                }
            }
            Map<String, Terms> terms = terms(read);
            Map<String, FunderType> funderTypes = funderTypes(read);
            Map<String, Document> documents = new LinkedHashMap<>();
            Map<String, Standing> standing = Collections.synchronizedMap(standing(read));
            AtomicInteger total = new AtomicInteger();
            Writer out = new Writer(write, runId, slice, total);
            Writer secondOut = new Writer(secondWrite, runId, slice, total);
            // Two lanes, each on its own pair of connections: the care of the first half of the month (and any late
            // care of earlier months) and that of the second half. PostgreSQL joins and sorts a month in one backend
            // before the first row comes out, while the other core waits; halved, each lane's backend does half of it
            // side by side, and each lane's COPY receives half the items. The split is by day, not by a hash of the
            // visit, because the planner estimates a range of days right and a hash not at all (it then chose merge
            // joins over 25 estimated rows for 500,000: slower than one lane).
            LocalDate split = periodEnd.withDayOfMonth(Math.max(1, periodEnd.lengthOfMonth() / 2));
            ExecutorService lane = Executors.newSingleThreadExecutor();
            int[] charged;
            try {
                Future<int[]> second = lane.submit(() -> charges(secondRead, split, periodEnd,
                        secondOut, documents, terms, funderTypes, standing));
                int[] first = charges(read, LocalDate.of(1, 1, 1), split, out, documents, terms, funderTypes, standing);
                int[] other;
                try {
                    other = second.get();
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof SQLException sql) {
                        throw sql;
                    }
                    throw new IllegalStateException(e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
                charged = new int[] {first[0] + other[0], first[1] + other[1], first[2] + other[2]};
            } finally {
                lane.shutdownNow();
            }
            int credits = credits(standing, out, documents);
            out.finish();
            secondOut.finish();
            // The second lane's items are committed before the documents that make them a priced run.
            secondWrite.commit();
            saveDocuments(write, runId, documents.values());
            try (PreparedStatement s = write.prepareStatement(
                    "update billing_run set records_priced = ?, records_total = ?, unbillable_records = ? where id = ?")) {
                s.setInt(1, total.get());
                s.setInt(2, total.get());
                s.setInt(3, charged[1]);
                s.setObject(4, runId);
                s.executeUpdate();
            }
            write.commit();
            read.commit();
            secondRead.commit();
            log.info("Run {} priced {} credits and {} charges on {} documents ({} unbillable, {} amendments changing "
                    + "nothing charged) in {} ms", runId, credits, charged[0], documents.size(), charged[1], charged[2],
                    (System.nanoTime() - start) / 1_000_000);
            return new Result(credits + charged[0] + charged[2], charged[1], documents.size());
        }
    }

    /**
     * A charge standing for an earlier version of an amended or voided visit, as CREDITS reads it. Kept in memory
     * while the charges stream past (amendments are few), so that an amendment that changes nothing charged is
     * recognised and neither credited nor charged again.
     */
    record Standing(String hoursEntryId, String version, String team, String clientId, String careType,
            String careDate, String funderReference, String hourlyRate, int chargedMinutes, int billableMinutes,
            UUID funderId, UUID contractId, UUID invoiceId, String buyer) {

        /** Whether the new version would be charged exactly as this: same document, line and minutes. */
        boolean sameAs(String funder, String contract, String team, String client, String careType, String careDate,
                String funderReference, String rate, int charged, int billable) {
            return funderId.toString().equals(funder) && contractId.toString().equals(contract)
                    && this.team.equals(team) && clientId.equals(client) && this.careType.equals(careType)
                    && this.careDate.equals(careDate) && java.util.Objects.equals(this.funderReference, funderReference)
                    && new java.math.BigDecimal(hourlyRate).compareTo(new java.math.BigDecimal(rate)) == 0
                    && chargedMinutes == charged && billableMinutes == billable;
        }
    }

    private static Map<String, Standing> standing(Connection read) throws SQLException {
        Map<String, Standing> standing = new LinkedHashMap<>();
        try (PreparedStatement s = read.prepareStatement(CREDITS)) {
            s.setFetchSize(1000);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    standing.put(rs.getString(1), new Standing(rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                            rs.getInt(9), rs.getInt(10), rs.getObject(11, UUID.class), rs.getObject(12, UUID.class),
                            rs.getObject(13, UUID.class), rs.getString(14)));
                }
            }
        }
        return standing;
    }

    /** Credits the standing charges left (those an unchanged amendment keeps are gone from the map). */
    private static int credits(Map<String, Standing> standing, Writer out, Map<String, Document> documents)
            throws SQLException {
        for (Standing st : standing.values()) {
            String key = "C|" + st.invoiceId();
            Document doc = documents.get(key);
            if (doc == null) {
                // The credit note goes to whoever the original invoice went to.
                doc = new Document(documents.size() + 1, key, "CREDIT", st.funderId(), st.contractId(), st.buyer(),
                        st.invoiceId(), UUID.randomUUID());
                documents.put(key, doc);
            }
            // A credit repeats what the original charged: its minutes, before and after the billing unit.
            out.item(doc.number(), st.hoursEntryId(), "CREDIT", st.version(), st.team(), st.clientId(), st.careType(),
                    st.careDate(), null, st.funderReference(), st.hourlyRate(), st.chargedMinutes(),
                    st.billableMinutes(), null);
        }
        return standing.size();
    }

    /**
     * One lane: the care of the days after {@code after} up to {@code upTo}. {@code documents} and {@code standing}
     * are shared with the other lane.
     *
     * @return {charged, unbillable, kept}
     */
    private int[] charges(Connection read, LocalDate after, LocalDate upTo, Writer out, Map<String, Document> documents,
            Map<String, Terms> terms, Map<String, FunderType> funderTypes, Map<String, Standing> standing)
            throws SQLException {
        int charged = 0;
        int unbillable = 0;
        int kept = 0;
        try (PreparedStatement s = read.prepareStatement(CHARGES)) {
            s.setObject(1, after);
            s.setObject(2, upTo);
            s.setFetchSize(10_000);
            try (ResultSet rs = s.executeQuery()) {
                String lastFunder = null;
                String lastContract = null;
                String lastBuyer = null;
                Document doc = null;
                while (rs.next()) {
                    String funder = rs.getString(10);
                    String contract = rs.getString(13);
                    String rate = rs.getString(14);
                    if (funder == null || contract == null || rate == null) {
                        // Unknown client, no funding, contract or price on the day: it waits for the back office
                        // (GET /care-delivered/unbillable says why) and is priced by the first run after the fix.
                        unbillable++;
                        continue;
                    }
                    String client = rs.getString(4);
                    Terms t = terms.get(contract);
                    int minutes = rs.getInt(8);
                    int planned = rs.getInt(9);
                    Integer plannedMinutes = rs.wasNull() ? null : planned;
                    int chargedMinutes = Pricing.chargedMinutes(t.chargedTime(), minutes, plannedMinutes);
                    int billable = Pricing.billableMinutes(chargedMinutes, t.unit(), t.rounding());
                    String visit = rs.getString(1);
                    Standing st = standing.isEmpty() ? null : standing.get(visit);
                    if (st != null && st.sameAs(funder, contract, rs.getString(3), client, rs.getString(5),
                            rs.getString(6), rs.getString(11), rate, chargedMinutes, billable)) {
                        // Amended without changing what is charged (e.g. another employee): the charge stands, the
                        // new version is only taken off care_to_bill when the run issues (on no document).
                        standing.remove(visit);
                        out.item(0, visit, "KEEP", rs.getString(2), rs.getString(3), client, rs.getString(5),
                                rs.getString(6), rs.getString(7), rs.getString(11), rate, chargedMinutes, billable,
                                rs.getString(12));
                        kept++;
                        continue;
                    }
                    boolean selfFunder = funderTypes.get(funder) == FunderType.SELF_FUNDER;
                    String buyer = selfFunder ? client : null;
                    if (doc == null || !funder.equals(lastFunder) || !contract.equals(lastContract)
                            || !java.util.Objects.equals(buyer, lastBuyer)) {
                        String key = "I|" + funder + "|" + contract + (selfFunder ? "|" + client : "");
                        synchronized (documents) {
                            doc = documents.computeIfAbsent(key, k -> new Document(documents.size() + 1, k, "CHARGE",
                                    UUID.fromString(funder), UUID.fromString(contract), buyer, null, UUID.randomUUID()));
                        }
                        lastFunder = funder;
                        lastContract = contract;
                        lastBuyer = buyer;
                    }
                    out.item(doc.number(), visit, "CHARGE", rs.getString(2), rs.getString(3), client,
                            rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(11), rate, chargedMinutes,
                            billable, rs.getString(12));
                    charged++;
                }
            }
        }
        return new int[] {charged, unbillable, kept};
    }

    /** See {@link care.backoffice.billing.invoices.InvoiceRepository#releaseUnissuedClaims}; the same statements. */
    private static int releaseUnissuedClaims(Connection c, UUID runId) throws SQLException {
        int visits;
        try (PreparedStatement s = c.prepareStatement(care.backoffice.billing.invoices.InvoiceRepository.GIVE_BACK_UNISSUED)) {
            s.setObject(1, runId);
            visits = s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement(care.backoffice.billing.invoices.InvoiceRepository.RELEASE_UNISSUED)) {
            s.setObject(1, runId);
            s.executeUpdate();
        }
        return visits;
    }

    private static Map<String, Terms> terms(Connection c) throws SQLException {
        Map<String, Terms> terms = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("select id, billing_unit, rounding, charged_time from contract");
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                terms.put(rs.getString(1), new Terms(BillingUnit.valueOf(rs.getString(2)),
                        Rounding.valueOf(rs.getString(3)), ChargedTime.valueOf(rs.getString(4))));
            }
        }
        return terms;
    }

    private static Map<String, FunderType> funderTypes(Connection c) throws SQLException {
        Map<String, FunderType> types = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("select id, type from funder"); ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                types.put(rs.getString(1), FunderType.valueOf(rs.getString(2)));
            }
        }
        return types;
    }

    private static void saveDocuments(Connection c, UUID runId, Iterable<Document> documents) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                insert into run_document (run_id, document_no, group_key, kind, funder_id, contract_id, client_id,
                    original_invoice_id, invoice_id) values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            for (Document d : documents) {
                s.setObject(1, runId);
                s.setInt(2, d.number());
                s.setString(3, d.groupKey());
                s.setString(4, d.kind());
                s.setObject(5, d.funderId());
                s.setObject(6, d.contractId());
                s.setString(7, d.clientId());
                s.setObject(8, d.originalInvoiceId());
                s.setObject(9, d.invoiceId());
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /**
     * Writes one lane's items in COPY's text format through one connection, committing every slice of items. Values
     * read as text are passed on as text: a uuid, date or amount is never parsed only to be printed again.
     */
    static final class Writer {
        private final Connection connection;
        private final String runId;
        private final StringBuilder buffer = new StringBuilder(1 << 17);
        private final AtomicInteger total;
        private CopyIn copy;
        private int inSlice;

        private final int slice;

        /** @param total the items written by every lane of the run, for its progress */
        Writer(Connection connection, UUID runId, int slice, AtomicInteger total) {
            this.connection = connection;
            this.runId = runId.toString();
            this.slice = slice;
            this.total = total;
        }

        void item(int documentNo, String hoursEntryId, String kind, String version, String team, String clientId,
                String careType, String careDate, String startTime, String funderReference, String hourlyRate,
                int chargedMinutes, int billableMinutes, String authorisedMinutes) throws SQLException {
            StringBuilder b = buffer;
            b.append(runId).append('\t').append(documentNo).append('\t').append(hoursEntryId).append('\t').append(kind)
                    .append('\t').append(version).append('\t');
            text(b, team).append('\t');
            text(b, clientId).append('\t');
            text(b, careType).append('\t').append(careDate).append('\t');
            text(b, startTime).append('\t');
            text(b, funderReference).append('\t').append(hourlyRate).append('\t').append(chargedMinutes).append('\t')
                    .append(billableMinutes).append('\t');
            text(b, authorisedMinutes).append('\n');
            if (b.length() > (1 << 16)) {
                flush();
            }
            int written = total.incrementAndGet();
            if (++inSlice == slice) {
                finish();
                // The other lane sets it too: the larger count stands.
                try (PreparedStatement s = connection.prepareStatement(
                        "update billing_run set records_priced = greatest(records_priced, ?) where id = ?::uuid")) {
                    s.setInt(1, written);
                    s.setString(2, runId);
                    s.executeUpdate();
                }
                connection.commit();
            }
        }

        void finish() throws SQLException {
            flush();
            if (copy != null) {
                copy.endCopy();
                copy = null;
            }
            inSlice = 0;
        }

        private void flush() throws SQLException {
            if (buffer.isEmpty()) {
                return;
            }
            if (copy == null) {
                copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY);
            }
            byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
            copy.writeToCopy(bytes, 0, bytes.length);
            buffer.setLength(0);
        }

        /** COPY text format: \N for null; backslash, tab, newline and carriage return escaped. */
        static StringBuilder text(StringBuilder b, String s) {
            if (s == null) {
                return b.append("\\N");
            }
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '\\' -> b.append("\\\\");
                    case '\t' -> b.append("\\t");
                    case '\n' -> b.append("\\n");
                    case '\r' -> b.append("\\r");
                    default -> b.append(c);
                }
            }
            return b;
        }
    }
}
