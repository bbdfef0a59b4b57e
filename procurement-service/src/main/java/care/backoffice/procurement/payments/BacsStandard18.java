package care.backoffice.procurement.payments;

import java.math.BigDecimal;
import java.util.List;

/**
 * Writes Bacs Standard 18 payment records: one 100-character credit record (transaction code 99) per supplier
 * payment and a contra record (transaction code 17) debiting our own account with the total. Volume and header
 * labels (VOL1/HDR1/HDR2/UHL1) are added by the Bacs submission software (bureau), which imports exactly these
 * records. Plain Java.
 *
 * <p>Field layout (positions 1-based): 1-6 destination sort code, 7-14 destination account, 15 account type
 * (0), 16-17 transaction code, 18-23 originator sort code, 24-31 originator account, 32-35 free (spaces), 36-46
 * amount in pence, 47-64 originator name, 65-82 reference, 83-100 destination account name. Bacs accepts only
 * A-Z, 0-9, space, full stop, ampersand, slash and hyphen in text fields; everything else is replaced by a space.
 */
public final class BacsStandard18 {

    public record Originator(String sortCode, String accountNumber, String name) {}

    public record Payment(String sortCode, String accountNumber, String accountName, String reference,
            BigDecimal amount) {}

    private BacsStandard18() {}

    public static String write(Originator from, List<Payment> payments) {
        StringBuilder out = new StringBuilder();
        BigDecimal total = BigDecimal.ZERO;
        for (Payment p : payments) {
            out.append(record(p.sortCode(), p.accountNumber(), "99", from, p.amount(), from.name(), p.reference(),
                    p.accountName())).append("\r\n");
            total = total.add(p.amount());
        }
        out.append(record(from.sortCode(), from.accountNumber(), "17", from, total, "CONTRA", "SUPPLIER PAYMENTS",
                from.name())).append("\r\n");
        return out.toString();
    }

    static String record(String sortCode, String account, String transactionCode, Originator from, BigDecimal amount,
            String originatorName, String reference, String destinationName) {
        if (amount.signum() <= 0 || amount.scale() > 2) {
            throw new IllegalArgumentException("a Bacs credit is a positive amount in pence: " + amount);
        }
        long pence = amount.movePointRight(2).longValueExact();
        if (pence > 99_999_999_999L) {
            throw new IllegalArgumentException("amount too large for one Bacs record: " + amount);
        }
        String r = digits(sortCode, 6) + digits(account, 8) + "0" + transactionCode + digits(from.sortCode(), 6)
                + digits(from.accountNumber(), 8) + "    " + String.format("%011d", pence) + text(originatorName)
                + text(reference) + text(destinationName);
        if (r.length() != 100) {
            throw new IllegalStateException("Bacs record is " + r.length() + " characters");
        }
        return r;
    }

    private static String digits(String s, int length) {
        if (s == null || !s.matches("\\d{" + length + "}")) {
            throw new IllegalArgumentException("expected " + length + " digits: " + s);
        }
        return s;
    }

    static String text(String s) {
        String clean = (s == null ? "" : s.toUpperCase()).replaceAll("[^A-Z0-9 .&/-]", " ");
        return String.format("%-18.18s", clean);
    }
}
