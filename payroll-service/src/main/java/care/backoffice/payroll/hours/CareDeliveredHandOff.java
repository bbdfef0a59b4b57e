package care.backoffice.payroll.hours;

import care.backoffice.support.outbox.Outbox;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Hands care delivered to billing-service through the shared outbox, in the transaction that stores or changes
 * the hours: the message exists exactly when the change does, and the relay delivers it (retrying while billing
 * is down). Only CARE is care delivered; an entry that stops being CARE is sent as VOID so billing withdraws it.
 */
@Component
class CareDeliveredHandOff {

    private final Outbox outbox;
    private final JdbcTemplate jdbc;
    private final JsonMapper json;

    CareDeliveredHandOff(Outbox outbox, JdbcTemplate jdbc, JsonMapper json) {
        this.outbox = outbox;
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * Version 1 of every CARE entry of a bulk submission. Up to 10,000 messages: they are written as one JDBC batch
     * with exactly the statement {@link Outbox#enqueue} runs (same table, same duplicate-key rule), because one
     * round trip per message would cap the intake far below its 50,000 entries/s goal. service-support has no batch
     * enqueue yet; when it gets one, this should call it.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    void submitted(List<HoursEntry> entries) {
        List<CareDelivered> care = new ArrayList<>();
        for (HoursEntry e : entries) {
            if (e.activity() == Activity.CARE) {
                care.add(CareDelivered.of(e.id(), 1, false, e.team(), e.employeeId(), e.clientId(), e.careType(),
                        e.date(), e.start(), e.minutes()));
            }
        }
        if (care.isEmpty()) {
            return;
        }
        jdbc.batchUpdate("""
                insert into outbox_message (destination, path, message_key, payload) values (?, ?, ?, ?)
                on conflict (destination, message_key) do nothing""", new BatchPreparedStatementSetter() {
            @Override
            public void setValues(PreparedStatement ps, int i) throws SQLException {
                CareDelivered c = care.get(i);
                ps.setString(1, CareDelivered.DESTINATION);
                ps.setString(2, CareDelivered.PATH);
                ps.setString(3, c.messageKey());
                ps.setString(4, json.writeValueAsString(c));
            }

            @Override
            public int getBatchSize() {
                return care.size();
            }
        });
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
