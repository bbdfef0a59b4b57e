package care.backoffice.procurement.invoices;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The PEPPOL BIS Billing 3 rules as phive applies them, on documents from {@link UblBillingFixture}. */
class PeppolBillingValidatorTest {

    static PeppolBillingValidator validator;

    @BeforeAll
    static void loadRules() {
        validator = new PeppolBillingValidator();
    }

    static List<PeppolBillingValidator.Failure> invoiceFailures(String xml) {
        return validator.invoiceFailures(xml, UblDocuments.parse(xml, "Invoice"));
    }

    @Test
    void theFixturesInvoiceAndCreditNoteAreValid() {
        assertThat(invoiceFailures(UblBillingFixture.invoice("INV-1", "PO-000001")
                .line(1, "Blood pressure monitor", "EA", "2", "45.50")
                .line(2, "Nitrile gloves", "XBX", "1.5", "9.99").xml())).isEmpty();
        String credit = UblBillingFixture.creditNote("CN-1", "INV-1", "PO-000001")
                .line(1, "Blood pressure monitor", "EA", "1", "45.50").xml();
        assertThat(validator.creditNoteFailures(credit, UblDocuments.parse(credit, "CreditNote"))).isEmpty();
    }

    @Test
    void eachBrokenRuleIsReportedWithItsIdMessageAndPlace() {
        List<PeppolBillingValidator.Failure> failures = invoiceFailures(UblBillingFixture.invoice("INV-2", "PO-000001")
                .line(1, "Blood pressure monitor", "EA", "2", "45.50")
                .breakSellerName().breakPayableAmount("95.00").breakBuyerGln().breakPaymentTerms()
                .breakFirstLineAmount("90.00").xml());

        assertThat(failures).extracting(PeppolBillingValidator.Failure::rule).containsExactlyInAnyOrder(
                "BR-06", "BR-CO-16", "BR-CO-25", "PEPPOL-COMMON-R040", "PEPPOL-EN16931-R120");
        assertThat(failures).allSatisfy(f -> assertThat(f.message()).isNotBlank());
        assertThat(failures).filteredOn(f -> f.rule().equals("PEPPOL-COMMON-R040")).singleElement()
                .satisfies(f -> assertThat(f.location()).contains("AccountingCustomerParty").contains("EndpointID"));
        assertThat(failures).filteredOn(f -> f.rule().equals("BR-CO-16")).singleElement()
                .satisfies(f -> assertThat(f.location()).contains("LegalMonetaryTotal"));
        assertThat(failures).filteredOn(f -> f.rule().equals("PEPPOL-EN16931-R120")).singleElement()
                .satisfies(f -> assertThat(f.location()).contains("InvoiceLine[1]"));
    }

    @Test
    void aDocumentThatIsNotUblIsToldWhereBySchemaLineAndColumn() {
        String xml = UblBillingFixture.invoice("INV-3", "PO-000001").line(1, "Monitor", "EA", "2", "45.50").xml()
                .replace("<cbc:IssueDate>2026-11-21</cbc:IssueDate>", "<cbc:IssueDate>21/11/2026</cbc:IssueDate>");
        List<PeppolBillingValidator.Failure> failures = invoiceFailures(xml);
        assertThat(failures).isNotEmpty().allSatisfy(f -> {
            assertThat(f.rule()).isEqualTo(PeppolBillingValidator.SCHEMA_RULE);
            assertThat(f.location()).matches("line \\d+, column \\d+");
        });
        assertThat(failures).anySatisfy(f -> assertThat(f.message()).contains("21/11/2026"));
    }
}
