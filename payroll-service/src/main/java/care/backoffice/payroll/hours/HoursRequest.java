package care.backoffice.payroll.hours;

import java.util.List;

/**
 * A bulk submission of hours (at most {@link HoursController#MAX_ENTRIES} entries), stored whole or not at all.
 * Fields are text so that every bad one, in every entry, is named in one answer. This is the documented schema
 * (OpenAPI); the body itself is read by {@link HoursReader}, token by token.
 */
public record HoursRequest(List<Entry> entries) {

    /**
     * @param start   local start time, HH:mm (Europe/London); an entry may run past midnight
     * @param minutes 1 to 1,440
     */
    public record Entry(String employeeId, String date, String start, Integer minutes, String activity,
            String clientId, String careType) {}
}
