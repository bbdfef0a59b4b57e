package care.backoffice.procurement.dispatch;

import care.backoffice.procurement.shared.PeppolRules;
import com.helger.diver.api.coord.DVRCoordinate;
import com.helger.phive.api.execute.ValidationExecutionManager;
import com.helger.phive.api.executorset.IValidationExecutorSet;
import com.helger.phive.api.result.ValidationResultList;
import com.helger.phive.api.validity.IValidityDeterminator;
import com.helger.phive.peppol.PeppolValidation2025_11;
import com.helger.phive.xml.source.IValidationSourceXML;
import com.helger.phive.xml.source.ValidationSourceXML;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

/**
 * Checks an order document against the PEPPOL BIS Order 3 rules (UBL schema plus PEPPOL Schematron) with phive.
 * The rule set is registered once when the service starts; the first validation compiles the Schematron
 * (seconds), later ones take milliseconds, so {@link #warmUp()} runs one at start-up.
 *
 * <p>Which release: PeppolValidation2025_11 is the newest release in phive-rules-peppol 4.2.3 that contains the
 * Order transaction (the 2026_03 release only changed billing documents).
 */
public class PeppolOrderValidator {

    public static final DVRCoordinate ORDER_RULES = PeppolValidation2025_11.VID_OPENPEPPOL_ORDER_V3;

    public static final DVRCoordinate CANCELLATION_RULES = PeppolValidation2025_11.VID_OPENPEPPOL_ORDER_CANCELLATION_V3;

    private final IValidationExecutorSet<IValidationSourceXML> rules;
    private final IValidationExecutorSet<IValidationSourceXML> cancellationRules;

    public PeppolOrderValidator() {
        this.rules = PeppolRules.ruleSet(ORDER_RULES);
        this.cancellationRules = PeppolRules.ruleSet(CANCELLATION_RULES);
    }

    /** @return the errors (empty when the document is a valid PEPPOL BIS Order) */
    public List<String> errors(String xml) {
        return errors(xml, rules);
    }

    /** @return the errors of an Order Cancellation document (empty when valid) */
    public List<String> cancellationErrors(String xml) {
        return errors(xml, cancellationRules);
    }

    private static List<String> errors(String xml, IValidationExecutorSet<IValidationSourceXML> rules) {
        Document dom;
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            dom = f.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
        } catch (Exception e) {
            return List.of("not well-formed XML: " + e.getMessage());
        }
        ValidationResultList result = ValidationExecutionManager.executeValidation(
                IValidityDeterminator.createCertainOneErrorInvalid(), rules, ValidationSourceXML.create("order", dom));
        List<String> errors = new ArrayList<>();
        result.forEachFlattened(e -> e.isError(), e -> errors.add(e.getAsString(Locale.UK)));
        return errors;
    }

    /**
     * The rule a supplier outside PEPPOL cannot meet: "the seller's cbc:EndpointID MUST be provided". Such a
     * supplier (known by its order endpoint URL only) has no PEPPOL id to put there, so for it, and only for it,
     * this one rule is waived; every other BIS Order rule still applies.
     */
    public static final String SELLER_ENDPOINT_RULE = "PEPPOL-T01-B07201";

    /** @return the errors, without the seller-endpoint rule, for a supplier that is not on PEPPOL */
    public List<String> errorsForSupplierOutsidePeppol(String xml) {
        return withoutSellerEndpointRule(errors(xml));
    }

    /** The same waiver for an Order Cancellation, whose rule has another id but the same wording and place. */
    public List<String> cancellationErrorsForSupplierOutsidePeppol(String xml) {
        return withoutSellerEndpointRule(cancellationErrors(xml));
    }

    private static List<String> withoutSellerEndpointRule(List<String> errors) {
        return errors.stream().filter(e -> !(e.contains("[" + SELLER_ENDPOINT_RULE + "]")
                || (e.contains("cac:SellerSupplierParty[1]/cac:Party[1]]") && e.contains("'cbc:EndpointID' MUST be provided"))))
                .toList();
    }

    public String rulesId() {
        return ORDER_RULES.getAsSingleID();
    }
}
