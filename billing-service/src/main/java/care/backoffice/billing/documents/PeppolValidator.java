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
import care.backoffice.billing.invoices.InvoiceDraft;
import care.backoffice.billing.invoices.InvoiceKind;
import care.backoffice.billing.invoices.InvoiceLine;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import javax.xml.parsers.DocumentBuilderFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
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

    /**
     * @param warmUpLines lines of the invoice validated at start-up after the rules are compiled, and
     * @param warmUpRounds how often: the JIT compiler then turns Saxon's paths through the rules into machine code
     * before the first run rather than during it (measured: 14 s of JIT CPU inside a 300,000-record run whose
     * validator had only seen one-line documents). In the background, like the compilation of the rules.
     */
    public PeppolValidator(@Value("${billing.peppol.warm-up-lines:300}") int warmUpLines,
            @Value("${billing.peppol.warm-up-rounds:4}") int warmUpRounds) {
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
            validate(UblWriter.write(sample(InvoiceKind.INVOICE, 1)), PeppolValidation2025_11.VID_OPENPEPPOL_INVOICE_UBL_V3);
            validate(UblWriter.write(sample(InvoiceKind.CREDIT_NOTE, 1)),
                    PeppolValidation2025_11.VID_OPENPEPPOL_CREDIT_NOTE_UBL_V3);
            log.info("PEPPOL BIS 3 rules compiled in {} ms", (System.nanoTime() - start) / 1_000_000);
            if (warmUpLines > 1) {
                start = System.nanoTime();
                String invoice = UblWriter.write(sample(InvoiceKind.INVOICE, warmUpLines));
                for (int i = 0; i < warmUpRounds; i++) {
                    validate(invoice, PeppolValidation2025_11.VID_OPENPEPPOL_INVOICE_UBL_V3);
                }
                validate(UblWriter.write(sample(InvoiceKind.CREDIT_NOTE, warmUpLines)),
                        PeppolValidation2025_11.VID_OPENPEPPOL_CREDIT_NOTE_UBL_V3);
                log.info("PEPPOL BIS 3 validation warmed up on {} lines in {} ms", warmUpLines,
                        (System.nanoTime() - start) / 1_000_000);
            }
        });
    }

    private final CompletableFuture<Void> warmUp;

    /** A valid document of each kind with the given number of lines, to compile and warm up every layer. */
    static InvoiceDraft sample(InvoiceKind kind, int lines) {
        var address = new care.backoffice.billing.funders.Address("1 Road", null, "Leeds", "LS1 1AA", "GB");
        var seller = new care.backoffice.billing.invoices.Party("Seller", address, "0088", "5000000000012", "a@b.example",
                "12345678", "GB123456789");
        var buyer = new care.backoffice.billing.invoices.Party("Buyer", address, "0088", "5012345678900", null, null, null);
        String[] types = {"PERSONAL_CARE", "NURSING_CARE", "DOMESTIC_SUPPORT", "SOCIAL_SUPPORT", "RESPITE_CARE"};
        List<InvoiceLine> rows = new ArrayList<>(lines);
        BigDecimal net = BigDecimal.ZERO.setScale(2);
        for (int i = 0; i < lines; i++) {
            BigDecimal rate = new BigDecimal("24.00").add(BigDecimal.valueOf(i % 7));
            int minutes = 60 + i % 400;
            BigDecimal amount = care.backoffice.billing.pricing.Pricing.lineAmount(rate, minutes);
            net = net.add(amount);
            rows.add(new InvoiceLine(i + 1, "team-" + i % 30, "client-" + i / 5, "Client " + i / 5, "REF-" + i / 5,
                    types[i % 5], rate, 1 + i % 20, minutes, amount));
        }
        var day = java.time.LocalDate.of(2026, 1, 31);
        boolean credit = kind == InvoiceKind.CREDIT_NOTE;
        return new InvoiceDraft(kind, "WARM-UP", day, credit ? null : day, day.withDayOfMonth(1), day,
                seller, buyer, "PO", "CON", "CON", credit ? "INV-0" : null, credit ? day : null,
                care.backoffice.billing.pricing.VatTreatment.EXEMPT, 30, rows, net,
                BigDecimal.ZERO.setScale(2), net, "GB33BUKB20201555555555", "Account");
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

        /** The DOM is built only if a layer asks for it (none of the PEPPOL layers does). */
        StreamedSource(String xml) {
            super("document", () -> parse(xml), false);
            this.xml = xml;
        }

        @Override
        public javax.xml.transform.Source getAsTransformSource() {
            return new javax.xml.transform.stream.StreamSource(new StringReader(xml), "document");
        }
    }

    private List<Violation> validate(String xml, DVRCoordinate id) {
        IValidationExecutorSet<IValidationSourceXML> set = rules.join().getOfID(id);
        // Not parsed here first: the schema layer reads the text itself and reports a document that is not
        // well-formed as a fatal error (see PeppolValidatorTest).
        ValidationResultList results = ValidationExecutionManager.executeValidation(
                IValidityDeterminator.createDefault(), set, new StreamedSource(xml), Locale.UK);
        List<Violation> violations = new ArrayList<>();
        results.forEachFlattened(e -> e.isError(), e -> violations.add(new Violation(e.getErrorID(),
                e.getErrorText(Locale.UK) + (e.getErrorFieldName() == null ? "" : " at " + e.getErrorFieldName()))));
        return violations;
    }

    private static Document parse(String xml) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return f.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
        } catch (Exception e) {
            throw new IllegalArgumentException("not well-formed XML: " + e.getMessage(), e);
        }
    }
}
