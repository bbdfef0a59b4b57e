package care.backoffice.support.problem;

import java.util.List;
import java.util.Map;

/**
 * Collects field problems while a request is checked, so that one answer names every bad field
 * instead of stopping at the first.
 */
public final class Problems {

    private final java.util.ArrayList<InvalidRequestException.FieldProblem> found = new java.util.ArrayList<>();

    public Problems add(String field, String reason) {
        found.add(new InvalidRequestException.FieldProblem(field, reason));
        return this;
    }

    public Problems require(boolean ok, String field, String reason) {
        if (!ok) {
            add(field, reason);
        }
        return this;
    }

    /**
     * Reads an ISO date (YYYY-MM-DD) from a request field, noting a problem if it is missing (when required) or
     * not a date. Returns the date, or null when there is none to use.
     */
    public java.time.LocalDate date(String field, String value, boolean required) {
        if (value == null) {
            if (required) {
                add(field, "is required, as YYYY-MM-DD");
            }
            return null;
        }
        try {
            return java.time.LocalDate.parse(value);
        } catch (java.time.format.DateTimeParseException e) {
            add(field, "must be a date as YYYY-MM-DD");
            return null;
        }
    }

        public boolean isEmpty() {
        return found.isEmpty();
    }

    public List<InvalidRequestException.FieldProblem> list() {
        return List.copyOf(found);
    }

    /** Throws a 400 naming every problem found, if there are any. */
    public void throwIfAny() {
        if (!found.isEmpty()) {
            throw new InvalidRequestException(found);
        }
    }

    /** Throws with another status, e.g. 422 for a well-formed request that breaks a business rule. */
    public void throwIfAny(int status, String title) {
        if (!found.isEmpty()) {
            throw new InvalidRequestException(status, title, found);
        }
    }

    static Map<String, String> asMap(InvalidRequestException.FieldProblem p) {
        return Map.of("field", p.field(), "reason", p.reason());
    }
}
