package care.backoffice.payroll.members;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A UK bank account for net pay, in the form a Bacs Standard 18 record carries it: a 6-digit sort code, an 8-digit
 * account number and an account name of at most 18 characters from Bacs' character set (upper case A–Z, 0–9,
 * space and {@code . / - & ,}). Spaces and hyphens in the numbers are ignored ("12-34-56"). Seven-digit account
 * numbers are not padded here: banks differ on where the extra digit goes, so the colleague gives all eight.
 * Modulus checking (Pay.UK's VocaLink tables) is not done; a wrong account is returned by Bacs.
 */
public final class BankDetails {

    private static final Pattern BACS_NAME = Pattern.compile("[A-Z0-9 ./&,-]{1,18}");

    private BankDetails() {}

    public static Optional<String> sortCode(String text) {
        return digits(text, 6);
    }

    public static Optional<String> accountNumber(String text) {
        return digits(text, 8);
    }

    /** The account name upper-cased for Bacs, if it fits its character set and length. */
    public static Optional<String> accountName(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String n = text.strip().toUpperCase(Locale.ROOT);
        return BACS_NAME.matcher(n).matches() ? Optional.of(n) : Optional.empty();
    }

    private static Optional<String> digits(String text, int length) {
        if (text == null) {
            return Optional.empty();
        }
        String d = text.replace(" ", "").replace("-", "");
        return d.length() == length && d.chars().allMatch(Character::isDigit) ? Optional.of(d) : Optional.empty();
    }
}
