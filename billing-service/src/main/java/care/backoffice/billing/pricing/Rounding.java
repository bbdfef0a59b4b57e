package care.backoffice.billing.pricing;

/** How a visit's minutes are brought to a whole billing unit; the contract states which. */
public enum Rounding {
    /** Any started unit is charged in full (e.g. 16 min in 15-min blocks → 30). */
    UP,
    /** To the nearest unit, a half unit or more rounds up (e.g. 22 min → 15, 23 min → 30; 7.5 → 15). */
    NEAREST,
    /** Only completed units are charged (e.g. 29 min in 15-min blocks → 15). */
    DOWN
}
