package care.backoffice.billing.documents;

import care.backoffice.billing.invoices.InvoiceDraft;
import care.backoffice.billing.invoices.InvoiceKind;
import care.backoffice.billing.invoices.InvoiceLine;
import care.backoffice.billing.invoices.Party;
import care.backoffice.billing.pricing.Money;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/** A plain, readable PDF of an invoice or credit note, for funders who take invoices by email. */
public final class PdfRenderer {

    private static final float MARGIN = 50;
    private static final float LEADING = 14;

    private PdfRenderer() {}

    public static byte[] render(InvoiceDraft d) {
        List<String[]> rows = new ArrayList<>();
        boolean invoice = d.kind() == InvoiceKind.INVOICE;
        rows.add(new String[] {(invoice ? "INVOICE " : "CREDIT NOTE ") + d.number(), ""});
        rows.add(new String[] {"Issued " + d.issueDate() + (invoice ? "   Due " + d.dueDate() : "   Credits invoice "
                + d.originalInvoiceNumber() + " of " + d.originalIssueDate()), ""});
        rows.add(new String[] {"Care delivered " + d.periodStart() + " to " + d.periodEnd(), ""});
        rows.add(new String[] {"", ""});
        rows.add(new String[] {"From: " + describe(d.seller()), ""});
        rows.add(new String[] {"To:   " + describe(d.buyer()), ""});
        if (d.purchaseOrderNumber() != null) {
            rows.add(new String[] {"Purchase order: " + d.purchaseOrderNumber(), ""});
        }
        if (d.contractReference() != null) {
            rows.add(new String[] {"Contract: " + d.contractReference(), ""});
        }
        rows.add(new String[] {"", ""});
        rows.add(new String[] {"Client / your ref / care / visits / minutes @ rate per hour", "Amount GBP"});
        for (InvoiceLine l : d.lines()) {
            rows.add(new String[] {l.clientName() + " (" + l.clientId() + ")"
                    + (l.funderReference() == null ? "" : " ref " + l.funderReference()) + " / "
                    + UblWriter.label(l.careType()) + " / " + l.visits() + " / " + l.minutes() + " min @ "
                    + Money.format(l.hourlyRate()), Money.format(l.amount())});
        }
        rows.add(new String[] {"", ""});
        rows.add(new String[] {"Net", Money.format(d.net())});
        rows.add(new String[] {d.vat().name().equals("EXEMPT") ? "VAT (exempt: VAT Act 1994 Sch. 9 Group 7)" : "VAT 20%",
                Money.format(d.vatAmount())});
        rows.add(new String[] {invoice ? "Total due" : "Total credited", Money.format(d.total())});
        if (invoice) {
            rows.add(new String[] {"Please pay within " + d.paymentTermsDays() + " days quoting " + d.number(), ""});
        }
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            int i = 0;
            while (i < rows.size()) {
                PDPage page = new PDPage(PDRectangle.A4);
                doc.addPage(page);
                float y = page.getMediaBox().getHeight() - MARGIN;
                try (PDPageContentStream s = new PDPageContentStream(doc, page)) {
                    s.setFont(font, 9);
                    while (i < rows.size() && y > MARGIN) {
                        text(s, MARGIN, y, rows.get(i)[0]);
                        text(s, page.getMediaBox().getWidth() - MARGIN - 60, y, rows.get(i)[1]);
                        y -= LEADING;
                        i++;
                    }
                }
            }
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void text(PDPageContentStream s, float x, float y, String text) throws IOException {
        if (text.isEmpty()) {
            return;
        }
        s.beginText();
        s.newLineAtOffset(x, y);
        s.showText(winAnsi(text.length() > 120 ? text.substring(0, 120) : text));
        s.endText();
    }

    /** The standard fonts only encode WinAnsi; anything else is shown as '?', never fails the document. */
    private static String winAnsi(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            b.append(c >= 0x20 && c < 0x7f || c == '£' ? c : '?');
        }
        return b.toString();
    }

    private static String describe(Party p) {
        return p.name() + ", " + p.address().line1() + ", " + p.address().city() + " " + p.address().postcode();
    }
}
