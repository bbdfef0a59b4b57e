package care.backoffice.procurement;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Procurement without manager sign-off: suppliers, catalogue, team policy, orders, matching. */
@SpringBootApplication
@org.springframework.boot.context.properties.ConfigurationPropertiesScan
public class ProcurementServiceApplication {
    public static void main(String[] args) {
        SpringApplication.run(ProcurementServiceApplication.class, args);
    }
}
