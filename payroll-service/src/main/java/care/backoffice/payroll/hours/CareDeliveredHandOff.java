package care.backoffice.payroll.hours;

import care.backoffice.support.outbox.Outbox;
import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Hands care delivered to billing-service through the shared outbox, in the transaction that stores or changes
 * the hours: the message exists exactly when the change does, and the relay delivers it (retrying while billing
 * is down). Only CARE is care delivered; an entry that stops being CARE is sent as VOID so billing withdraws it.
 */
@Component
class CareDeliveredHandOff {

    private final Outbox outbox;
    private final DataSource dataSource;
    /**
     * The mapper's settings, but no separator between messages (each one is cut out as it is written), and a
     * flush that stops at the message's buffer.
     */
    private final ObjectWriter oneMessageAtATime;

    CareDeliveredHandOff(Outbox outbox, DataSource dataSource, JsonMapper json) {
        this.outbox = outbox;
        this.dataSource = dataSource;
        this.oneMessageAtATime = json.writer().withRootValueSeparator("")
                .without(StreamWriteFeature.FLUSH_PASSED_TO_STREAM);
    }

    /**
     * Version 1 of every CARE entry of a bulk submission: written into the outbox with one COPY.
     *
     * <p>Why not {@link Outbox#enqueueAll}: it binds four parameters per message into multi-row inserts and writes
     * each payload with its own JSON generator; for 8,000 visits that cost PostgreSQL about 0.07 s of CPU against
     * COPY's 0.05 s, and the service about a seventh of its request CPU (README, "Hours intake"). The rows are the
     * shared outbox's own (destination, path, message key, payload; the rest take the table's defaults), so
     * {@code OutboxRelay} delivers them like any other. {@code enqueueAll} skips a message key that is already queued; COPY cannot, and
     * need not: the keys are ids made for this request (a duplicate id would fail the hours' primary key first).
     * service-support has no COPY enqueue yet; when it has, this should use it.
     *
     * <p>The messages are written with one streaming JSON generator for the whole request rather than by data
     * binding a {@link CareDelivered} per visit. The shape is that record's, field for field
     * ({@code CareDeliveredHandOffTest} checks the JSON billing receives).
     *
     * @param ids the entries' ids, in the order of {@code entries}
     * @param teams each employee's team
     */
    @Transactional(propagation = Propagation.MANDATORY)
    void submitted(List<HoursEntry> entries, UUID[] ids, Map<UUID, String> teams) {
        CopyIn.copy(dataSource, COPY, out -> writeRows(out, entries, ids, teams));
    }

    /** COPY's text rows (destination, path, message key, payload) for the CARE entries. */
    void writeRows(Writer out, List<HoursEntry> entries, UUID[] ids, Map<UUID, String> teams) throws IOException {
        String rowStart = CareDelivered.DESTINATION + "\t" + CareDelivered.PATH + "\t";
        StringWriter message = new StringWriter(256);
        StringBuffer buffer = message.getBuffer();
        Map<UUID, String> employeeIds = new HashMap<>();
        try (JsonGenerator g = oneMessageAtATime.createGenerator(message)) {
            for (int i = 0; i < entries.size(); i++) {
                HoursEntry e = entries.get(i);
                if (e.activity() != Activity.CARE) {
                    continue;
                }
                String id = ids[i].toString();
                g.writeStartObject();
                g.writeStringProperty("hoursEntryId", id);
                g.writeNumberProperty("version", 1);
                g.writeStringProperty("status", "ACTIVE");
                g.writeStringProperty("team", teams.get(e.employeeId()));
                g.writeStringProperty("employeeId", employeeIds.computeIfAbsent(e.employeeId(), UUID::toString));
                g.writeStringProperty("clientId", e.clientId());
                g.writeStringProperty("careType", e.careType());
                g.writeStringProperty("date", e.date().toString());
                g.writeStringProperty("start", CareDelivered.hhmm(e.start()));
                g.writeNumberProperty("minutes", e.minutes());
                g.writeNullProperty("plannedMinutes");
                g.writeEndObject();
                g.flush();
                out.write(rowStart);
                out.write(CareDelivered.messageKey(id, 1));
                out.write('\t');
                // COPY's text format: a backslash is an escape, so the JSON's own (\" in a client id) are doubled;
                // the JSON has no raw tabs or line breaks.
                String json = buffer.toString();
                out.write(json.indexOf('\\') < 0 ? json : json.replace("\\", "\\\\"));
                out.write('\n');
                buffer.setLength(0);
            }
        }
    }

    private static final String COPY = "copy outbox_message (destination, path, message_key, payload) from stdin";

    /**
     * An amendment or void. Billing hears of it when the entry is or was CARE: an entry amended away from CARE
     * (or voided) withdraws the visit, one amended into CARE becomes one.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    void changed(StoredEntry before, StoredEntry after) {
        if (after.activity() == Activity.CARE) {
            enqueue(CareDelivered.of(after.id(), after.version(), after.voided(), after.team(), after.employeeId(),
                    after.clientId(), after.careType(), after.date(), after.start(), after.minutes()));
        } else if (before.activity() == Activity.CARE) {
            // The visit as billing knows it, withdrawn at the new version number.
            enqueue(CareDelivered.of(after.id(), after.version(), true, before.team(), before.employeeId(),
                    before.clientId(), before.careType(), before.date(), before.start(), before.minutes()));
        }
    }

    private void enqueue(CareDelivered c) {
        outbox.enqueue(CareDelivered.DESTINATION, CareDelivered.PATH, c.messageKey(), c);
    }
}
