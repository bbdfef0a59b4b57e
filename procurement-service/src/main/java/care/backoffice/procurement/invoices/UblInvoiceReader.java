package care.backoffice.procurement.invoices;

import static care.backoffice.procurement.invoices.UblDocuments.CAC;
import static care.backoffice.procurement.invoices.UblDocuments.child;
import static care.backoffice.procurement.invoices.UblDocuments.text;

import java.util.ArrayList;
import java.util.List;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Reads a UBL 2.1 Invoice (PEPPOL BIS Billing 3), already checked against the rules, into the same request as
 * the JSON form: invoice number (cbc:ID), date, our order number (cac:OrderReference/cbc:ID), the supplier's
 * electronic address (seller cbc:EndpointID), the amount due (cbc:PayableAmount) and per line the invoiced
 * quantity, net price, line amount and our order line (cac:OrderLineReference/cbc:LineID).
 */
public final class UblInvoiceReader {

    /** What the document says, plus the supplier's electronic address "scheme:id" to find the supplier by. */
    public record Read(InvoiceRequest request, String sellerEndpoint) {}

    private UblInvoiceReader() {}

    public static Read read(org.w3c.dom.Document doc) {
        Element root = doc.getDocumentElement();
        Element endpoint = child(root, "cac:AccountingSupplierParty", "cac:Party", "cbc:EndpointID");
        String sellerEndpoint = endpoint == null ? null
                : endpoint.getAttribute("schemeID").trim() + ":" + endpoint.getTextContent().trim();
        List<InvoiceRequest.Line> lines = new ArrayList<>();
        for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element l && CAC.equals(l.getNamespaceURI()) && "InvoiceLine".equals(l.getLocalName())) {
                lines.add(line(l, "cbc:InvoicedQuantity"));
            }
        }
        return new Read(new InvoiceRequest(null, text(root, "cbc:ID"), text(root, "cac:OrderReference", "cbc:ID"),
                text(root, "cbc:IssueDate"), text(root, "cac:LegalMonetaryTotal", "cbc:PayableAmount"), lines),
                sellerEndpoint);
    }

    /** One invoice or credit note line; the quantity element is named after the document type. */
    static InvoiceRequest.Line line(Element l, String quantityElement) {
        String lineId = text(l, "cac:OrderLineReference", "cbc:LineID");
        Integer orderLineNo = lineId != null && lineId.matches("\\d{1,6}") ? Integer.valueOf(lineId) : null;
        return new InvoiceRequest.Line(orderLineNo, text(l, "cac:Item", "cbc:Name"), text(l, quantityElement),
                unitPrice(l), text(l, "cbc:LineExtensionAmount"));
    }

    /**
     * The net price of one unit. PEPPOL allows a price per base quantity (e.g. £12 per 10): that is divided out
     * here, and the line check then insists the result has whole pence, as our order prices do.
     */
    private static String unitPrice(Element l) {
        String price = text(l, "cac:Price", "cbc:PriceAmount");
        String base = text(l, "cac:Price", "cbc:BaseQuantity");
        if (price == null || base == null) {
            return price;
        }
        try {
            java.math.BigDecimal b = new java.math.BigDecimal(base);
            if (b.signum() > 0 && b.compareTo(java.math.BigDecimal.ONE) != 0) {
                return new java.math.BigDecimal(price).divide(b, java.math.MathContext.DECIMAL64)
                        .stripTrailingZeros().toPlainString();
            }
        } catch (NumberFormatException | ArithmeticException e) {
            // the rules have already checked the numbers; leave the price as written
        }
        return price;
    }
}
