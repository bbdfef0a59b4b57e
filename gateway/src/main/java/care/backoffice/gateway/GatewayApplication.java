package care.backoffice.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The one public entry point: routes /api/{billing,payroll,finance,procurement}/** to the services, checks the
 * token, caps request bodies, limits the rate per client, adds a correlation id, serves the combined API docs.
 * The services check the token again themselves: the gateway is not the only guard.
 */
@SpringBootApplication
public class GatewayApplication {
    public static void main(String[] args) {
        SpringApplication.run(GatewayApplication.class, args);
    }
}
