package care.backoffice.support.problem;

import java.util.Map;

/**
 * A refusal that is not about one field: not found, a conflicting replay, a closed period.
 * {@code details} become extra members of the problem+json body (RFC 9457 extension members),
 * e.g. the remaining budget that explains why an order was refused.
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final String title;
    private final Map<String, Object> details;

    public ApiException(int status, String title, String detail) {
        this(status, title, detail, Map.of());
    }

    public ApiException(int status, String title, String detail, Map<String, Object> details) {
        super(detail);
        this.status = status;
        this.title = title;
        this.details = Map.copyOf(details);
    }

    public static ApiException notFound(String what) {
        return new ApiException(404, "Not found", what + " was not found");
    }

    public static ApiException conflict(String detail) {
        return new ApiException(409, "Conflict", detail);
    }

    public static ApiException forbidden(String detail) {
        return new ApiException(403, "Forbidden", detail);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public Map<String, Object> details() {
        return details;
    }
}
