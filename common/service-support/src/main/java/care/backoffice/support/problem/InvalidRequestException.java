package care.backoffice.support.problem;

import java.util.List;

/**
 * Bad input, with every bad field or item named. Thrown before anything is written, so the request
 * changes nothing. Rendered as a 400 (or the given status) application/problem+json.
 */
public class InvalidRequestException extends RuntimeException {

    /** One bad field or item: a JSON-pointer-like path (e.g. {@code entries[3].minutes}) and why. */
    public record FieldProblem(String field, String reason) {}

    private final int status;
    private final String title;
    private final List<FieldProblem> problems;

    public InvalidRequestException(List<FieldProblem> problems) {
        this(400, "The request has invalid fields", problems);
    }

    public InvalidRequestException(int status, String title, List<FieldProblem> problems) {
        super(title + ": " + problems);
        this.status = status;
        this.title = title;
        this.problems = List.copyOf(problems);
    }

    public static InvalidRequestException of(String field, String reason) {
        return new InvalidRequestException(List.of(new FieldProblem(field, reason)));
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public List<FieldProblem> problems() {
        return problems;
    }
}
