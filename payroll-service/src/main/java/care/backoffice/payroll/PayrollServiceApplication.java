package care.backoffice.payroll;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** People are paid: team onboarding, hours, payroll runs, payslips, payment files, RTI. */
@SpringBootApplication
public class PayrollServiceApplication {
    public static void main(String[] args) {
        SpringApplication.run(PayrollServiceApplication.class, args);
    }
}
