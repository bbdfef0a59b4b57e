package care.backoffice.payroll.payslips;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.apache.pdfbox.io.RandomAccess;
import org.apache.pdfbox.io.RandomAccessReadWriteBuffer;
import org.apache.pdfbox.io.RandomAccessStreamCache;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * Payslips as PDF, one A4 page per colleague: who, which period, tax code and NI category, every line the engine
 * produced (earnings, deductions, employer's costs), net pay and the year to date. Plain PDFBox with the standard
 * Helvetica fonts (no font files to ship). A combined file is drawn page by page from a database cursor, with each
 * page's content kept compressed in small chunks until the file is written (see {@link #smallChunks}).
 */
public final class PayslipPdf {

    /** What one page shows. Amounts are pounds with 2 decimals. */
    public record Page(String organisation, String name, String niNumber, String team, String period,
            LocalDate payDate, String taxYear, String taxPeriod, String taxCode, boolean nonCumulative, String niCategory,
            List<Line> lines, BigDecimal grossPay, BigDecimal totalDeductions, BigDecimal netPay, List<Line> yearToDate) {}

    public record Line(String section, String description, BigDecimal amount) {}

    private static final PDType1Font REGULAR = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    private static final PDType1Font BOLD = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);

    private PayslipPdf() {}

    public static void write(List<Page> pages, OutputStream out) throws IOException {
        try (Document doc = open()) {
            for (Page p : pages) {
                doc.add(p);
            }
            doc.save(out);
        }
    }

    /** A PDF being written page by page: the caller need not hold every page's figures at once. */
    public static Document open() {
        return new Document(new PDDocument(PayslipPdf::smallChunks));
    }

    /**
     * Page contents in memory in 1 KB chunks. A payslip page's compressed content is about 0.7 KB, but PDFBox's own
     * caches (memory or temporary file) keep a 4 KB buffer per stream: 60 MB of the heap for 15,000 payslips, which
     * did not fit in the service's 256 MB beside the rest. With 1 KB chunks the same file needs about 15 MB.
     */
    private static RandomAccessStreamCache smallChunks() {
        return new RandomAccessStreamCache() {
            @Override
            public RandomAccess createBuffer() {
                return new RandomAccessReadWriteBuffer(1024);
            }

            @Override
            public void close() {
                // nothing held beyond the buffers, which the document closes with its streams
            }
        };
    }

    public static final class Document implements java.io.Closeable {
        private final PDDocument doc;

        private Document(PDDocument doc) {
            this.doc = doc;
        }

        public void add(Page p) {
            try {
                page(doc, p);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        public void save(OutputStream out) throws IOException {
            doc.save(out);
        }

        @Override
        public void close() throws IOException {
            doc.close();
        }
    }

    private static void page(PDDocument doc, Page p) throws IOException {
        PDPage page = new PDPage(PDRectangle.A4);
        doc.addPage(page);
        try (PDPageContentStream c = new PDPageContentStream(doc, page)) {
            float y = 790;
            y = text(c, BOLD, 16, 50, y, "Payslip - " + p.organisation());
            y -= 6;
            y = text(c, REGULAR, 10, 50, y, p.name() + "   NI number " + p.niNumber() + "   team " + p.team());
            y = text(c, REGULAR, 10, 50, y, "Pay period " + p.period() + "   paid " + p.payDate() + "   "
                    + p.taxPeriod() + " of " + p.taxYear());
            y = text(c, REGULAR, 10, 50, y, "Tax code " + p.taxCode() + (p.nonCumulative() ? " (W1/M1)" : "")
                    + "   NI category " + p.niCategory());
            for (String section : new String[] {"EARNINGS", "DEDUCTIONS", "NOT_TAXED", "EMPLOYER"}) {
                if (section.equals("NOT_TAXED") && p.lines().stream().noneMatch(l -> l.section().equals(section))) {
                    continue;
                }
                y -= 10;
                y = text(c, BOLD, 11, 50, y, switch (section) {
                    case "EARNINGS" -> "Earnings";
                    case "DEDUCTIONS" -> "Deductions";
                    case "NOT_TAXED" -> "Added to net pay, no tax or NI (expenses)";
                    default -> "Paid by the employer on top (not taken from your pay)";
                });
                for (Line l : p.lines()) {
                    if (l.section().equals(section)) {
                        y = row(c, REGULAR, y, l.description(), l.amount());
                    }
                }
            }
            y -= 10;
            y = row(c, BOLD, y, "Gross pay", p.grossPay());
            y = row(c, BOLD, y, "Total deductions", p.totalDeductions());
            y = row(c, BOLD, y, "Net pay", p.netPay());
            y -= 10;
            y = text(c, BOLD, 11, 50, y, "Year to date");
            for (Line l : p.yearToDate()) {
                y = row(c, REGULAR, y, l.description(), l.amount());
            }
        }
    }

    private static float row(PDPageContentStream c, PDType1Font font, float y, String label, BigDecimal amount)
            throws IOException {
        text(c, font, 10, 60, y, label);
        String money = money(amount);
        float width = font.getStringWidth(money) / 1000 * 10;
        return text(c, font, 10, 500 - width, y, money);
    }

    private static float text(PDPageContentStream c, PDType1Font font, float size, float x, float y, String s)
            throws IOException {
        c.beginText();
        c.setFont(font, size);
        c.newLineAtOffset(x, y);
        c.showText(printable(s));
        c.endText();
        return y - size * 1.5f;
    }

    /** "£1,234.56" / "-£12.00". */
    static String money(BigDecimal amount) {
        DecimalFormat f = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.UK));
        return (amount.signum() < 0 ? "-" : "") + "\u00a3" + f.format(amount.abs());
    }

    /** The standard fonts know Windows-1252 only; a name in another script is shown with '?' rather than failing. */
    private static String printable(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char ch : s.toCharArray()) {
            b.append(java.nio.charset.Charset.forName("windows-1252").newEncoder().canEncode(ch) ? ch : '?');
        }
        return b.toString();
    }
}
