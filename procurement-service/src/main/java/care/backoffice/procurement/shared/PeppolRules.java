package care.backoffice.procurement.shared;

import com.helger.diver.api.coord.DVRCoordinate;
import com.helger.phive.api.executorset.IValidationExecutorSet;
import com.helger.phive.api.executorset.ValidationExecutorSetRegistry;
import com.helger.phive.en16931.EN16931Validation;
import com.helger.phive.peppol.PeppolValidation;
import com.helger.phive.xml.source.IValidationSourceXML;

/**
 * The one phive registry of PEPPOL rule sets in this service: orders we send and invoices and credit notes we
 * receive are checked against it. Registering the sets reads hundreds of rule descriptions, so it happens once
 * per JVM (the holder class is initialised on first use; the service touches it at start-up). Compiling a rule
 * set's Schematron is separate and lazy inside phive; each validator warms up its own sets in the background.
 */
public final class PeppolRules {

    private PeppolRules() {}

    private static final class Holder {
        static final ValidationExecutorSetRegistry<IValidationSourceXML> REGISTRY = create();

        private static ValidationExecutorSetRegistry<IValidationSourceXML> create() {
            ValidationExecutorSetRegistry<IValidationSourceXML> registry = new ValidationExecutorSetRegistry<>();
            // The PEPPOL billing rule sets build on EN 16931, and phive refuses to register them without it.
            EN16931Validation.initEN16931(registry);
            PeppolValidation.initStandard(registry);
            return registry;
        }
    }

    /** The rule set with this id; fails at start-up, not at the first document, if the library lacks it. */
    public static IValidationExecutorSet<IValidationSourceXML> ruleSet(DVRCoordinate id) {
        IValidationExecutorSet<IValidationSourceXML> set = Holder.REGISTRY.getOfID(id);
        if (set == null) {
            throw new IllegalStateException("phive has no rule set " + id.getAsSingleID());
        }
        return set;
    }
}
