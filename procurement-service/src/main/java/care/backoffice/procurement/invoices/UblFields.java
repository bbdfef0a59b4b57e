package care.backoffice.procurement.invoices;

import care.backoffice.support.problem.InvalidRequestException;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A UBL document that passed the PEPPOL rules can still fail our own checks (a supplier we do not know, a price
 * in fractions of a penny). The sender should be told where in its document, not in our JSON field names.
 */
final class UblFields {

    private static final Pattern LINE_FIELD = Pattern.compile("lines\\[(\\d+)]\\.(\\w+)");

    private UblFields() {}

    static String invoice(String field) {
        return rename(field, "cac:InvoiceLine", "cbc:InvoicedQuantity");
    }

    static String creditNote(String field) {
        return rename(field, "cac:CreditNoteLine", "cbc:CreditedQuantity");
    }

    private static String rename(String field, String lineElement, String quantityElement) {
        Matcher m = LINE_FIELD.matcher(field);
        if (m.matches()) {
            String line = lineElement + "[" + (Integer.parseInt(m.group(1)) + 1) + "]/";
            return switch (m.group(2)) {
                case "quantity" -> line + quantityElement;
                case "unitPrice" -> line + "cac:Price/cbc:PriceAmount";
                case "lineTotal" -> line + "cbc:LineExtensionAmount";
                default -> line + m.group(2);
            };
        }
        return switch (field) {
            case "supplierId" -> "cac:AccountingSupplierParty/cac:Party/cbc:EndpointID";
            case "invoiceNumber", "creditNoteNumber" -> "cbc:ID";
            case "issueDate" -> "cbc:IssueDate";
            case "total" -> "cac:LegalMonetaryTotal/cbc:PayableAmount";
            case "lines" -> lineElement;
            case "orderNumber" -> "cac:OrderReference/cbc:ID";
            case "invoiceReference" -> "cac:BillingReference/cac:InvoiceDocumentReference/cbc:ID";
            default -> field;
        };
    }

    /** Runs a check, naming the fields of any problem it finds with {@code names}. */
    static <T> T renamed(Supplier<T> check, UnaryOperator<String> names) {
        try {
            return check.get();
        } catch (InvalidRequestException e) {
            throw new InvalidRequestException(e.status(), e.title(), e.problems().stream()
                    .map(p -> new InvalidRequestException.FieldProblem(names.apply(p.field()), p.reason())).toList());
        }
    }
}
