package care.backoffice.payroll.payments;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * Net pay as a Bacs Standard 18 file (reference uk-payroll.md §7, HSBC's implementation guide): one 100-character
 * credit record (transaction code 99) per colleague and a contra record (code 17) debiting our own account with the
 * total, "CONTRA" in the reference field; {@link #writeFile} wraps them in the 80-character labels (VOL1, HDR1, HDR2,
 * UHL1 … EOF1, EOF2, UTL1). {@link #write} gives the records alone, for submission software that adds its own labels.
 * Plain Java.
 *
 * <p>Label layouts. From the reference: UHL1 carries the processing day as " YYDDD" and the work code "1 DAILY  ";
 * UTL1 the debit and credit value totals (13 digits, pence) and item counts (7 digits). VOL1 positions 1–47 as MYOB's
 * published copy of HSBC's layout gives them (serial 5–10, service user number 42–47). The remaining positions follow
 * the ANSI/ISO tape-label layout Standard 18 is built on, [UNSURE: written from the Bacs service user guide as
 * remembered, not checked against a copy; to be confirmed with the bank's or bureau's specification before the first
 * live submission]:
 * <pre>
 * VOL1  1-4 VOL1, 5-10 volume serial, 11 accessibility (space), 12-41 spaces, 42-47 service user number, 48-79 spaces,
 *       80 label standard level "1"
 * HDR1  1-4 HDR1, 5-21 file identifier "A" + SUN + "S" + 2 spaces + SUN + space, 22-27 set identification (SUN),
 *       28-31 file section "0001", 32-35 file sequence "0001", 36-41 generation (spaces), 42-47 creation date " YYDDD",
 *       48-53 expiry date " YYDDD", 54 accessibility (space), 55-60 block count "000000", 61-73 system code (spaces),
 *       74-80 spaces
 * HDR2  1-4 HDR2, 5 record format "F", 6-10 block length "02000", 11-15 record length "00100", 16-50 spaces,
 *       51-52 buffer offset "00", 53-80 spaces
 * UHL1  1-4 UHL1, 5-10 processing day " YYDDD", 11-20 receiving party "999999" + 4 spaces, 21-22 currency "00",
 *       23-28 country "000000", 29-37 work code "1 DAILY  ", 38-40 file number "001", 41-80 spaces
 * EOF1, EOF2  as HDR1 and HDR2 with EOF in 1-3
 * UTL1  1-4 UTL1, 5-17 debit value total, 18-30 credit value total, 31-37 debit item count, 38-44 credit item count,
 *       45-80 spaces
 * </pre>
 * In a credits file the contra is the one debit: the debit total equals the credit total, and the counts are 1 and the
 * number of colleagues paid.
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

    /** The labels' fixed parts: our service user number, the volume serial and the dates (see the class comment). */
    public record Labels(String serviceUserNumber, String volumeSerial, LocalDate created, LocalDate processingDay) {}

    /** The whole file: labels around the records, with the totals in UTL1. */
    public static File writeFile(Originator from, Labels labels, List<Credit> credits, String contraReference) {
        File records = write(from, credits, contraReference);
        if (credits.isEmpty()) {
            return records;
        }
        String sun = digits(labels.serviceUserNumber(), 6);
        String serial = text(labels.volumeSerial()).substring(0, 6);
        String created = julian(labels.created());
        String processing = julian(labels.processingDay());
        String hdr1 = "A" + sun + "S" + "  " + sun + " " + sun + "0001" + "0001" + " ".repeat(6) + created + processing
                + " " + "000000" + " ".repeat(13) + " ".repeat(7);
        String hdr2 = "F" + "02000" + "00100" + " ".repeat(35) + "00" + " ".repeat(28);
        long pence = records.total().movePointRight(2).longValueExact();
        StringBuilder out = new StringBuilder(records.content().length() + 9 * 82);
        out.append(label("VOL1", serial + " " + " ".repeat(30) + sun + " ".repeat(32) + "1"));
        out.append(label("HDR1", hdr1));
        out.append(label("HDR2", hdr2));
        out.append(label("UHL1", processing + "999999    " + "00" + "000000" + "1 DAILY  " + "001" + " ".repeat(40)));
        out.append(records.content());
        out.append(label("EOF1", hdr1));
        out.append(label("EOF2", hdr2));
        out.append(label("UTL1", String.format("%013d", pence) + String.format("%013d", pence)
                + String.format("%07d", 1) + String.format("%07d", credits.size()) + " ".repeat(36)));
        return new File(out.toString(), records.credits(), records.total());
    }

    /**
     * The Bacs processing day for credits that arrive on the pay date: Bacs runs a 3-day cycle (input, processing,
     * entry), and the entry day is the pay date, so processing is the working day before it — not a Saturday, Sunday
     * or bank holiday of England and Wales (Bacs' calendar).
     */
    public static LocalDate processingDayFor(LocalDate payDate) {
        LocalDate d = payDate.minusDays(1);
        while (d.getDayOfWeek() == java.time.DayOfWeek.SATURDAY || d.getDayOfWeek() == java.time.DayOfWeek.SUNDAY
                || care.backoffice.payroll.runs.BankHolidays.englandAndWales().isBankHoliday(d)) {
            d = d.minusDays(1);
        }
        return d;
    }

    /** " YYDDD": a space, the year's last two digits and the day of the year. */
    public static String julian(LocalDate d) {
        return String.format(" %02d%03d", d.getYear() % 100, d.getDayOfYear());
    }

    private static String label(String name, String rest) {
        String l = name + rest;
        if (l.length() != 80) {
            throw new IllegalStateException(name + " label is " + l.length() + " characters");
        }
        return l + "\r\n";
    }

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
