package care.backoffice.payroll.members;

import java.util.List;

/**
 * A new colleague, as a team submits them. Fields are text so that every bad one can be named in one answer
 * (a date Jackson cannot parse would otherwise stop at the first).
 *
 * @param starterDeclaration HMRC starter checklist statement "A", "B" or "C"; absent when the colleague gave none
 *                           (then 0T W1/M1 until HMRC sends a code)
 * @param studentLoanPlans   PLAN_1, PLAN_2, PLAN_4, PLAN_5, POSTGRADUATE (from the checklist)
 * @param pension            ENROLLED (the default: auto-enrolment) or OPTED_OUT
 */
public record MemberRequest(String givenName, String familyName, String dateOfBirth, String startDate,
        String niNumber, String email, Address address, BankAccount bankAccount, String starterDeclaration,
        List<String> studentLoanPlans, PayAgreement payAgreement, String pension) {

    public record Address(String line1, String line2, String line3, String line4, String postcode) {}

    public record BankAccount(String sortCode, String accountNumber, String accountName) {}

    /**
     * Either annualSalary with contractedWeeklyHours, or hourlyRate; amounts as decimal strings ("28500.00").
     * {@code enhancements}: for an hourly rate only, optional. {@code payFrequency}: MONTHLY (the default), WEEKLY,
     * FORTNIGHTLY or FOUR_WEEKLY: the schedule whose runs pay the colleague.
     */
    public record PayAgreement(String annualSalary, String contractedWeeklyHours, String hourlyRate,
            Enhancements enhancements, String payFrequency) {

        public PayAgreement(String annualSalary, String contractedWeeklyHours, String hourlyRate) {
            this(annualSalary, contractedWeeklyHours, hourlyRate, null, null);
        }
    }

    /**
     * Extra pay for hours worked at night, at weekends, on bank holidays (England and Wales), as percentages of the
     * hourly rate ("25" for 25%; each optional). The night is 22:00–06:00 unless nightStart and nightEnd (HH:mm) say
     * otherwise.
     */
    public record Enhancements(String nightPercent, String weekendPercent, String bankHolidayPercent,
            String nightStart, String nightEnd) {}

    static MemberRequest empty() {
        return new MemberRequest(null, null, null, null, null, null, null, null, null, null, null, null);
    }
}
