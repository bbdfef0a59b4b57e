package care.backoffice.procurement.catalogue;

import java.util.Map;

/**
 * Units a line may be ordered in. PEPPOL requires UN/ECE Recommendation 20 codes, with Recommendation 21
 * package codes prefixed by X (so a box is XBX, not BX); phive rejects anything else, so we refuse it at entry.
 */
public final class UnitCodes {

    public static final Map<String, String> KNOWN = Map.ofEntries(
            Map.entry("EA", "each"), Map.entry("H87", "piece"), Map.entry("C62", "one"),
            Map.entry("PR", "pair"), Map.entry("SET", "set"), Map.entry("XBX", "box"),
            Map.entry("XPK", "pack"), Map.entry("XCT", "carton"), Map.entry("XRO", "roll"),
            Map.entry("XBO", "bottle"), Map.entry("LTR", "litre"), Map.entry("KGM", "kilogram"),
            Map.entry("MTR", "metre"), Map.entry("HUR", "hour"), Map.entry("DAY", "day"),
            Map.entry("MON", "month"), Map.entry("ANN", "year"));

    private UnitCodes() {}

    public static boolean isKnown(String code) {
        return code != null && KNOWN.containsKey(code);
    }
}
