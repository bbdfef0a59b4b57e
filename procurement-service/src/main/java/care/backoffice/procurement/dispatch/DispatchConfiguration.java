package care.backoffice.procurement.dispatch;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;

@Configuration
public class DispatchConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DispatchConfiguration.class);

    /** The PEPPOL rules are registered once for the life of the service. */
    @Bean
    PeppolOrderValidator peppolOrderValidator() {
        return new PeppolOrderValidator();
    }

    /**
     * Compiles the Order Schematron in the background once the service is up, so the first order sent does not
     * wait seconds for it and start-up is not delayed either.
     */
    @EventListener(ApplicationReadyEvent.class)
    void warmUp(ApplicationReadyEvent event) {
        PeppolOrderValidator validator = event.getApplicationContext().getBean(PeppolOrderValidator.class);
        Thread warmUp = new Thread(() -> {
            long start = System.nanoTime();
            validator.errors("<Order xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:Order-2\"/>");
            log.info("PEPPOL Order rules {} ready in {} ms", validator.rulesId(), (System.nanoTime() - start) / 1_000_000);
        }, "peppol-rules-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
    }

    @Configuration
    @ConditionalOnProperty(name = "procurement.dispatch.scheduled", havingValue = "true", matchIfMissing = true)
    static class Schedule {

        private final SupplierDispatcher dispatcher;

        Schedule(SupplierDispatcher dispatcher) {
            this.dispatcher = dispatcher;
        }

        @Scheduled(fixedDelayString = "${procurement.dispatch.poll-interval:PT5S}", initialDelayString = "PT10S")
        void dispatch() {
            try {
                dispatcher.dispatchDue();
            } catch (RuntimeException e) {
                log.warn("Dispatch pass failed; will try again: {}", e.toString());
            }
        }
    }
}
