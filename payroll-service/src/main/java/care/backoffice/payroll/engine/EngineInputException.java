package care.backoffice.payroll.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * Input the engine cannot calculate with (an unknown tax year, an invalid tax code, a period out of range …),
 * naming each bad field. The engine never guesses.
 */
public class EngineInputException extends RuntimeException {

    public record Problem(String field, String reason) {}

    private final List<Problem> problems;

    public EngineInputException(List<Problem> problems) {
        super(problems.toString());
        this.problems = List.copyOf(problems);
    }

    public static EngineInputException of(String field, String reason) {
        return new EngineInputException(List.of(new Problem(field, reason)));
    }

    public List<Problem> problems() {
        return problems;
    }

    /** Collects problems so one answer names every bad field. */
    public static final class Collector {
        private final List<Problem> found = new ArrayList<>();

        public Collector add(String field, String reason) {
            found.add(new Problem(field, reason));
            return this;
        }

        public boolean isEmpty() {
            return found.isEmpty();
        }

        public void throwIfAny() {
            if (!found.isEmpty()) {
                throw new EngineInputException(found);
            }
        }
    }
}
