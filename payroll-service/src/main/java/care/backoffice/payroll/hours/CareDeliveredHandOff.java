package care.backoffice.payroll.hours;

import care.backoffice.support.outbox.Outbox;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Hands care delivered to billing-service through the shared outbox, in the transaction that stores or changes
 * the hours: the message exists exactly when the change does, and the relay delivers it (retrying while billing
 * is down). Only CARE is care delivered; an entry that stops being CARE is sent as VOID so billing withdraws it.
 */
@Component
class CareDeliveredHandOff {

    private final Outbox outbox;

    CareDeliveredHandOff(Outbox outbox) {
        this.outbox = outbox;
    }

    /**
     * Version 1 of every CARE entry of a bulk submission.
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
        // One JDBC batch, not one round trip per visit: up to 10,000 in a bulk submission.
        outbox.enqueueAll(CareDelivered.DESTINATION, CareDelivered.PATH, care, CareDelivered::messageKey);
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
