package care.backoffice.finance.exports;

import care.backoffice.finance.money.Money;
import care.backoffice.finance.statements.Table;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/** Writes a statement table as CSV (commons-csv), XLSX (fastexcel, streaming) or PDF (PDFBox). */
public final class TableExport {

    public enum Format {
        CSV("text/csv", "csv"), XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
        PDF("application/pdf", "pdf");

        public final String mediaType;
        public final String extension;

        Format(String mediaType, String extension) {
            this.mediaType = mediaType;
            this.extension = extension;
        }
    }

    private TableExport() {}

    public static void write(Table t, Format format, OutputStream out) throws IOException {
        switch (format) {
            case CSV -> csv(t, out);
            case XLSX -> xlsx(List.of(t), out);
            case PDF -> pdf(List.of(t), out);
        }
    }

    public static void csv(Table t, OutputStream out) throws IOException {
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        CSVPrinter csv = new CSVPrinter(w, CSVFormat.DEFAULT);
        csv.printRecord(t.title(), t.subtitle());
        csv.printRecord(t.columns());
        for (Table.Row r : t.rows()) {
            csv.printRecord(r.cells().stream().map(TableExport::text).toList());
        }
        csv.flush();
    }

    /** One worksheet per table; fastexcel writes rows to the stream as it goes. */
    public static void xlsx(List<Table> tables, OutputStream out) throws IOException {
        Workbook wb = new Workbook(out, "finance-service", "1.0");
        for (Table t : tables) {
            Worksheet ws = wb.newWorksheet(sheetName(t.title()));
            ws.value(0, 0, t.title());
            ws.style(0, 0).bold().set();
            ws.value(1, 0, t.subtitle());
            for (int c = 0; c < t.columns().size(); c++) {
                ws.value(3, c, t.columns().get(c));
                ws.style(3, c).bold().set();
            }
            int row = 4;
            for (Table.Row r : t.rows()) {
                for (int c = 0; c < r.cells().size(); c++) {
                    Object v = r.cells().get(c);
                    if (v instanceof BigDecimal d) {
                        ws.value(row, c, d);
                        var style = ws.style(row, c).format("#,##0.00;-#,##0.00");
                        if (r.kind() == Table.Kind.TOTAL) {
                            style = style.bold();
                        }
                        style.set();
                    } else if (v != null && !v.toString().isEmpty()) {
                        ws.value(row, c, v.toString());
                        if (r.kind() != Table.Kind.LINE) {
                            ws.style(row, c).bold().set();
                        }
                    }
                }
                row++;
            }
            ws.width(0, 55);
            ws.finish();
        }
        wb.finish();
    }

    private static String sheetName(String title) {
        String s = title.replaceAll("[\\\\/?*\\[\\]:]", " ");
        return s.length() > 31 ? s.substring(0, 31) : s;
    }

    /** A statement is at most a few hundred rows, so the PDF is laid out in memory and then written out. */
    public static void pdf(List<Table> tables, OutputStream out) throws IOException {
        PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
        PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
        try (PDDocument doc = new PDDocument()) {
            for (Table t : tables) {
                PdfPager pager = new PdfPager(doc, t);
                pager.text(t.title(), bold, 14, 0);
                pager.text(t.subtitle(), regular, 10, 0);
                pager.newLine(6);
                pager.row(t.columns().stream().map(c -> (Object) c).toList(), bold);
                for (Table.Row r : t.rows()) {
                    pager.row(r.cells(), r.kind() == Table.Kind.LINE ? regular : bold);
                }
                pager.close();
            }
            doc.save(out);
        }
    }

    static String text(Object v) {
        if (v == null) {
            return "";
        }
        return v instanceof BigDecimal d ? Money.format(d) : v.toString();
    }

    /** Places rows top to bottom, starting a new page when one is full; amounts right-aligned. */
    private static final class PdfPager {
        private static final float MARGIN = 40;
        private final PDDocument doc;
        private final Table table;
        private PDPageContentStream stream;
        private float y;
        private final float width;

        PdfPager(PDDocument doc, Table table) throws IOException {
            this.doc = doc;
            this.table = table;
            this.width = (table.columns().size() > 4 ? PDRectangle.A4.getHeight() : PDRectangle.A4.getWidth()) - 2 * MARGIN;
            newPage();
        }

        private void newPage() throws IOException {
            if (stream != null) {
                stream.close();
            }
            PDRectangle size = table.columns().size() > 4
                    ? new PDRectangle(PDRectangle.A4.getHeight(), PDRectangle.A4.getWidth()) : PDRectangle.A4;
            PDPage page = new PDPage(size);
            doc.addPage(page);
            stream = new PDPageContentStream(doc, page);
            y = size.getHeight() - MARGIN;
        }

        void newLine(float h) throws IOException {
            y -= h;
            if (y < MARGIN) {
                newPage();
            }
        }

        void text(String s, PDType1Font font, float size, float x) throws IOException {
            newLine(size + 4);
            show(s, font, size, MARGIN + x);
        }

        void row(List<Object> cells, PDType1Font font) throws IOException {
            newLine(13);
            int n = cells.size();
            float first = n <= 2 ? width * 0.7f : Math.min(width * 0.4f, width - (n - 1) * 75f);
            float rest = (width - first) / Math.max(1, n - 1);
            for (int c = 0; c < n; c++) {
                String s = TableExport.text(cells.get(c));
                float colStart = c == 0 ? 0 : first + (c - 1) * rest;
                float colWidth = c == 0 ? first : rest;
                s = fit(s, font, 9, colWidth - 4);
                float x = cells.get(c) instanceof BigDecimal
                        ? colStart + colWidth - font.getStringWidth(s) / 1000 * 9 - 4 : colStart;
                show(s, font, 9, MARGIN + x);
            }
        }

        private String fit(String s, PDType1Font font, float size, float max) throws IOException {
            s = encodable(s, font);
            while (!s.isEmpty() && font.getStringWidth(s) / 1000 * size > max) {
                s = s.substring(0, s.length() - 1);
            }
            return s;
        }

        private void show(String s, PDType1Font font, float size, float x) throws IOException {
            stream.beginText();
            stream.setFont(font, size);
            stream.newLineAtOffset(x, y);
            stream.showText(encodable(s, font));
            stream.endText();
        }

        /** The standard 14 fonts cover WinAnsi only; anything else is shown as '?'. */
        private static String encodable(String s, PDType1Font font) {
            StringBuilder b = new StringBuilder(s.length());
            s.codePoints().forEach(cp -> {
                String ch = new String(Character.toChars(cp));
                try {
                    font.encode(ch);
                    b.append(ch);
                } catch (IOException | IllegalArgumentException e) {
                    b.append('?');
                }
            });
            return b.toString();
        }

        void close() throws IOException {
            stream.close();
        }
    }
}
