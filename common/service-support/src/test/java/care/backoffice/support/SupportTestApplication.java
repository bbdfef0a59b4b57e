package care.backoffice.support;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A bare service to exercise the shared pieces on a real database. */
@SpringBootApplication
public class SupportTestApplication {}
