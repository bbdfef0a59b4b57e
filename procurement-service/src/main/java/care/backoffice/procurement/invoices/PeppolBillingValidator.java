package care.backoffice.procurement.invoices;

import care.backoffice.procurement.shared.PeppolRules;
import care.backoffice.support.problem.ApiException;
import com.helger.base.location.ILocation;
import com.helger.diagnostics.error.IError;
import com.helger.diver.api.coord.DVRCoordinate;
import com.helger.phive.api.execute.ValidationExecutionManager;
import com.helger.phive.api.executorset.IValidationExecutorSet;
import com.helger.phive.api.result.ValidationResultList;
import com.helger.phive.api.validity.IValidityDeterminator;
import com.helger.phive.peppol.PeppolValidation2025_11;
import com.helger.phive.xml.source.IValidationSourceXML;
import com.helger.phive.xml.source.ValidationSourceXML;
import com.helger.phive.xml.xsd.ValidationExecutorXSD;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Validator;
import org.w3c.dom.Document;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXParseException;

/**
 * Checks a received supplier invoice or credit note against PEPPOL BIS Billing 3 with phive: the UBL 2.1 schema,
 * the EN 16931 rules (BR-*, BR-CO-*, BR-CL-*, …) and the PEPPOL rules (PEPPOL-EN16931-*, PEPPOL-COMMON-*), in
 * that order, all in one rule set per document type. Every failed rule is reported, not only the first.
 *
 * <p>Which release: PeppolValidation2025_11 holds the newest Invoice and CreditNote rules in phive-rules-peppol
 * 4.2.3 (its 2026_03 release only adds the self-billing variants). Rule sets are registered once per JVM
 * ({@link PeppolRules}); the first document compiles the Schematron (seconds), so {@link #warmUp()} runs at start-up.
 */
public class PeppolBillingValidator {

    public static final DVRCoordinate INVOICE_RULES = PeppolValidation2025_11.VID_OPENPEPPOL_INVOICE_UBL_V3;
    public static final DVRCoordinate CREDIT_NOTE_RULES = PeppolValidation2025_11.VID_OPENPEPPOL_CREDIT_NOTE_UBL_V3;

    /**
     * One failed rule: its id (e.g. BR-CO-15; {@link #SCHEMA_RULE} for the schema, which has no ids), the rule's own
     * message, and where in the document (the XPath the rule points at, or line:column for the schema).
     */
    public record Failure(String rule, String message, String location) {}

    /** The UBL 2.1 schema's checks have no rule ids; failures of it are reported under this one. */
    public static final String SCHEMA_RULE = "UBL-2.1-XSD";

    private final IValidationExecutorSet<IValidationSourceXML> invoiceRules;
    private final IValidationExecutorSet<IValidationSourceXML> creditNoteRules;

    public PeppolBillingValidator() {
        this.invoiceRules = PeppolRules.ruleSet(INVOICE_RULES);
        this.creditNoteRules = PeppolRules.ruleSet(CREDIT_NOTE_RULES);
    }

    /**
     * @param xml the document as received (for line numbers of schema errors)
     * @param document the same, parsed
     * @return every failed rule of a UBL Invoice (empty when it is a valid PEPPOL BIS Billing 3 invoice)
     */
    public List<Failure> invoiceFailures(String xml, Document document) {
        return failures(xml, document, invoiceRules);
    }

    /** @return every failed rule of a UBL CreditNote (empty when valid) */
    public List<Failure> creditNoteFailures(String xml, Document document) {
        return failures(xml, document, creditNoteRules);
    }

    private static List<Failure> failures(String xml, Document document,
            IValidationExecutorSet<IValidationSourceXML> rules) {
        // phive stops after the schema layer when it fails (the business rules say little about a document that is
        // not UBL), so a document with schema errors gets those first; once fixed, the business rules are shown.
        ValidationResultList result = ValidationExecutionManager.executeValidation(
                IValidityDeterminator.createCertainOneErrorInvalid(), rules,
                ValidationSourceXML.create("received", document));
        List<Failure> failures = new ArrayList<>();
        result.forEachFlattened(IError::isError, e -> failures.add(failure(e)));
        if (failures.stream().anyMatch(f -> f.location() == null)) {
            return schemaFailuresWithLines(xml, rules, failures);
        }
        return failures;
    }

