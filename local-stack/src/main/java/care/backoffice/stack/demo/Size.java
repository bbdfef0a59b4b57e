package care.backoffice.stack.demo;

/**
 * How big the demo organisation is; the one generator ({@link DemoOrganisation}) makes every size.
 *
 * @param name           {@code small} or {@code buurtzorg}
 * @param teams          how many teams; {@code small} uses the realm's two demo teams and their users
 * @param clientsMin     clients per team, lowest
 * @param clientsMax     clients per team, highest
 * @param visitsMin      care visits a colleague makes on a working day, lowest (each with its travel before it)
 * @param visitsMax      highest
 * @param parallel       how many teams are set up at once (parallel clients against the gateway)
 */
public record Size(String name, int teams, int clientsMin, int clientsMax, int visitsMin, int visitsMax, int parallel) {

    /**
     * The two teams of the realm (anna's and chloe's), 6–9 clients each, full days of 4–7 visits: the organisation
     * {@code ./backoffice up} loads and the end-to-end month-end test reconciles.
     */
    public static final Size SMALL = new Size("small", 2, 6, 9, 4, 7, 1);

    /**
     * The size of Buurtzorg Nederland: 1,250 teams of 8–12 colleagues (≈15,000), 3–5 clients a team (≈5,000), and
     * 2–3 visits a working day with travel between, so a colleague records about 20 entries a week (≈1.3 million
     * a month for the organisation).
     */
    public static Size buurtzorg(int teams, int parallel) {
        return new Size("buurtzorg", teams, 3, 5, 2, 3, parallel);
    }

    public boolean isSmall() {
        return name.equals("small");
    }
}
