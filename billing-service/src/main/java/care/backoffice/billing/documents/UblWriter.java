package care.backoffice.billing.documents;

import care.backoffice.billing.care.CareType;
import care.backoffice.billing.invoices.InvoiceDraft;
import care.backoffice.billing.invoices.InvoiceKind;
import care.backoffice.billing.invoices.InvoiceLine;
import care.backoffice.billing.invoices.Party;
import care.backoffice.billing.pricing.Money;
import care.backoffice.billing.pricing.VatTreatment;
import java.math.BigDecimal;

/**
 * PEPPOL BIS Billing 3.0 (UBL 2.1) Invoice and CreditNote. Elements are written in the order the UBL 2.1 schema
 * demands; the business rules are checked afterwards by {@link PeppolValidator}, never assumed.
 *
 * <p>Quantities are minutes (UN/ECE Rec 20 code MIN) and the price is per 60 minutes (BT-149 base quantity), so
 * each line is exactly quantity × price / base quantity, as PEPPOL-EN16931-R120 checks.
 */
public final class UblWriter {

    static final String CUSTOMIZATION = "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0";
    static final String PROFILE = "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0";
    /** VAT Act 1994, Schedule 9, Group 7: welfare services and health care are exempt. */
    static final String EXEMPTION_REASON = "Exempt: VAT Act 1994 Schedule 9 Group 7 (health and welfare)";

    private UblWriter() {}

    public static String write(InvoiceDraft d) {
        boolean invoice = d.kind() == InvoiceKind.INVOICE;
        String root = invoice ? "Invoice" : "CreditNote";
        StringBuilder x = new StringBuilder(4096 + d.lines().size() * 900);
        x.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<").append(root)
                .append(" xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:").append(root).append("-2\"")
                .append(" xmlns:cac=\"urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2\"")
                .append(" xmlns:cbc=\"urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2\">\n");
        cbc(x, "CustomizationID", CUSTOMIZATION);
        cbc(x, "ProfileID", PROFILE);
        cbc(x, "ID", d.number());
        cbc(x, "IssueDate", d.issueDate().toString());
        if (invoice) {
            cbc(x, "DueDate", d.dueDate().toString());
            cbc(x, "InvoiceTypeCode", "380");
        } else {
            cbc(x, "CreditNoteTypeCode", "381");
        }
        cbc(x, "Note", invoice ? "Care delivered " + d.periodStart() + " to " + d.periodEnd()
                : "Credit for care amended or withdrawn after invoice " + d.originalInvoiceNumber());
        cbc(x, "DocumentCurrencyCode", "GBP");
        cbc(x, "BuyerReference", d.buyerReference());
        x.append("<cac:InvoicePeriod>");
        cbc(x, "StartDate", d.periodStart().toString());
        cbc(x, "EndDate", d.periodEnd().toString());
        x.append("</cac:InvoicePeriod>\n");
        if (notBlank(d.purchaseOrderNumber())) {
            x.append("<cac:OrderReference>");
            cbc(x, "ID", d.purchaseOrderNumber());
            x.append("</cac:OrderReference>\n");
        }
        if (!invoice) {
            x.append("<cac:BillingReference><cac:InvoiceDocumentReference>");
            cbc(x, "ID", d.originalInvoiceNumber());
            cbc(x, "IssueDate", d.originalIssueDate().toString());
            x.append("</cac:InvoiceDocumentReference></cac:BillingReference>\n");
        }
        if (notBlank(d.contractReference())) {
            x.append("<cac:ContractDocumentReference>");
            cbc(x, "ID", d.contractReference());
            x.append("</cac:ContractDocumentReference>\n");
        }
        party(x, "AccountingSupplierParty", d.seller(), true);
        party(x, "AccountingCustomerParty", d.buyer(), false);
        x.append("<cac:PaymentMeans>");
        cbc(x, "PaymentMeansCode", "30");
        cbc(x, "PaymentID", d.number());
        x.append("<cac:PayeeFinancialAccount>");
        cbc(x, "ID", d.bankAccount());
        cbc(x, "Name", d.bankAccountName());
        x.append("</cac:PayeeFinancialAccount>");
        x.append("</cac:PaymentMeans>\n");
        if (invoice) {
            x.append("<cac:PaymentTerms>");
            cbc(x, "Note", "Payment within " + d.paymentTermsDays() + " days of the invoice date");
            x.append("</cac:PaymentTerms>\n");
        }
        x.append("<cac:TaxTotal>");
        amount(x, "TaxAmount", d.vatAmount());
        x.append("<cac:TaxSubtotal>");
        amount(x, "TaxableAmount", d.net());
        amount(x, "TaxAmount", d.vatAmount());
        taxCategory(x, "TaxCategory", d.vat(), true);
        x.append("</cac:TaxSubtotal></cac:TaxTotal>\n");
        x.append("<cac:LegalMonetaryTotal>");
        amount(x, "LineExtensionAmount", d.net());
        amount(x, "TaxExclusiveAmount", d.net());
        amount(x, "TaxInclusiveAmount", d.total());
        amount(x, "PayableAmount", d.total());
        x.append("</cac:LegalMonetaryTotal>\n");
        for (InvoiceLine l : d.lines()) {
            x.append("<cac:").append(invoice ? "InvoiceLine" : "CreditNoteLine").append(">");
            cbc(x, "ID", Integer.toString(l.lineNo()));
            cbc(x, "Note", "Client " + l.clientId() + (notBlank(l.funderReference()) ? ", your ref " + l.funderReference() : "")
                    + ", " + l.visits() + " visit(s), team " + l.team());
            x.append("<cbc:").append(invoice ? "InvoicedQuantity" : "CreditedQuantity").append(" unitCode=\"MIN\">")
                    .append(l.minutes()).append("</cbc:").append(invoice ? "InvoicedQuantity" : "CreditedQuantity").append(">");
            amount(x, "LineExtensionAmount", l.amount());
            x.append("<cac:Item>");
            cbc(x, "Description", "Care for " + l.clientName() + " (" + l.clientId() + ")");
            cbc(x, "Name", label(l.careType()));
            x.append("<cac:SellersItemIdentification>");
            cbc(x, "ID", l.careType());
            x.append("</cac:SellersItemIdentification>");
            taxCategory(x, "ClassifiedTaxCategory", d.vat(), false);
            x.append("</cac:Item><cac:Price>");
            amount(x, "PriceAmount", l.hourlyRate());
            x.append("<cbc:BaseQuantity unitCode=\"MIN\">60</cbc:BaseQuantity></cac:Price>");
            x.append("</cac:").append(invoice ? "InvoiceLine" : "CreditNoteLine").append(">\n");
        }
        x.append("</").append(root).append(">\n");
        return x.toString();
    }

