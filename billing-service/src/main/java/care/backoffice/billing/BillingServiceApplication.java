package care.backoffice.billing;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Care is charged: funders, contracts, clients, care delivered, billing runs, invoices. */
@SpringBootApplication
@org.springframework.boot.context.properties.ConfigurationPropertiesScan
public class BillingServiceApplication {
    public static void main(String[] args) {
        SpringApplication.run(BillingServiceApplication.class, args);
    }
}
