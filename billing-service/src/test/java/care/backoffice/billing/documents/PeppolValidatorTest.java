package care.backoffice.billing.documents;

import static org.assertj.core.api.Assertions.assertThat;

import care.backoffice.billing.invoices.InvoiceKind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The official PEPPOL BIS 3 layers, fed the document's text: valid passes, broken fails with the rule's words. */
class PeppolValidatorTest {

    static final PeppolValidator VALIDATOR = new PeppolValidator(1, 0);

    @Test
    void aValidInvoiceAndCreditNoteOfManyLinesPass() {
        assertThat(VALIDATOR.validateInvoice(UblWriter.write(PeppolValidator.sample(InvoiceKind.INVOICE, 40)))).isEmpty();
        assertThat(VALIDATOR.validateCreditNote(UblWriter.write(PeppolValidator.sample(InvoiceKind.CREDIT_NOTE, 40))))
                .isEmpty();
    }

    @Test
    void aDocumentThatIsNotWellFormedXmlIsRefused() {
        String xml = UblWriter.write(PeppolValidator.sample(InvoiceKind.INVOICE, 3));
        List<PeppolValidator.Violation> violations = VALIDATOR.validateInvoice(xml.substring(0, xml.length() / 2));
        assertThat(violations).isNotEmpty();
    }

    @Test
    void aBrokenBusinessRuleIsReportedWithItsIdAndMessage() {
        String xml = UblWriter.write(PeppolValidator.sample(InvoiceKind.INVOICE, 3))
                .replaceFirst("<cbc:PayableAmount currencyID=\"GBP\">[0-9.]+<", "<cbc:PayableAmount currencyID=\"GBP\">1.00<");
        assertThat(VALIDATOR.validateInvoice(xml)).extracting(PeppolValidator.Violation::rule).contains("BR-CO-16");
    }

    @Test
    void aSchemaErrorStopsTheDocument() {
        String xml = UblWriter.write(PeppolValidator.sample(InvoiceKind.INVOICE, 3))
                .replaceFirst("<cbc:IssueDate>", "<cbc:Unexpected>x</cbc:Unexpected><cbc:IssueDate>");
        assertThat(VALIDATOR.validateInvoice(xml)).isNotEmpty();
    }
}
