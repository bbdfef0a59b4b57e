package care.backoffice.billing.care;

import care.backoffice.support.problem.Problems;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/**
 * One visit as payroll-service passes it on (the contract agreed with payroll, see README):
 * <pre>{ "hoursEntryId": "uuid", "version": 1, "status": "ACTIVE|VOID", "team": "team-arnhem-noord",
 *   "employeeId": "...", "clientId": "...", "careType": "PERSONAL_CARE", "date": "2026-10-03",
 *   "start": "09:00", "minutes": 45, "plannedMinutes": null }</pre>
 * A higher version of the same hoursEntryId replaces the earlier one; VOID withdraws it; an equal or lower
 * version is a replay and changes nothing.
 */
@io.swagger.v3.oas.annotations.media.Schema(description = "A visit passed on by payroll-service (the agreed contract). "
        + "Idempotent on hoursEntryId + version: a higher version replaces the earlier one, status VOID withdraws it, "
        + "an equal or lower version is a replay and changes nothing. All fields are required for every version.",
        example = """
                {"hoursEntryId": "6f1c2f4e-3a51-4d55-9a53-8f3f0f7f2b10", "version": 1, "status": "ACTIVE",
                 "team": "team-arnhem-noord", "employeeId": "emp-0042", "clientId": "cl-1001",
                 "careType": "PERSONAL_CARE", "date": "2026-10-03", "start": "09:00", "minutes": 45,
                 "plannedMinutes": null}""")
public record CareRecord(
        @io.swagger.v3.oas.annotations.media.Schema(description = "payroll's hours entry id (UUID)") String hoursEntryId,
        @io.swagger.v3.oas.annotations.media.Schema(description = "1 for the first, higher for each amendment") Integer version,
        @io.swagger.v3.oas.annotations.media.Schema(allowableValues = {"ACTIVE", "VOID"}) String status,
        @io.swagger.v3.oas.annotations.media.Schema(description = "team code") String team,
        String employeeId,
        @io.swagger.v3.oas.annotations.media.Schema(description = "the client id the back office registered in billing") String clientId,
        @io.swagger.v3.oas.annotations.media.Schema(allowableValues = {"PERSONAL_CARE", "NURSING_CARE", "DOMESTIC_SUPPORT",
                "SOCIAL_SUPPORT", "RESPITE_CARE"}) String careType,
        @io.swagger.v3.oas.annotations.media.Schema(description = "yyyy-MM-dd, Europe/London") String date,
        @io.swagger.v3.oas.annotations.media.Schema(description = "HH:mm") String start,
        @io.swagger.v3.oas.annotations.media.Schema(description = "actual minutes, 0-1440") Integer minutes,
        @io.swagger.v3.oas.annotations.media.Schema(description = "planned minutes or null, 0-1440", nullable = true) Integer plannedMinutes) {

    static final int MINUTES_PER_DAY = 24 * 60;

    void check() {
        Problems p = new Problems();
        p.require(uuid() != null, "hoursEntryId", "is required: the payroll hours entry id (a UUID)");
        p.require(version != null && version >= 1, "version", "is required: 1 for the first, higher for amendments");
        p.require("ACTIVE".equals(status) || "VOID".equals(status), "status", "must be ACTIVE or VOID");
        p.require(notBlank(team), "team", "is required: the team code");
        p.require(notBlank(employeeId), "employeeId", "is required");
        p.require(notBlank(clientId), "clientId", "is required");
        p.require(careType != null && CareType.isValid(careType), "careType",
                "must be one of " + java.util.List.of(CareType.values()));
        if (date == null) {
            p.add("date", "is required, as YYYY-MM-DD");
        } else {
            try {
                LocalDate.parse(date);
            } catch (DateTimeParseException e) {
                p.add("date", "must be a date as YYYY-MM-DD");
            }
        }
        if (start == null) {
            p.add("start", "is required, as HH:mm");
        } else {
            try {
                LocalTime.parse(start);
            } catch (DateTimeParseException e) {
                p.add("start", "must be a time as HH:mm");
            }
        }
        p.require(minutes != null && minutes >= 0 && minutes <= MINUTES_PER_DAY, "minutes",
                "is required: 0 to 1440");
        p.require(plannedMinutes == null || (plannedMinutes >= 0 && plannedMinutes <= MINUTES_PER_DAY),
                "plannedMinutes", "must be 0 to 1440 or null");
        p.throwIfAny();
    }

    UUID uuid() {
        try {
            return hoursEntryId == null ? null : UUID.fromString(hoursEntryId);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
