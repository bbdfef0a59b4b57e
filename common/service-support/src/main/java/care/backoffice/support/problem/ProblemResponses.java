package care.backoffice.support.problem;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error leaves a service as application/problem+json (RFC 9457). Field problems are listed
 * under {@code errors} as {field, reason} so a client can show each one next to its input.
 */
@RestControllerAdvice
public class ProblemResponses extends ResponseEntityExceptionHandler {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ProblemResponses.class);

    @ExceptionHandler(InvalidRequestException.class)
    ResponseEntity<Object> invalid(InvalidRequestException e, HttpServletRequest request) {
        ProblemDetail body = fieldProblems(e.status(), e.title(), e.problems());
        return problem(body, request);
    }

    @ExceptionHandler(ApiException.class)
    ResponseEntity<Object> api(ApiException e, HttpServletRequest request) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(e.status()), e.getMessage());
        body.setTitle(e.title());
        e.details().forEach(body::setProperty);
        return problem(body, request);
    }

    @ExceptionHandler(org.springframework.security.access.AccessDeniedException.class)
    ResponseEntity<Object> denied(Exception e, HttpServletRequest request) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN,
                "Your role or team does not allow this request");
        body.setTitle("Forbidden");
        return problem(body, request);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Object> typeMismatch(MethodArgumentTypeMismatchException e, HttpServletRequest request) {
        return invalid(InvalidRequestException.of(e.getName(), "is not a valid value: " + e.getValue()), request);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e, HttpServletRequest request) {
        log.error("Unexpected error on {} {}", request.getMethod(), request.getRequestURI(), e);
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "Something went wrong on our side; nothing was changed by this request");
        body.setTitle("Internal error");
        return problem(body, request);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        List<InvalidRequestException.FieldProblem> problems = new ArrayList<>();
        for (FieldError fe : e.getBindingResult().getFieldErrors()) {
            problems.add(new InvalidRequestException.FieldProblem(fe.getField(), fe.getDefaultMessage()));
        }
        e.getBindingResult().getGlobalErrors().forEach(ge ->
                problems.add(new InvalidRequestException.FieldProblem(ge.getObjectName(), ge.getDefaultMessage())));
        return ResponseEntity.badRequest().contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                .body(fieldProblems(400, "The request has invalid fields", problems));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<InvalidRequestException.FieldProblem> problems = new ArrayList<>();
        e.getParameterValidationResults().forEach(r -> r.getResolvableErrors().forEach(err ->
                problems.add(new InvalidRequestException.FieldProblem(
                        r.getMethodParameter().getParameterName(), err.getDefaultMessage()))));
        return ResponseEntity.badRequest().contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                .body(fieldProblems(400, "The request has invalid fields", problems));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        if (causedBy(e, care.backoffice.support.web.RequestSizeLimitFilter.RequestTooLargeException.class)) {
            ProblemDetail tooLarge = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, rootMessage(e));
            tooLarge.setTitle("Request body too large");
            return ResponseEntity.status(413).contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                    .body(tooLarge);
        }
        // Jackson's message names the field path and the expected type; the cause chain is enough for a client.
        String reason = rootMessage(e);
        ProblemDetail body = ProblemDetail.forStatus(400);
        body.setTitle("The request body could not be read");
        body.setDetail(reason);
        body.setProperty("errors", List.of(Map.of("field", "body", "reason", reason)));
        return ResponseEntity.badRequest().contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON).body(body);
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage() == null ? "malformed body" : t.getMessage();
        // Keep the first line only: Jackson appends the source location, which is noise to a client.
        int nl = m.indexOf('\n');
        return nl > 0 ? m.substring(0, nl) : m;
    }

    /** Every bad field under {@code errors} as {field, reason}, so a client can show each next to its input. */
    private static ProblemDetail fieldProblems(int status, String title, List<InvalidRequestException.FieldProblem> problems) {
        ProblemDetail body = ProblemDetail.forStatus(status);
        body.setTitle(title);
        body.setDetail(problems.size() + " problem(s): " + summary(problems));
        body.setProperty("errors", problems.stream().map(Problems::asMap).toList());
        return body;
    }

    private static String summary(List<InvalidRequestException.FieldProblem> problems) {
        return String.join("; ", problems.stream().map(p -> p.field() + " " + p.reason()).toList());
    }

    private static ResponseEntity<Object> problem(ProblemDetail body, HttpServletRequest request) {
        body.setInstance(java.net.URI.create(request.getRequestURI()));
        return ResponseEntity.status(body.getStatus())
                .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON).body(body);
    }
}
