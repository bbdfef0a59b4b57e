package care.backoffice.payroll.members;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * National Insurance number format, as HMRC allocates them (and as the FPS accepts them): two prefix letters,
 * six digits, a suffix A–D. The first letter is never D, F, I, Q, U or V; the second never D, F, I, O, Q, U or V;
 * the prefixes BG, GB, KN, NK, NT, TN and ZZ are never allocated. Spaces are ignored and letters upper-cased,
 * so "ab 12 34 56 c" is stored as AB123456C. (HMRC's documentation example QQ123456C is deliberately invalid: Q is never a first letter.).
 */
public final class NiNumber {

    private static final Pattern FORMAT = Pattern.compile(
            "^(?!BG|GB|KN|NK|NT|TN|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z][0-9]{6}[A-D]$");

    private NiNumber() {}

    /** The normalised number if the text is a valid NI number. */
    public static Optional<String> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String n = text.replace(" ", "").toUpperCase(Locale.ROOT);
        return FORMAT.matcher(n).matches() ? Optional.of(n) : Optional.empty();
    }
}
