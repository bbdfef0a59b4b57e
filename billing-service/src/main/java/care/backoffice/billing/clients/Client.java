package care.backoffice.billing.clients;

import care.backoffice.billing.funders.Address;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

public record Client(String id, String name, Address address, String email, List<Funding> fundings, Instant createdAt) {

    /**
     * Who funds the client from a date (until the next funding's date, or {@code to}): the package, the funder's
     * own reference for the client (shown on invoice lines) and the authorised hours per week, if any.
     */
    public record Funding(UUID id, UUID funderId, LocalDate from, LocalDate to, String packageKind,
            String funderReference, java.math.BigDecimal authorisedHoursPerWeek, Instant createdAt, String createdBy) {}
}
