package care.backoffice.procurement.invoices;

import care.backoffice.support.problem.InvalidRequestException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * Reads the parts of a UBL 2.1 Invoice (PEPPOL BIS Billing 3) that matching needs: number, date, our order
 * reference, the supplier's endpoint id, the payable amount and the lines with their order-line references.
 */
public final class UblInvoiceReader {

    static final String CBC = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2";
    static final String CAC = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2";

    private UblInvoiceReader() {}

    /** @param supplierByEndpoint finds our supplier id for "scheme:id", or null */
    public static InvoiceRequest read(String xml, Function<String, String> supplierByEndpoint) {
        Document doc;
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            doc = f.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
        } catch (Exception e) {
            throw InvalidRequestException.of("body", "is not a well-formed UBL Invoice: " + e.getMessage());
        }
        Element root = doc.getDocumentElement();
        if (!"Invoice".equals(root.getLocalName())) {
            throw InvalidRequestException.of("body", "must be a UBL Invoice document");
        }
        String supplierId = null;
        Element supplierParty = child(root, CAC, "AccountingSupplierParty");
        Element party = supplierParty == null ? null : child(supplierParty, CAC, "Party");
        Element endpoint = party == null ? null : child(party, CBC, "EndpointID");
        if (endpoint != null) {
            supplierId = supplierByEndpoint.apply(endpoint.getAttribute("schemeID") + ":" + endpoint.getTextContent().trim());
        }
        Element orderRef = child(root, CAC, "OrderReference");
        Element monetary = child(root, CAC, "LegalMonetaryTotal");
        List<InvoiceRequest.Line> lines = new ArrayList<>();
        NodeList nodes = root.getElementsByTagNameNS(CAC, "InvoiceLine");
        for (int i = 0; i < nodes.getLength(); i++) {
            Element l = (Element) nodes.item(i);
            Element item = child(l, CAC, "Item");
            Element price = child(l, CAC, "Price");
            Element olr = child(l, CAC, "OrderLineReference");
            Integer orderLineNo = null;
            String lineId = olr == null ? null : text(olr, CBC, "LineID");
            if (lineId != null && lineId.matches("\\d{1,6}")) {
                orderLineNo = Integer.valueOf(lineId);
            }
            lines.add(new InvoiceRequest.Line(orderLineNo, item == null ? null : text(item, CBC, "Name"),
                    text(l, CBC, "InvoicedQuantity"), price == null ? null : text(price, CBC, "PriceAmount"),
                    text(l, CBC, "LineExtensionAmount")));
        }
        return new InvoiceRequest(supplierId, text(root, CBC, "ID"), orderRef == null ? null : text(orderRef, CBC, "ID"),
                text(root, CBC, "IssueDate"), monetary == null ? null : text(monetary, CBC, "PayableAmount"), lines);
    }

    private static Element child(Element parent, String ns, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && ns.equals(e.getNamespaceURI()) && name.equals(e.getLocalName())) {
                return e;
            }
        }
        return null;
    }

    private static String text(Element parent, String ns, String name) {
        Element e = child(parent, ns, name);
        return e == null ? null : e.getTextContent().trim();
    }
}