    /**
     * phive checks the schema on the parsed tree, which has no line numbers. For a sender, "line 7, column 31"
     * is what finds the mistake, so schema errors are collected once more from the text, with the same schema.
     */
    private static List<Failure> schemaFailuresWithLines(String xml, IValidationExecutorSet<IValidationSourceXML> rules,
            List<Failure> failures) {
        for (var executor : rules.getAllExecutors()) {
            if (executor instanceof ValidationExecutorXSD xsd) {
                List<Failure> located = new ArrayList<>();
                try {
                    Validator validator = xsd.getSchemaProvider().get().newValidator();
                    validator.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
                    validator.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
                    validator.setErrorHandler(new ErrorHandler() {
                        @Override
                        public void warning(SAXParseException e) {}

                        @Override
                        public void error(SAXParseException e) {
                            located.add(new Failure(SCHEMA_RULE, e.getMessage(),
                                    "line " + e.getLineNumber() + ", column " + e.getColumnNumber()));
                        }

                        @Override
                        public void fatalError(SAXParseException e) {
                            error(e);
                        }
                    });
                    validator.validate(new StreamSource(new StringReader(xml)));
                } catch (Exception e) {
                    return failures;
                }
                return located.isEmpty() ? failures : located;
            }
        }
        return failures;
    }

    /**
     * The refusal of a document that breaks the rules: 400 problem+json listing every failed rule under
     * {@code errors} as {rule, message, location}; {@code field}/{@code reason} repeat location and message so
     * clients that show any problem's {field, reason} list need nothing new.
     */
    public static ApiException rejected(String documentType, DVRCoordinate rulesId, List<Failure> failures) {
        List<Map<String, Object>> errors = new ArrayList<>();
        for (Failure f : failures) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("rule", f.rule());
            e.put("message", f.message());
            e.put("location", f.location());
            e.put("field", f.location() == null ? "body" : f.location());
            e.put("reason", "[" + f.rule() + "] " + f.message());
            errors.add(e);
        }
        return new ApiException(400, "The " + documentType + " breaks PEPPOL BIS Billing 3 rules",
                failures.size() + " rule(s) failed: " + String.join(", ",
                        failures.stream().map(Failure::rule).distinct().toList())
                        + ". Nothing was recorded; send a corrected document.",
                Map.of("rules", rulesId.getAsSingleID(), "errors", errors));
    }

    private static Failure failure(IError e) {
        String location = e.getErrorFieldName();
        if (location == null || location.isBlank()) {
            ILocation at = e.getErrorLocation();
            location = at != null && at.hasLineNumber() ? "line " + at.getLineNumber()
                    + (at.hasColumnNumber() ? ", column " + at.getColumnNumber() : "") : null;
        }
        String rule = e.getErrorID() == null || e.getErrorID().isBlank() ? SCHEMA_RULE : e.getErrorID();
        String message = e.getErrorText(Locale.UK);
        return new Failure(rule, message == null ? e.getAsString(Locale.UK) : message.trim(), location);
    }

    /** Compiles both rule sets, so the first supplier document does not wait seconds for it. */
    public void warmUp() {
        try {
            // Only the Schematron layers are compiled lazily; running them directly on any document compiles them
            // (the full set would stop at the schema layer for an empty document and compile nothing).
            Document empty = UblDocuments.parse("<Invoice xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:Invoice-2\"/>");
            for (var rules : List.of(invoiceRules, creditNoteRules)) {
                for (var executor : rules.getAllExecutors()) {
                    if (!(executor instanceof ValidationExecutorXSD)) {
                        executor.applyValidation(ValidationSourceXML.create("warm-up", empty),
                                IValidityDeterminator.createCertainOneErrorInvalid(), Locale.UK);
                    }
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("PEPPOL billing rules could not be warmed up", e);
        }
    }
}
