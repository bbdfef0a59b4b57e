package care.backoffice.payroll.hours;

import care.backoffice.support.outbox.Outbox;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.util.RawValue;

/**
 * Hands care delivered to billing-service through the shared outbox, in the transaction that stores or changes
 * the hours: the message exists exactly when the change does, and the relay delivers it (retrying while billing
 * is down). Only CARE is care delivered; an entry that stops being CARE is sent as VOID so billing withdraws it.
 */
@Component
class CareDeliveredHandOff {

    private final Outbox outbox;
    /** The mapper's settings, but no separator between messages: each one is cut out as it is written. */
    private final ObjectWriter oneMessageAtATime;

    CareDeliveredHandOff(Outbox outbox, JsonMapper json) {
        this.outbox = outbox;
        this.oneMessageAtATime = json.writer().withRootValueSeparator("");
    }

    /**
     * Version 1 of every CARE entry of a bulk submission, in one JDBC batch.
     *
     * <p>The messages are written with one streaming JSON generator for the whole request rather than by data
     * binding a {@link CareDelivered} per visit (reflection, and a new generator and buffers for each of up to
     * 10,000 visits). The shape is the same record's, field for field; {@code CareDeliveredHandOffTest} compares
     * the two.
     *
     * @param ids the entries' ids, in the order of {@code entries}
     * @param teams each employee's team
     */
    @Transactional(propagation = Propagation.MANDATORY)
    void submitted(List<HoursEntry> entries, UUID[] ids, Map<UUID, String> teams) {
        List<Message> messages = new ArrayList<>();
        StringWriter out = new StringWriter(256);
        StringBuffer buffer = out.getBuffer();
        Map<UUID, String> employeeIds = new HashMap<>();
        try (JsonGenerator g = oneMessageAtATime.createGenerator(out)) {
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
                messages.add(new Message(buffer.toString(), CareDelivered.messageKey(id, 1)));
                buffer.setLength(0);
            }
        }
        // One JDBC batch, not one round trip per visit: up to 10,000 in a bulk submission.
        outbox.enqueueAll(CareDelivered.DESTINATION, CareDelivered.PATH, messages, Message::key);
    }

    /** A message already written as JSON (the outbox writes a RawValue as it is), with its outbox key. */
    private static final class Message extends RawValue {
        private final String key;

        Message(String json, String key) {
            super(json);
            this.key = key;
        }

        String key() {
            return key;
        }
    }

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
