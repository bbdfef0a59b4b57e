package care.backoffice.payroll.members;

/**
 * A new colleague, as a team submits them. Fields are text so that every bad one can be named in one answer
 * (a date Jackson cannot parse would otherwise stop at the first). Issue 5 adds address, bank details, starter
 * declaration, loan plans, pay agreement and pension choice.
 */
public record MemberRequest(String givenName, String familyName, String dateOfBirth, String startDate,
        String niNumber) {}
