package care.backoffice.procurement.invoices;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Builds the PEPPOL BIS Billing 3 documents a supplier sends us (UBL 2.1 Invoice or CreditNote), written the way
 * {@code UblOrderDocument} writes our orders: element order of the UBL schema, amounts in GBP with two decimals,
 * parties with electronic address, name, postal address and legal name. The supplies are VAT-exempt (category E,
 * which needs the seller's VAT number), as most of what a care organisation buys is. Every total is derived from
 * the lines, so a default document is valid; the {@code break…} switches each break one rule on purpose.
 */
public final class UblBillingFixture {

    public record Line(int orderLineNo, String name, String unit, String quantity, String unitPrice) {
        BigDecimal amount() {
            return new BigDecimal(quantity).multiply(new BigDecimal(unitPrice)).setScale(2, RoundingMode.HALF_UP);
        }
    }

    private final boolean creditNote;
    private String number = "INV-1";
    private String issueDate = "2026-11-21";
    private String orderNumber;
    private String invoiceReference;
    private String sellerEndpoint = "0088:5012345678900";
    private String buyerEndpoint = "0088:5000000000005";
    private final List<Line> lines = new ArrayList<>();
    private String sellerLegalName = "Medi Supply Ltd";
    private BigDecimal payableOverride;
    private BigDecimal firstLineAmountOverride;
    private boolean withPaymentTerms = true;

    private UblBillingFixture(boolean creditNote) {
        this.creditNote = creditNote;
    }

    public static UblBillingFixture invoice(String number, String orderNumber) {
        UblBillingFixture f = new UblBillingFixture(false);
        f.number = number;
        f.orderNumber = orderNumber;
        return f;
    }

    /** A credit note for an invoice of ours (its number in cac:BillingReference). */
    public static UblBillingFixture creditNote(String number, String invoiceNumber, String orderNumber) {
        UblBillingFixture f = new UblBillingFixture(true);
        f.number = number;
        f.invoiceReference = invoiceNumber;
        f.orderNumber = orderNumber;
        return f;
    }

    public UblBillingFixture seller(String peppolId) {
        this.sellerEndpoint = peppolId;
        return this;
    }

    public UblBillingFixture issued(String date) {
        this.issueDate = date;
        return this;
    }

    public UblBillingFixture line(int orderLineNo, String name, String unit, String quantity, String unitPrice) {
        lines.add(new Line(orderLineNo, name, unit, quantity, unitPrice));
        return this;
    }

    /** BR-06: no seller legal name. */
    public UblBillingFixture breakSellerName() {
        sellerLegalName = null;
        return this;
    }

    /** BR-CO-16: the amount due is not the total with VAT. */
    public UblBillingFixture breakPayableAmount(String payable) {
        payableOverride = new BigDecimal(payable);
        return this;
    }

    /** PEPPOL-EN16931-R120: the first line's amount is not quantity × price (totals follow the stated amount). */
    public UblBillingFixture breakFirstLineAmount(String amount) {
        firstLineAmountOverride = new BigDecimal(amount);
        return this;
    }

    /** PEPPOL-COMMON-R040: our GLN with a wrong check digit. */
    public UblBillingFixture breakBuyerGln() {
        buyerEndpoint = "0088:5000000000006";
        return this;
    }

    /** BR-CO-25: an amount due without due date or payment terms. */
    public UblBillingFixture breakPaymentTerms() {
        withPaymentTerms = false;
        return this;
    }

    public String xml() {
        String root = creditNote ? "CreditNote" : "Invoice";
        StringBuilder x = new StringBuilder(4096);
        x.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<").append(root)
                .append(" xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:").append(root).append("-2\"")
                .append(" xmlns:cac=\"urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2\"")
                .append(" xmlns:cbc=\"urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2\">\n");
        el(x, "cbc:CustomizationID", "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0");
        el(x, "cbc:ProfileID", "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0");
        el(x, "cbc:ID", number);
        el(x, "cbc:IssueDate", issueDate);
        if (!creditNote && withPaymentTerms) {
            el(x, "cbc:DueDate", java.time.LocalDate.parse(issueDate).plusDays(30).toString());
        }
        el(x, creditNote ? "cbc:CreditNoteTypeCode" : "cbc:InvoiceTypeCode", creditNote ? "381" : "380");
        el(x, "cbc:DocumentCurrencyCode", "GBP");
        el(x, "cbc:BuyerReference", "procurement");
        if (orderNumber != null) {
            x.append("<cac:OrderReference>");
            el(x, "cbc:ID", orderNumber);
            x.append("</cac:OrderReference>\n");
        }
        if (invoiceReference != null) {
            x.append("<cac:BillingReference><cac:InvoiceDocumentReference>");
            el(x, "cbc:ID", invoiceReference);
            x.append("</cac:InvoiceDocumentReference></cac:BillingReference>\n");
        }
        x.append("<cac:AccountingSupplierParty><cac:Party>");
        endpoint(x, sellerEndpoint);
        x.append("<cac:PartyName>");
        el(x, "cbc:Name", "Medi Supply");
        x.append("</cac:PartyName>");
        address(x, "1 Market Street", "Leeds", "LS1 4AP");
        x.append("<cac:PartyTaxScheme>");
        el(x, "cbc:CompanyID", "GB123456789");
        x.append("<cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme>");
        if (sellerLegalName != null) {
            x.append("<cac:PartyLegalEntity>");
            el(x, "cbc:RegistrationName", sellerLegalName);
            x.append("</cac:PartyLegalEntity>");
        }
        x.append("</cac:Party></cac:AccountingSupplierParty>\n<cac:AccountingCustomerParty><cac:Party>");
        endpoint(x, buyerEndpoint);
        address(x, "1 Example Street", "Leeds", "LS1 1AA");
        x.append("<cac:PartyLegalEntity>");
        el(x, "cbc:RegistrationName", "Care Organisation");
        x.append("</cac:PartyLegalEntity></cac:Party></cac:AccountingCustomerParty>\n");
        if (!creditNote) {
            x.append("<cac:PaymentMeans><cbc:PaymentMeansCode>30</cbc:PaymentMeansCode><cac:PayeeFinancialAccount>");
            el(x, "cbc:ID", "55779911");
            el(x, "cbc:Name", "Medi Supply");
            x.append("<cac:FinancialInstitutionBranch><cbc:ID>200000</cbc:ID></cac:FinancialInstitutionBranch>")
                    .append("</cac:PayeeFinancialAccount></cac:PaymentMeans>\n");
            if (withPaymentTerms) {
                x.append("<cac:PaymentTerms>");
                el(x, "cbc:Note", "30 days");
                x.append("</cac:PaymentTerms>\n");
            }
        }
        BigDecimal net = BigDecimal.ZERO.setScale(2);
        for (int i = 0; i < lines.size(); i++) {
            net = net.add(lineAmount(i));
        }
        x.append("<cac:TaxTotal>");
        amount(x, "cbc:TaxAmount", BigDecimal.ZERO);
        x.append("<cac:TaxSubtotal>");
        amount(x, "cbc:TaxableAmount", net);
        amount(x, "cbc:TaxAmount", BigDecimal.ZERO);
        x.append("<cac:TaxCategory><cbc:ID>E</cbc:ID><cbc:Percent>0</cbc:Percent>");
        el(x, "cbc:TaxExemptionReason", "Exempt: supplies to a care provider");
        x.append("<cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:TaxCategory></cac:TaxSubtotal></cac:TaxTotal>\n");
        x.append("<cac:LegalMonetaryTotal>");
        amount(x, "cbc:LineExtensionAmount", net);
        amount(x, "cbc:TaxExclusiveAmount", net);
        amount(x, "cbc:TaxInclusiveAmount", net);
        amount(x, "cbc:PayableAmount", payableOverride != null ? payableOverride : net);
        x.append("</cac:LegalMonetaryTotal>\n");
        for (int i = 0; i < lines.size(); i++) {
            Line l = lines.get(i);
            String lineElement = creditNote ? "cac:CreditNoteLine" : "cac:InvoiceLine";
            x.append('<').append(lineElement).append('>');
            el(x, "cbc:ID", Integer.toString(i + 1));
            x.append(creditNote ? "<cbc:CreditedQuantity" : "<cbc:InvoicedQuantity").append(" unitCode=\"")
                    .append(l.unit()).append("\">").append(l.quantity())
                    .append(creditNote ? "</cbc:CreditedQuantity>" : "</cbc:InvoicedQuantity>");
            amount(x, "cbc:LineExtensionAmount", lineAmount(i));
            x.append("<cac:OrderLineReference>");
            el(x, "cbc:LineID", Integer.toString(l.orderLineNo()));
            x.append("</cac:OrderLineReference><cac:Item>");
            el(x, "cbc:Name", l.name());
            x.append("<cac:ClassifiedTaxCategory><cbc:ID>E</cbc:ID><cbc:Percent>0</cbc:Percent>")
                    .append("<cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:ClassifiedTaxCategory></cac:Item>")
                    .append("<cac:Price>");
            // Prices may have more decimals than amounts (PEPPOL allows it); written as given.
            x.append("<cbc:PriceAmount currencyID=\"GBP\">").append(l.unitPrice()).append("</cbc:PriceAmount>");
            x.append("</cac:Price></").append(lineElement).append(">\n");
        }
        x.append("</").append(root).append(">\n");
        return x.toString();
    }

    private BigDecimal lineAmount(int i) {
        return i == 0 && firstLineAmountOverride != null ? firstLineAmountOverride : lines.get(i).amount();
    }

    /** A GLN (GS1 global location number) with a valid check digit, so each test can have its own supplier. */
    public static String randomGln() {
        StringBuilder digits = new StringBuilder("50");
        for (int i = 0; i < 10; i++) {
            digits.append(ThreadLocalRandom.current().nextInt(10));
        }
        int sum = 0;
        for (int i = 0; i < 12; i++) {
            // GS1 check digit: weights 3 and 1 alternating from the rightmost data digit.
            sum += (digits.charAt(11 - i) - '0') * (i % 2 == 0 ? 3 : 1);
        }
        return "0088:" + digits + (10 - sum % 10) % 10;
    }

    private static void endpoint(StringBuilder x, String schemeAndId) {
        int colon = schemeAndId.indexOf(':');
        x.append("<cbc:EndpointID schemeID=\"").append(schemeAndId, 0, colon).append("\">")
                .append(schemeAndId.substring(colon + 1)).append("</cbc:EndpointID>");
    }

    private static void address(StringBuilder x, String street, String town, String postcode) {
        x.append("<cac:PostalAddress>");
        el(x, "cbc:StreetName", street);
        el(x, "cbc:CityName", town);
        el(x, "cbc:PostalZone", postcode);
        x.append("<cac:Country><cbc:IdentificationCode>GB</cbc:IdentificationCode></cac:Country></cac:PostalAddress>");
    }

    private static void amount(StringBuilder x, String name, BigDecimal value) {
        x.append('<').append(name).append(" currencyID=\"GBP\">").append(value.setScale(2).toPlainString())
                .append("</").append(name).append('>');
    }

    private static void el(StringBuilder x, String name, String value) {
        x.append('<').append(name).append('>').append(value.replace("&", "&amp;").replace("<", "&lt;"))
                .append("</").append(name).append('>');
    }
}
