package care.backoffice.payroll.hours;

import java.time.format.DateTimeFormatter;
import java.util.UUID;

/**
 * A visit as billing-service receives it ({@code POST /api/billing/care-delivered}; the contract agreed with
 * billing). The outbox relay posts these messages in batches to {@code PATH + "/batch"} when
 * {@code backoffice.services.billing.batch-paths} lists {@link #PATH} (application.yml does). Every version carries every field; billing is idempotent on hoursEntryId + version, a higher version
 * replaces the earlier one and status VOID withdraws it.
 *
 * @param plannedMinutes payroll does not know the plan; always null for now
 */
public record CareDelivered(String hoursEntryId, int version, String status, String team, String employeeId,
        String clientId, String careType, String date, String start, int minutes, Integer plannedMinutes) {

    static final String DESTINATION = "billing";
    static final String PATH = "/api/billing/care-delivered";
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

    static CareDelivered of(UUID id, int version, boolean voided, String team, UUID employeeId, String clientId,
            String careType, java.time.LocalDate date, java.time.LocalTime start, int minutes) {
        return new CareDelivered(id.toString(), version, voided ? "VOID" : "ACTIVE", team, employeeId.toString(),
                clientId, careType, date.toString(), hhmm(start), minutes, null);
    }

    static String hhmm(java.time.LocalTime start) {
        return start.format(HH_MM);
    }

    /** The outbox key: one message per entry version, so a retried step never queues a version twice. */
    String messageKey() {
        return messageKey(hoursEntryId, version);
    }

    static String messageKey(String hoursEntryId, int version) {
        return hoursEntryId + ":" + version;
    }
}
