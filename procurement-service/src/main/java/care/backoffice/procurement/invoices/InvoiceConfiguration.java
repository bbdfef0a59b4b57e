package care.backoffice.procurement.invoices;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

@Configuration
class InvoiceConfiguration {

    private static final Logger log = LoggerFactory.getLogger(InvoiceConfiguration.class);

    /** The PEPPOL BIS Billing 3 rules are registered once, when the service starts. */
    @Bean
    PeppolBillingValidator peppolBillingValidator() {
        return new PeppolBillingValidator();
    }

    /**
     * Compiles the invoice and credit note Schematron (EN 16931 and PEPPOL, several seconds) in the background
     * once the service is up, so neither start-up nor the first supplier's document waits for it.
     */
    @EventListener(ApplicationReadyEvent.class)
    void warmUp(ApplicationReadyEvent event) {
        PeppolBillingValidator validator = event.getApplicationContext().getBean(PeppolBillingValidator.class);
        Thread warmUp = new Thread(() -> {
            long start = System.nanoTime();
            try {
                validator.warmUp();
                log.info("PEPPOL billing rules {} ready in {} ms",
                        PeppolBillingValidator.INVOICE_RULES.getAsSingleID(), (System.nanoTime() - start) / 1_000_000);
            } catch (RuntimeException e) {
                log.warn("PEPPOL billing rules not warmed up; the first document will compile them: {}", e.toString());
            }
        }, "peppol-billing-rules-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
    }
}
