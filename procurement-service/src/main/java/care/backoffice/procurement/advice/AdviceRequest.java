package care.backoffice.procurement.advice;

import java.util.List;

/**
 * The advice a team sought for a larger order: who was asked (colleagues, a coach, another team), what each
 * advised, and the team's own decision note.
 */
public record AdviceRequest(List<Adviser> advisers, String decisionNote) {

    public record Adviser(String name, String role, String advised) {}
}
