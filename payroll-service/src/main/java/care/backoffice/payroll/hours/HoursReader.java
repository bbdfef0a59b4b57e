package care.backoffice.payroll.hours;

import care.backoffice.support.problem.InvalidRequestException;
import care.backoffice.support.problem.Problems;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a bulk submission ({@link HoursRequest}) token by token with Jackson's streaming parser, checking each
 * entry's fields as it goes (the rules that need nothing stored), into compact {@link HoursEntry} records.
 *
 * <p>Why not data binding into {@code HoursRequest}: it built 10,000 records through reflective constructor calls
 * (the top of the JFR profile), then a second, checked copy of each entry, and the idempotency check wrote all of
 * it back to JSON to hash it. Here each entry's text fields go straight into one reused holder, a day,
 * a start time or a colleague's id that repeats (a request holds a few hundred distinct ones) is parsed once per
 * request ({@code LocalDate.parse} costs about a microsecond), and the caller hashes the raw bytes instead.
 *
 * <p>The answer names every bad field of every entry, as before: {@code entries[3].minutes} with the reason.
 * A field of the wrong JSON type is named too (data binding used to refuse the whole body for it).
 */
@Component
class HoursReader {

    static final int MAX_TEXT = 64;

    private static final String ENTRIES_PROBLEM = "must hold 1 to " + HoursController.MAX_ENTRIES + " entries";

    private final JsonMapper json;

    HoursReader(JsonMapper json) {
        this.json = json;
    }

    /**
     * @return the entries in request order; a bad entry is named in {@code problems} and left out as null
     * @throws InvalidRequestException for a body that is not JSON, or holds no entries or more than the maximum
     */
    List<HoursEntry> read(byte[] body, LocalDate today, Problems problems) {
        List<HoursEntry> entries = null;
        if (body != null && body.length > 0) {
            try (JsonParser p = json.createParser(body)) {
                if (p.nextToken() != JsonToken.START_OBJECT) {
                    throw unreadable("the body must be a JSON object: {\"entries\": [...]}");
                }
                String name;
                while ((name = p.nextName()) != null) {
                    JsonToken value = p.nextToken();
                    if (!"entries".equals(name)) {
                        p.skipChildren(); // unknown fields are ignored, as data binding does
                    } else if (value == JsonToken.START_ARRAY) {
                        entries = new Reading(today, problems).entries(p);
                    } else if (value == JsonToken.VALUE_NULL) {
                        entries = List.of();
                    } else {
                        p.skipChildren();
                        throw InvalidRequestException.of("entries", "must be an array of entries");
                    }
                }
            } catch (JacksonException e) {
                throw unreadable(firstLine(e.getOriginalMessage()));
            }
        }
        if (entries == null || entries.isEmpty()) {
            throw InvalidRequestException.of("entries", ENTRIES_PROBLEM);
        }
        return entries;
    }

    /** The state of one request's reading: its problems, and the values already parsed once. */
    private static final class Reading {

        private final LocalDate today;
        private final Problems problems;
        private final Map<String, UUID> employees = new HashMap<>();
        private final Map<String, LocalDate> dates = new HashMap<>();
        private final Map<String, LocalTime> times = new HashMap<>();
        /** One entry's raw fields, reused from entry to entry. */
        private final Fields f = new Fields();

        Reading(LocalDate today, Problems problems) {
            this.today = today;
            this.problems = problems;
        }

        List<HoursEntry> entries(JsonParser p) {
            List<HoursEntry> out = new ArrayList<>();
            JsonToken t;
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                int i = out.size();
                if (i == HoursController.MAX_ENTRIES) {
                    // no need to read the rest
                    throw InvalidRequestException.of("entries", ENTRIES_PROBLEM);
                }
                if (t == JsonToken.START_OBJECT) {
                    out.add(entry(p, i));
                } else {
                    p.skipChildren();
                    problems.add("entries[" + i + "]", t == JsonToken.VALUE_NULL ? "is empty"
                            : "must be an object {employeeId, date, start, minutes, activity, clientId, careType}");
                    out.add(null);
                }
            }
            return out;
        }

