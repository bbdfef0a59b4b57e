package care.backoffice.payroll.members;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A UK postcode as the FPS {@code UKPostcode} takes it: outward code (area letters, district digit, optional letter
 * or digit), a space, inward code (a digit and two letters). Stored upper case with one space, e.g. "LS9 8AB".
 */
public final class Postcode {

    private static final Pattern FORMAT = Pattern.compile("^([A-Z]{1,2}[0-9][A-Z0-9]?) ?([0-9][A-Z]{2})$");

    private Postcode() {}

    public static Optional<String> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        var m = FORMAT.matcher(text.strip().toUpperCase(Locale.ROOT).replaceAll("\\s+", " "));
        return m.matches() ? Optional.of(m.group(1) + " " + m.group(2)) : Optional.empty();
    }
}
