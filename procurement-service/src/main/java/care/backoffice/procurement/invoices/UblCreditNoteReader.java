package care.backoffice.procurement.invoices;

import static care.backoffice.procurement.invoices.UblDocuments.CAC;
import static care.backoffice.procurement.invoices.UblDocuments.child;
import static care.backoffice.procurement.invoices.UblDocuments.text;

import java.util.ArrayList;
import java.util.List;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Reads a UBL 2.1 CreditNote (PEPPOL BIS Billing 3), already checked against the rules: number, date, the
 * invoice it credits (cac:BillingReference/cac:InvoiceDocumentReference/cbc:ID), the reason (cbc:Note), the
 * amount (cbc:PayableAmount) and the lines (cbc:CreditedQuantity, price, amount, our order line).
 */
final class UblCreditNoteReader {

    record Read(CreditNoteRequest request, String sellerEndpoint) {}

    private UblCreditNoteReader() {}

    static Read read(org.w3c.dom.Document doc) {
        Element root = doc.getDocumentElement();
        Element endpoint = child(root, "cac:AccountingSupplierParty", "cac:Party", "cbc:EndpointID");
        String sellerEndpoint = endpoint == null ? null
                : endpoint.getAttribute("schemeID").trim() + ":" + endpoint.getTextContent().trim();
        List<InvoiceRequest.Line> lines = new ArrayList<>();
        for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element l && CAC.equals(l.getNamespaceURI()) && "CreditNoteLine".equals(l.getLocalName())) {
                lines.add(UblInvoiceReader.line(l, "cbc:CreditedQuantity"));
            }
        }
        return new Read(new CreditNoteRequest(null, text(root, "cbc:ID"),
                text(root, "cac:BillingReference", "cac:InvoiceDocumentReference", "cbc:ID"), text(root, "cbc:IssueDate"),
                text(root, "cac:LegalMonetaryTotal", "cbc:PayableAmount"), text(root, "cbc:Note"), lines),
                sellerEndpoint);
    }
}
