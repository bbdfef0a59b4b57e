package care.backoffice.payroll.members;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * An employee as stored. {@code details} is everything personal (address, bank, tax, pay, pension): it is for the
 * colleague who added them and for the back office, not for the rest of the team.
 */
public record Member(UUID id, String team, String givenName, String familyName, LocalDate dateOfBirth,
        LocalDate startDate, LocalDate leavingDate, String niNumber, String createdBy, Instant createdAt,
        Details details, Login login) {

    public record Details(String email, MemberRequest.Address address, BankAccount bankAccount,
            String starterDeclaration, Tax tax, Pay payAgreement, String pension, String payFrequency) {}

    public record BankAccount(String sortCode, String accountNumber, String accountName) {}

    public record Tax(LocalDate effectiveFrom, String taxCode, boolean nonCumulative, String niCategory,
            List<String> studentLoanPlans, String source, String changedBy) {}

    public record Pay(LocalDate effectiveFrom, String kind, BigDecimal annualSalary, BigDecimal contractedWeeklyHours,
            BigDecimal hourlyRate, Enhancements enhancements, String payFrequency) {

        public Pay(LocalDate effectiveFrom, String kind, BigDecimal annualSalary, BigDecimal contractedWeeklyHours,
                BigDecimal hourlyRate) {
            this(effectiveFrom, kind, annualSalary, contractedWeeklyHours, hourlyRate, null, "MONTHLY");
        }
    }

    /** Percentages of the hourly rate (null: none) and the night's hours (22:00–06:00 unless set). */
    public record Enhancements(BigDecimal nightPercent, BigDecimal weekendPercent, BigDecimal bankHolidayPercent,
            java.time.LocalTime nightStart, java.time.LocalTime nightEnd) {}

    /** Whether the colleague's Keycloak login exists yet: CREATED, or PENDING while Keycloak is retried. */
    public record Login(String status, String username) {}

    /**
     * What a colleague in the same team sees: names, start and leaving dates and whether the login exists, with the
     * NI number masked to its last three characters. Full records are for the back office (payroll, RTI).
     */
    public Member forColleague() {
        return new Member(id, team, givenName, familyName, null, startDate, leavingDate,
                "******" + niNumber.substring(6), createdBy, createdAt, null, login);
    }

    Member withLogin(Login l) {
        return new Member(id, team, givenName, familyName, dateOfBirth, startDate, leavingDate, niNumber, createdBy,
                createdAt, details, l);
    }
}