        private HoursEntry entry(JsonParser p, int i) {
            f.clear();
            String name;
            while ((name = p.nextName()) != null) {
                JsonToken v = p.nextToken();
                switch (name) {
                    case "employeeId" -> f.employeeId = text(p, v, Fields.EMPLOYEE_ID);
                    case "date" -> f.date = text(p, v, Fields.DATE);
                    case "start" -> f.start = text(p, v, Fields.START);
                    case "minutes" -> minutes(p, v);
                    case "activity" -> f.activity = text(p, v, Fields.ACTIVITY);
                    case "clientId" -> f.clientId = text(p, v, Fields.CLIENT_ID);
                    case "careType" -> f.careType = text(p, v, Fields.CARE_TYPE);
                    default -> p.skipChildren();
                }
            }
            return check(i);
        }

        /**
         * A text field; numbers and booleans are taken as their text, as data binding does. An object or an array
         * is noted (as a bit of {@code notText}) and named by the checks.
         */
        private String text(JsonParser p, JsonToken v, int field) {
            f.notText &= ~field;
            if (v == JsonToken.VALUE_NULL) {
                return null;
            }
            if (v.isScalarValue()) {
                return p.getValueAsString();
            }
            p.skipChildren();
            f.notText |= field;
            return null;
        }

        private void minutes(JsonParser p, JsonToken v) {
            switch (v) {
                case VALUE_NULL -> f.minutesState = Fields.MISSING;
                case VALUE_NUMBER_INT -> {
                    if (p.getNumberType() == JsonParser.NumberType.INT) {
                        f.minutes = p.getIntValue();
                        f.minutesState = Fields.PRESENT;
                    } else {
                        f.minutesState = Fields.OUT_OF_RANGE;
                    }
                }
                case VALUE_NUMBER_FLOAT -> {
                    double d = p.getDoubleValue();
                    if (d == Math.rint(d) && Math.abs(d) <= Integer.MAX_VALUE) {
                        f.minutes = (int) d;
                        f.minutesState = Fields.PRESENT;
                    } else {
                        f.minutesState = Fields.NOT_WHOLE;
                    }
                }
                case VALUE_STRING -> {
                    // "90" was accepted by data binding, so it still is
                    String s = p.getString().strip();
                    if (s.isEmpty()) {
                        f.minutesState = Fields.MISSING;
                    } else {
                        try {
                            f.minutes = Integer.parseInt(s);
                            f.minutesState = Fields.PRESENT;
                        } catch (NumberFormatException e) {
                            f.minutesState = Fields.NOT_WHOLE;
                        }
                    }
                }
                default -> {
                    p.skipChildren();
                    f.minutesState = Fields.NOT_WHOLE;
                }
            }
        }