    private static void party(StringBuilder x, String role, Party p, boolean seller) {
        x.append("<cac:").append(role).append("><cac:Party>");
        x.append("<cbc:EndpointID schemeID=\"").append(esc(p.endpointScheme())).append("\">").append(esc(p.endpointId()))
                .append("</cbc:EndpointID>");
        x.append("<cac:PartyName>");
        cbc(x, "Name", p.name());
        x.append("</cac:PartyName><cac:PostalAddress>");
        cbc(x, "StreetName", p.address().line1());
        if (notBlank(p.address().line2())) {
            cbc(x, "AdditionalStreetName", p.address().line2());
        }
        cbc(x, "CityName", p.address().city());
        cbc(x, "PostalZone", p.address().postcode());
        x.append("<cac:Country>");
        cbc(x, "IdentificationCode", p.address().countryCode() == null ? "GB" : p.address().countryCode());
        x.append("</cac:Country></cac:PostalAddress>");
        if (notBlank(p.vatNumber())) {
            x.append("<cac:PartyTaxScheme>");
            cbc(x, "CompanyID", p.vatNumber());
            x.append("<cac:TaxScheme>");
            cbc(x, "ID", "VAT");
            x.append("</cac:TaxScheme></cac:PartyTaxScheme>");
        }
        x.append("<cac:PartyLegalEntity>");
        cbc(x, "RegistrationName", p.name());
        if (notBlank(p.companyNumber())) {
            cbc(x, "CompanyID", p.companyNumber());
        }
        x.append("</cac:PartyLegalEntity>");
        if (seller && notBlank(p.email())) {
            x.append("<cac:Contact>");
            cbc(x, "ElectronicMail", p.email());
            x.append("</cac:Contact>");
        }
        x.append("</cac:Party></cac:").append(role).append(">\n");
    }

    private static void taxCategory(StringBuilder x, String element, VatTreatment vat, boolean withReason) {
        x.append("<cac:").append(element).append(">");
        if (vat == VatTreatment.STANDARD) {
            cbc(x, "ID", "S");
            cbc(x, "Percent", "20");
        } else {
            cbc(x, "ID", "E");
            cbc(x, "Percent", "0");
            if (withReason) {
                cbc(x, "TaxExemptionReason", EXEMPTION_REASON);
            }
        }
        x.append("<cac:TaxScheme>");
        cbc(x, "ID", "VAT");
        x.append("</cac:TaxScheme></cac:").append(element).append(">");
    }

    private static void amount(StringBuilder x, String element, BigDecimal value) {
        x.append("<cbc:").append(element).append(" currencyID=\"GBP\">").append(Money.format(value))
                .append("</cbc:").append(element).append(">");
    }

    private static void cbc(StringBuilder x, String element, String value) {
        x.append("<cbc:").append(element).append(">").append(esc(value)).append("</cbc:").append(element).append(">");
    }

    static String label(String careType) {
        return CareType.isValid(careType) ? CareType.valueOf(careType).label() : careType;
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                default -> {
                    if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }
}
