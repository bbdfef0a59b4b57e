package care.backoffice.procurement.invoices;

import care.backoffice.support.problem.InvalidRequestException;
import java.io.StringReader;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

/** Reading UBL documents that suppliers send: parsed once, safely, then validated and read from the same tree. */
final class UblDocuments {

    static final String CBC = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2";
    static final String CAC = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2";

    /** The largest document accepted: a 1,000-line invoice is about 1 MB. */
    static final int MAX_CHARS = 5_000_000;

    private UblDocuments() {}

    /** Parses an untrusted document: no DOCTYPE (so no external entities, no entity expansion bombs). */
    static Document parse(String xml) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setExpandEntityReferences(false);
            return f.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
        } catch (Exception e) {
            throw InvalidRequestException.of("body", "is not well-formed XML: " + e.getMessage());
        }
    }

    /** Parses and checks that the root element is the expected UBL document, e.g. Invoice or CreditNote. */
    static Document parse(String xml, String rootName) {
        if (xml == null || xml.isBlank()) {
            throw InvalidRequestException.of("body", "is empty: send a UBL " + rootName + " document");
        }
        if (xml.length() > MAX_CHARS) {
            throw InvalidRequestException.of("body", "is larger than 5 MB");
        }
        Document doc = parse(xml);
        Element root = doc.getDocumentElement();
        String ns = "urn:oasis:names:specification:ubl:schema:xsd:" + rootName + "-2";
        if (!rootName.equals(root.getLocalName()) || !ns.equals(root.getNamespaceURI())) {
            throw InvalidRequestException.of("body", "must be a UBL " + rootName + " document (root element "
                    + rootName + " in namespace " + ns + "), not " + root.getLocalName());
        }
        return doc;
    }

    static Element child(Element parent, String ns, String name) {
        if (parent == null) {
            return null;
        }
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && ns.equals(e.getNamespaceURI()) && name.equals(e.getLocalName())) {
                return e;
            }
        }
        return null;
    }

    static Element child(Element parent, String... path) {
        Element e = parent;
        for (String step : path) {
            int colon = step.indexOf(':');
            e = child(e, step.startsWith("cbc:") ? CBC : CAC, step.substring(colon + 1));
        }
        return e;
    }

    static String text(Element parent, String... path) {
        Element e = child(parent, path);
        return e == null ? null : e.getTextContent().trim();
    }
}