        /** The rules that need nothing stored, in the order the answer has always named them. */
        private HoursEntry check(int i) {
            UUID employee = null;
            if (f.notText(i, Fields.EMPLOYEE_ID, "employeeId")) {
                // named
            } else if (blank(f.employeeId)) {
                f.problem(i, "employeeId", "is required");
            } else {
                employee = employees.get(f.employeeId);
                if (employee == null) {
                    try {
                        employee = UUID.fromString(f.employeeId);
                        employees.put(f.employeeId, employee);
                    } catch (IllegalArgumentException e) {
                        f.problem(i, "employeeId", "is not an employee id (a UUID)");
                    }
                }
            }
            LocalDate date = null;
            if (f.notText(i, Fields.DATE, "date")) {
                // named
            } else if (blank(f.date)) {
                f.problem(i, "date", "is required (YYYY-MM-DD)");
            } else {
                date = dates.get(f.date);
                if (date == null) {
                    try {
                        date = LocalDate.parse(f.date);
                        dates.put(f.date, date);
                    } catch (DateTimeParseException e) {
                        f.problem(i, "date", "is not a date in the form YYYY-MM-DD");
                    }
                }
                if (date != null && date.isAfter(today)) {
                    f.problem(i, "date", "is in the future");
                }
            }
            LocalTime start = null;
            if (f.notText(i, Fields.START, "start")) {
                // named
            } else if (blank(f.start)) {
                f.problem(i, "start", "is required (HH:mm)");
            } else {
                start = times.get(f.start);
                if (start == null) {
                    try {
                        start = LocalTime.parse(f.start);
                        times.put(f.start, start);
                    } catch (DateTimeParseException e) {
                        f.problem(i, "start", "is not a time in the form HH:mm");
                    }
                }
            }
            switch (f.minutesState) {
                case Fields.MISSING -> f.problem(i, "minutes", "is required");
                case Fields.NOT_WHOLE -> f.problem(i, "minutes", "must be a whole number of minutes");
                case Fields.OUT_OF_RANGE -> f.problem(i, "minutes", "must be more than 0 and at most 1440 (24 hours)");
                default -> {
                    if (f.minutes <= 0 || f.minutes > 24 * 60) {
                        f.problem(i, "minutes", "must be more than 0 and at most 1440 (24 hours)");
                    }
                }
            }
            Activity activity = null;
            if (f.notText(i, Fields.ACTIVITY, "activity")) {
                // named
            } else if (blank(f.activity)) {
                f.problem(i, "activity", "is required");
            } else {
                try {
                    activity = Activity.valueOf(f.activity);
                } catch (IllegalArgumentException e) {
                    f.problem(i, "activity", "must be one of " + Arrays.toString(Activity.values()));
                }
            }
            if (f.notText(i, Fields.CLIENT_ID, "clientId")) {
                // named
            } else if (activity == Activity.CARE && blank(f.clientId)) {
                f.problem(i, "clientId", "is required for CARE (care is charged to the client's funder)");
            }
            if (f.notText(i, Fields.CARE_TYPE, "careType")) {
                // named
            } else if (activity == Activity.CARE && blank(f.careType)) {
                f.problem(i, "careType", "is required for CARE");
            } else if (activity == Activity.CARE && !CareType.isValid(f.careType.strip())) {
                // billing prices these kinds only; anything else would be refused there for good
                f.problem(i, "careType", "must be one of " + Arrays.toString(CareType.values()));
            }
            if (f.clientId != null && f.clientId.length() > MAX_TEXT) {
                f.problem(i, "clientId", "must be at most " + MAX_TEXT + " characters");
            }
            if (f.careType != null && f.careType.length() > MAX_TEXT) {
                f.problem(i, "careType", "must be at most " + MAX_TEXT + " characters");
            }
            if (f.problems != null && !f.problems.isEmpty()) {
                f.problems.forEach(x -> problems.add(x.field(), x.reason()));
                return null;
            }
            return new HoursEntry(employee, date, start, f.minutes, activity, blankToNull(f.clientId),
                    blankToNull(f.careType));
        }
    }

    /** One entry's fields as sent. */
    private static final class Fields {
        static final int EMPLOYEE_ID = 1;
        static final int DATE = 2;
        static final int START = 4;
        static final int ACTIVITY = 8;
        static final int CLIENT_ID = 16;
        static final int CARE_TYPE = 32;

        static final int MISSING = 0;
        static final int PRESENT = 1;
        static final int NOT_WHOLE = 2;
        static final int OUT_OF_RANGE = 3;

        String employeeId;
        String date;
        String start;
        int minutes;
        int minutesState;
        String activity;
        String clientId;
        String careType;
        /** The text fields sent as an object or an array. */
        int notText;
        /** Created only for an entry that has problems. */
        List<InvalidRequestException.FieldProblem> problems;

        void clear() {
            employeeId = date = start = activity = clientId = careType = null;
            minutes = 0;
            minutesState = MISSING;
            notText = 0;
            problems = null;
        }

        /** Names the field if it was sent as an object or an array. @return whether it was */
        boolean notText(int i, int bit, String field) {
            if ((notText & bit) == 0) {
                return false;
            }
            problem(i, field, "must be text, not an object or an array");
            return true;
        }

        void problem(int i, String field, String reason) {
            if (problems == null) {
                problems = new ArrayList<>(2);
            }
            problems.add(new InvalidRequestException.FieldProblem("entries[" + i + "]." + field, reason));
        }
    }

    private static InvalidRequestException unreadable(String reason) {
        return new InvalidRequestException(400, "The request body could not be read",
                List.of(new InvalidRequestException.FieldProblem("body", reason)));
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "malformed JSON";
        }
        int nl = message.indexOf('\n');
        return nl > 0 ? message.substring(0, nl) : message;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String blankToNull(String s) {
        return blank(s) ? null : s.strip();
    }
}
