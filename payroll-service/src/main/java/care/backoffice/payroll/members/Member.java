package care.backoffice.payroll.members;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** An employee as stored. */
public record Member(UUID id, String team, String givenName, String familyName, LocalDate dateOfBirth,
        LocalDate startDate, String niNumber, String createdBy, Instant createdAt) {

    /**
     * What a colleague in the same team sees: names and start date, but not the date of birth, and the NI
     * number masked to its last three characters. Full records are for the back office (payroll, RTI).
     */
    public Member forColleague() {
        return new Member(id, team, givenName, familyName, null, startDate, "******" + niNumber.substring(6),
                createdBy, createdAt);
    }
}
