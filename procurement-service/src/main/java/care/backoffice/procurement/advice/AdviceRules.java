package care.backoffice.procurement.advice;

import care.backoffice.support.problem.Problems;
import java.math.BigDecimal;
import java.util.Set;

/**
 * Above the team's advice threshold an order must say what advice the team sought. It is advice, not
 * permission: the record is checked for completeness only, never for what the advisers said.
 */
public final class AdviceRules {

    public static final Set<String> ROLES = Set.of("colleague", "coach", "other-team", "specialist");

    private AdviceRules() {}

    /** An order needs the record when its total is strictly above the threshold (an order of exactly £500 does not). */
    public static boolean required(BigDecimal orderTotal, BigDecimal threshold) {
        return orderTotal.compareTo(threshold) > 0;
    }

    /** Adds every missing or incomplete part of the record to {@code problems}. */
    public static void check(AdviceRequest advice, boolean required, BigDecimal orderTotal, BigDecimal threshold,
            Problems problems) {
        if (advice == null) {
            if (required) {
                problems.add("advice", "this order of " + orderTotal.toPlainString() + " is above the team's advice "
                        + "threshold of " + threshold.toPlainString() + ": record who was asked (advice.advisers), "
                        + "what they advised, and the team's decision (advice.decisionNote)");
            }
            return;
        }
        if (advice.advisers() == null || advice.advisers().isEmpty()) {
            problems.add("advice.advisers", "name at least one colleague, coach or team who was asked");
        } else {
            for (int i = 0; i < advice.advisers().size(); i++) {
                AdviceRequest.Adviser a = advice.advisers().get(i);
                String f = "advice.advisers[" + i + "].";
                problems.require(a != null && blank(a.name()) == false, f + "name", "who was asked is required");
                problems.require(a != null && a.role() != null && ROLES.contains(a.role()), f + "role",
                        "must be one of " + ROLES);
                problems.require(a != null && !blank(a.advised()), f + "advised", "what they advised is required");
            }
        }
        problems.require(!blank(advice.decisionNote()), "advice.decisionNote",
                "the team's decision note is required");
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
