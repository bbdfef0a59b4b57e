package care.backoffice.billing.documents;

import com.helger.diver.api.coord.DVRCoordinate;
import com.helger.phive.api.execute.ValidationExecutionManager;
import com.helger.phive.api.executorset.IValidationExecutorSet;
import com.helger.phive.api.executorset.ValidationExecutorSetRegistry;
import com.helger.phive.api.result.ValidationResultList;
import com.helger.phive.api.validity.IValidityDeterminator;
import com.helger.phive.peppol.PeppolValidation2025_11;
import com.helger.phive.xml.source.IValidationSourceXML;
import com.helger.phive.xml.source.ValidationSourceXML;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import javax.xml.parsers.DocumentBuilderFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

/**
 * Validates every UBL document against the official PEPPOL BIS Billing 3.0 rules (UBL schema, EN 16931 and
 * PEPPOL Schematron, release 2025.11) before it is issued. The rules are compiled once, on a background thread
 * started with the application, because compiling them takes seconds; the first validation waits for it.
 */
@Component
public class PeppolValidator {

    private static final Logger log = LoggerFactory.getLogger(PeppolValidator.class);

    /** One broken rule: its id (e.g. BR-CO-15) and message, as the rule set words it. */
    public record Violation(String rule, String message) {
        @Override
        public String toString() {
            return (rule == null ? "" : "[" + rule + "] ") + message;
        }
    }

    private final CompletableFuture<ValidationExecutorSetRegistry<IValidationSourceXML>> rules;

    public PeppolValidator() {
        rules = CompletableFuture.supplyAsync(() -> {
            long start = System.nanoTime();
            ValidationExecutorSetRegistry<IValidationSourceXML> registry = new ValidationExecutorSetRegistry<>();
            PeppolValidation2025_11.init(registry);
            log.info("PEPPOL BIS 3 rules registered in {} ms", (System.nanoTime() - start) / 1_000_000);
            return registry;
        });
        // The rule sets compile lazily on first use (seconds each); do it now, off the request and job threads.
        warmUp = rules.thenRunAsync(() -> {
            long start = System.nanoTime();
            validate(UblWriter.write(sample(care.backoffice.billing.invoices.InvoiceKind.INVOICE)),
                    PeppolValidation2025_11.VID_OPENPEPPOL_INVOICE_UBL_V3);
            validate(UblWriter.write(sample(care.backoffice.billing.invoices.InvoiceKind.CREDIT_NOTE)),
                    PeppolValidation2025_11.VID_OPENPEPPOL_CREDIT_NOTE_UBL_V3);
            log.info("PEPPOL BIS 3 rules compiled in {} ms", (System.nanoTime() - start) / 1_000_000);
        });
    }

    private final CompletableFuture<Void> warmUp;

    /** A small document of each kind, so that every layer (schema, EN 16931, PEPPOL) is compiled and run once. */
    static care.backoffice.billing.invoices.InvoiceDraft sample(care.backoffice.billing.invoices.InvoiceKind kind) {
        var address = new care.backoffice.billing.funders.Address("1 Road", null, "Leeds", "LS1 1AA", "GB");
        var seller = new care.backoffice.billing.invoices.Party("Seller", address, "0088", "5000000000012", "a@b.example",
                "12345678", "GB123456789");
        var buyer = new care.backoffice.billing.invoices.Party("Buyer", address, "0088", "5012345678900", null, null, null);
        var amount = new java.math.BigDecimal("24.00");
        var day = java.time.LocalDate.of(2026, 1, 31);
        var line = new care.backoffice.billing.invoices.InvoiceLine(1, "team", "client", "Client", "REF",
                "PERSONAL_CARE", amount, 1, 60, amount);
        boolean credit = kind == care.backoffice.billing.invoices.InvoiceKind.CREDIT_NOTE;
        return new care.backoffice.billing.invoices.InvoiceDraft(kind, "WARM-UP", day, credit ? null : day, day, day,
                seller, buyer, "PO", "CON", "CON", credit ? "INV-0" : null, credit ? day : null,
                care.backoffice.billing.pricing.VatTreatment.EXEMPT, 30, java.util.List.of(line), amount,
                java.math.BigDecimal.ZERO.setScale(2), amount, "GB33BUKB20201555555555", "Account");
    }

    public List<Violation> validateInvoice(String xml) {
        return validate(xml, PeppolValidation2025_11.VID_OPENPEPPOL_INVOICE_UBL_V3);
    }

    public List<Violation> validateCreditNote(String xml) {
        return validate(xml, PeppolValidation2025_11.VID_OPENPEPPOL_CREDIT_NOTE_UBL_V3);
    }

    /**
     * Hands the schema and Schematron layers the text rather than the DOM: Saxon then builds its own tree, where
     * walking a W3C DOM costs a linear scan per child of the root (Xerces' node list cache), which made
     * validation grow with the square of the number of invoice lines.
     */
    static final class StreamedSource extends ValidationSourceXML {
        private final String xml;

        StreamedSource(Document dom, String xml) {
            super("document", dom, false);
            this.xml = xml;
        }

        @Override
        public javax.xml.transform.Source getAsTransformSource() {
            return new javax.xml.transform.stream.StreamSource(new StringReader(xml), "document");
        }
    }

    private List<Violation> validate(String xml, DVRCoordinate id) {
        IValidationExecutorSet<IValidationSourceXML> set = rules.join().getOfID(id);
        Document dom;
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            dom = f.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
        } catch (Exception e) {
            return List.of(new Violation("XML", "not well-formed: " + e.getMessage()));
        }
        ValidationResultList results = ValidationExecutionManager.executeValidation(
                IValidityDeterminator.createDefault(), set, new StreamedSource(dom, xml), Locale.UK);
        List<Violation> violations = new ArrayList<>();
        results.forEachFlattened(e -> e.isError(), e -> violations.add(new Violation(e.getErrorID(),
                e.getErrorText(Locale.UK) + (e.getErrorFieldName() == null ? "" : " at " + e.getErrorFieldName()))));
        return violations;
    }
}
