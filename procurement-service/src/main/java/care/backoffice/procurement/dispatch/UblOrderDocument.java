package care.backoffice.procurement.dispatch;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * Writes an order as a PEPPOL BIS Order 3 document (UBL 2.1 Order, transaction T01, "order only" profile),
 * which is what a supplier's PEPPOL access point or order endpoint expects. Element order follows the UBL 2.1
 * Order schema; {@link PeppolOrderValidator} checks every document before it leaves.
 */
public final class UblOrderDocument {

    public static final String CUSTOMIZATION_ID = "urn:fdc:peppol.eu:poacc:trns:order:3";
    public static final String PROFILE_ID = "urn:fdc:peppol.eu:poacc:bis:order_only:3";

    private UblOrderDocument() {}

    public record Party(String name, String endpointId, String line1, String line2, String town, String postcode,
            String countryCode) {}

    public record Line(int lineNo, String sellersItemId, String name, String unitCode, BigDecimal quantity,
            BigDecimal unitPrice, BigDecimal lineTotal) {}

    public record Order(String orderNumber, LocalDate issueDate, String buyerReference, String note, Party buyer,
            Party seller, Party delivery, List<Line> lines, BigDecimal total) {}

    public static String write(Order o) {
        StringBuilder x = new StringBuilder(2048 + o.lines().size() * 600);
        x.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<Order xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:Order-2\"")
                .append(" xmlns:cac=\"urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2\"")
                .append(" xmlns:cbc=\"urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2\">\n");
        el(x, "cbc:CustomizationID", CUSTOMIZATION_ID);
        el(x, "cbc:ProfileID", PROFILE_ID);
        el(x, "cbc:ID", o.orderNumber());
        el(x, "cbc:IssueDate", o.issueDate().toString());
        if (o.note() != null && !o.note().isBlank()) {
            el(x, "cbc:Note", o.note());
        }
        el(x, "cbc:DocumentCurrencyCode", "GBP");
        el(x, "cbc:CustomerReference", o.buyerReference());
        x.append("<cac:BuyerCustomerParty>");
        party(x, o.buyer());
        x.append("</cac:BuyerCustomerParty>\n<cac:SellerSupplierParty>");
        party(x, o.seller());
        x.append("</cac:SellerSupplierParty>\n<cac:Delivery><cac:DeliveryLocation>");
        address(x, o.delivery());
        x.append("</cac:DeliveryLocation></cac:Delivery>\n<cac:AnticipatedMonetaryTotal>");
        amount(x, "cbc:LineExtensionAmount", o.total());
        amount(x, "cbc:PayableAmount", o.total());
        x.append("</cac:AnticipatedMonetaryTotal>\n");
        for (Line l : o.lines()) {
            x.append("<cac:OrderLine><cac:LineItem>");
            el(x, "cbc:ID", Integer.toString(l.lineNo()));
            x.append("<cbc:Quantity unitCode=\"").append(esc(l.unitCode())).append("\">")
                    .append(l.quantity().stripTrailingZeros().toPlainString()).append("</cbc:Quantity>");
            amount(x, "cbc:LineExtensionAmount", l.lineTotal());
            x.append("<cac:Price>");
            amount(x, "cbc:PriceAmount", l.unitPrice());
            x.append("</cac:Price><cac:Item>");
            el(x, "cbc:Name", l.name());
            if (l.sellersItemId() != null) {
                x.append("<cac:SellersItemIdentification>");
                el(x, "cbc:ID", l.sellersItemId());
                x.append("</cac:SellersItemIdentification>");
            }
            x.append("</cac:Item></cac:LineItem></cac:OrderLine>\n");
        }
        x.append("</Order>\n");
        return x.toString();
    }

    public static final String CANCELLATION_CUSTOMIZATION_ID = "urn:fdc:peppol.eu:poacc:trns:order_cancellation:3";
    public static final String CANCELLATION_PROFILE_ID = "urn:fdc:peppol.eu:poacc:bis:advanced_ordering:3";

    /**
     * A PEPPOL Order Cancellation (UBL 2.3 OrderCancellation): tells the supplier that the team cancelled an order
     * the supplier already received.
     */
    public static String writeCancellation(String cancellationId, LocalDate issueDate, String orderNumber,
            String reason, Party buyer, Party seller) {
        StringBuilder x = new StringBuilder(1536);
        x.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<OrderCancellation xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:OrderCancellation-2\"")
                .append(" xmlns:cac=\"urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2\"")
                .append(" xmlns:cbc=\"urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2\">\n");
        el(x, "cbc:CustomizationID", CANCELLATION_CUSTOMIZATION_ID);
        el(x, "cbc:ProfileID", CANCELLATION_PROFILE_ID);
        el(x, "cbc:ID", cancellationId);
        el(x, "cbc:IssueDate", issueDate.toString());
        el(x, "cbc:CancellationNote", reason);
        x.append("<cac:OrderReference>");
        el(x, "cbc:ID", orderNumber);
        x.append("</cac:OrderReference>\n<cac:BuyerCustomerParty>");
        party(x, buyer);
        x.append("</cac:BuyerCustomerParty>\n<cac:SellerSupplierParty>");
        party(x, seller);
        x.append("</cac:SellerSupplierParty>\n</OrderCancellation>\n");
        return x.toString();
    }

    private static void party(StringBuilder x, Party p) {
        x.append("<cac:Party>");
        if (p.endpointId() != null) {
            int colon = p.endpointId().indexOf(':');
            x.append("<cbc:EndpointID schemeID=\"").append(esc(p.endpointId().substring(0, colon))).append("\">")
                    .append(esc(p.endpointId().substring(colon + 1))).append("</cbc:EndpointID>");
        }
        x.append("<cac:PartyName>");
        el(x, "cbc:Name", p.name());
        x.append("</cac:PartyName><cac:PostalAddress>");
        addressParts(x, p);
        x.append("</cac:PostalAddress><cac:PartyLegalEntity>");
        el(x, "cbc:RegistrationName", p.name());
        x.append("</cac:PartyLegalEntity></cac:Party>");
    }

    private static void address(StringBuilder x, Party p) {
        x.append("<cac:Address>");
        addressParts(x, p);
        x.append("</cac:Address>");
    }

    private static void addressParts(StringBuilder x, Party p) {
        el(x, "cbc:StreetName", p.line1());
        if (p.line2() != null && !p.line2().isBlank()) {
            el(x, "cbc:AdditionalStreetName", p.line2());
        }
        el(x, "cbc:CityName", p.town());
        el(x, "cbc:PostalZone", p.postcode());
        x.append("<cac:Country>");
        el(x, "cbc:IdentificationCode", p.countryCode());
        x.append("</cac:Country>");
    }

    private static void amount(StringBuilder x, String name, BigDecimal value) {
        x.append('<').append(name).append(" currencyID=\"GBP\">").append(value.setScale(2).toPlainString())
                .append("</").append(name).append('>');
    }

    private static void el(StringBuilder x, String name, String value) {
        x.append('<').append(name).append('>').append(esc(value)).append("</").append(name).append('>');
    }

    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                default -> {
                    // XML 1.0 forbids most control characters; a pasted description must not break the document.
                    if (c >= 0x20 || c == '\n' || c == '\t' || c == '\r') {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }
}
