package care.backoffice.payroll.payments;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

/**
 * Net pay as Bacs Standard 18 records (reference uk-payroll.md §7, HSBC's implementation guide): one 100-character
 * credit record (transaction code 99) per colleague and a contra record (code 17) debiting our own account with the
 * total, "CONTRA" in the reference field. The volume, header and trailer labels (VOL1, HDR1/2, UHL1, EOF1/2, UTL1)
 * are written by the Bacs-approved submission software or bureau that imports these records, with our service
 * user number. Plain Java.
 *
 * <p>Positions (1-based): 1–6 destination sort code, 7–14 destination account, 15 account type "0", 16–17
 * transaction code, 18–23 originating sort code, 24–31 originating account, 32–35 free (spaces), 36–46 amount in
 * pence, zero-filled, 47–64 service user's name, 65–82 reference, 83–100 destination account name. Text is upper
 * case A–Z, 0–9, space and {@code . / - & ,}; anything else becomes a space. Lines end CRLF.
 */
public final class BacsStandard18 {

    public record Originator(String sortCode, String accountNumber, String name) {}

    public record Credit(String sortCode, String accountNumber, String accountName, String reference,
            BigDecimal amount) {}

    /** The file and what it adds up to, for the back office to check against the bank's report. */
    public record File(String content, int credits, BigDecimal total) {}

    private BacsStandard18() {}

    public static File write(Originator from, List<Credit> credits, String contraReference) {
        StringBuilder out = new StringBuilder((credits.size() + 1) * 102);
        BigDecimal total = BigDecimal.ZERO;
        for (Credit c : credits) {
            out.append(record(c.sortCode(), c.accountNumber(), "99", from, c.amount(), c.reference(),
                    c.accountName())).append("\r\n");
            total = total.add(c.amount());
        }
        if (credits.isEmpty()) {
            return new File("", 0, BigDecimal.ZERO.setScale(2));
        }
        out.append(record(from.sortCode(), from.accountNumber(), "17", from, total, "CONTRA", from.name()))
                .append("\r\n");
        return new File(out.toString(), credits.size(), total.setScale(2));
    }

    static String record(String sortCode, String account, String transactionCode, Originator from, BigDecimal amount,
            String reference, String destinationName) {
        if (amount.signum() <= 0 || amount.stripTrailingZeros().scale() > 2) {
            throw new IllegalArgumentException("a Bacs amount is a positive sum in pence: " + amount);
        }
        long pence = amount.movePointRight(2).setScale(0).longValueExact();
        if (pence > 99_999_999_999L) {
            throw new IllegalArgumentException("amount too large for one Bacs record: " + amount);
        }
        String r = digits(sortCode, 6) + digits(account, 8) + "0" + transactionCode + digits(from.sortCode(), 6)
                + digits(from.accountNumber(), 8) + "    " + String.format("%011d", pence) + text(from.name())
                + text(reference) + text(destinationName);
        if (r.length() != 100) {
            throw new IllegalStateException("Bacs record is " + r.length() + " characters");
        }
        return r;
    }

    private static String digits(String s, int length) {
        if (s == null || s.length() != length || !s.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("expected " + length + " digits: " + s);
        }
        return s;
    }

    static String text(String s) {
        String clean = (s == null ? "" : s.toUpperCase(Locale.ROOT)).replaceAll("[^A-Z0-9 ./&,-]", " ");
        return String.format("%-18.18s", clean);
    }
}
