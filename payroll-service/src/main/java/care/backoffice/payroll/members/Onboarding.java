package care.backoffice.payroll.members;

import care.backoffice.payroll.engine.StudentLoanCalculator;
import care.backoffice.support.problem.Problems;
import java.math.BigDecimal;
import java.text.Normalizer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The rules for a new colleague, plain Java: every bad field is named in one answer. Teams hire without asking
 * anyone, so these rules are all there is between the form and the payroll: what HMRC's FPS and Bacs will accept.
 */
final class Onboarding {

    /** Letters (any script), spaces, hyphens and apostrophes; FPS names are at most 35 characters. */
    private static final Pattern NAME = Pattern.compile("[\\p{L}][\\p{L} '\\-]{0,34}");
    /** Address lines: FPS allows 35 characters each. */
    private static final Pattern ADDRESS_LINE = Pattern.compile("[\\p{L}0-9][\\p{L}0-9 '&,./()\\-]{0,34}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+");
    /** Nobody younger than this on their first day (the school-leaving age in every UK nation). */
    static final int MINIMUM_AGE = 16;
    /** Under 21: NI category M (employer pays 0% up to the UST), reference §2.2. */
    private static final int CATEGORY_M_BELOW = 21;

    private Onboarding() {}

    static Member validate(String team, MemberRequest r, String createdBy, Instant now, LocalDate today,
            String emergencyCode) {
        Problems p = new Problems();
        name(p, "givenName", r.givenName());
        name(p, "familyName", r.familyName());
        LocalDate dob = date(p, "dateOfBirth", r.dateOfBirth());
        LocalDate start = date(p, "startDate", r.startDate());
        String ni = null;
        if (r.niNumber() == null || r.niNumber().isBlank()) {
            p.add("niNumber", "is required");
        } else {
            ni = NiNumber.parse(r.niNumber()).orElse(null);
            p.require(ni != null, "niNumber",
                    "is not a valid National Insurance number (two letters, six digits, A–D, e.g. AB123456C)");
        }
        if (dob != null && dob.isAfter(today)) {
            p.add("dateOfBirth", "is in the future");
        } else if (dob != null && start != null && dob.plusYears(MINIMUM_AGE).isAfter(start)) {
            p.add("dateOfBirth", "makes the colleague younger than " + MINIMUM_AGE + " on the start date");
        }
        String email = null;
        if (r.email() != null && !r.email().isBlank()) {
            email = r.email().strip();
            p.require(email.length() <= 254 && EMAIL.matcher(email).matches(), "email", "is not an e-mail address");
        }
        MemberRequest.Address address = address(p, r.address());
        Member.BankAccount bank = bank(p, r.bankAccount());
        String statement = null;
        if (r.starterDeclaration() != null && !r.starterDeclaration().isBlank()) {
            statement = r.starterDeclaration().strip().toUpperCase(Locale.ROOT);
            if (!Set.of("A", "B", "C").contains(statement)) {
                p.add("starterDeclaration", "must be A, B or C (HMRC starter checklist), or absent if none was given");
            }
        }
        List<String> plans = plans(p, r.studentLoanPlans());
        Member.Pay pay = PayAgreementRules.check(p, "payAgreement.", "payAgreement", r.payAgreement(), start);
        if (r.payAgreement() == null) {
            p.add("payAgreement", "is required: annualSalary with contractedWeeklyHours, or hourlyRate");
        }
        String pension = r.pension() == null || r.pension().isBlank() ? "ENROLLED" : r.pension().strip();
        p.require(Set.of("ENROLLED", "OPTED_OUT").contains(pension), "pension", "must be ENROLLED or OPTED_OUT");
        p.throwIfAny();

        StarterChecklist.TaxStart taxStart = StarterChecklist.taxStart(statement, emergencyCode);
        String niCategory = dob.plusYears(CATEGORY_M_BELOW).isAfter(start) ? "M" : "A";
        UUID id = UUID.randomUUID();
        Member.Tax tax = new Member.Tax(start, taxStart.taxCode(), taxStart.nonCumulative(), niCategory, plans,
                statement == null ? "NO_STARTER_CHECKLIST" : "STARTER_CHECKLIST_" + statement, createdBy);
        Member.Details details = new Member.Details(email, address, bank, statement, tax, pay, pension, pay.payFrequency());
        return new Member(id, team, r.givenName().strip(), r.familyName().strip(), dob, start, null, ni, createdBy,
                now, details, new Member.Login("PENDING", username(r.givenName(), r.familyName(), id)));
    }

    /**
     * The Keycloak username: given.family in plain lower-case ASCII, with the first 6 characters of the employee id so
     * that two colleagues with one name never collide and a retry finds the same login.
     */
    static String username(String given, String family, UUID id) {
        String base = ascii(given) + "." + ascii(family);
        return base + "." + id.toString().substring(0, 6);
    }

    private static String ascii(String s) {
        String n = Normalizer.normalize(s.strip().toLowerCase(Locale.ROOT), Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "").replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return n.isEmpty() ? "colleague" : n;
    }

    private static MemberRequest.Address address(Problems p, MemberRequest.Address a) {
        if (a == null) {
            p.add("address", "is required (line1, postcode; up to 4 lines)");
            return null;
        }
        String[] lines = {a.line1(), a.line2(), a.line3(), a.line4()};
        String[] clean = new String[4];
        for (int i = 0; i < 4; i++) {
            String l = lines[i];
            if (l == null || l.isBlank()) {
                if (i == 0) {
                    p.add("address.line1", "is required");
                }
                continue;
            }
            clean[i] = l.strip();
            p.require(ADDRESS_LINE.matcher(clean[i]).matches(), "address.line" + (i + 1),
                    "must be at most 35 letters, digits, spaces or ' & , . / ( ) -");
        }
        String postcode = Postcode.parse(a.postcode()).orElse(null);
        p.require(postcode != null, "address.postcode", "is not a UK postcode (e.g. LS9 8AB)");
        return new MemberRequest.Address(clean[0], clean[1], clean[2], clean[3], postcode);
    }

    private static Member.BankAccount bank(Problems p, MemberRequest.BankAccount b) {
        if (b == null) {
            p.add("bankAccount", "is required (sortCode, accountNumber, accountName): net pay is paid into it");
            return null;
        }
        String sort = BankDetails.sortCode(b.sortCode()).orElse(null);
        p.require(sort != null, "bankAccount.sortCode", "must be 6 digits (e.g. 12-34-56)");
        String account = BankDetails.accountNumber(b.accountNumber()).orElse(null);
        p.require(account != null, "bankAccount.accountNumber", "must be 8 digits");
        String name = BankDetails.accountName(b.accountName()).orElse(null);
        p.require(name != null, "bankAccount.accountName",
                "must be 1 to 18 letters, digits, spaces or . / - & , (as the bank payment file carries it)");
        return new Member.BankAccount(sort, account, name);
    }

    private static List<String> plans(Problems p, List<String> raw) {
        if (raw == null) {
            return List.of();
        }
        Set<String> out = new LinkedHashSet<>();
        for (int i = 0; i < raw.size(); i++) {
            String s = raw.get(i);
            try {
                if (!out.add(StudentLoanCalculator.Plan.valueOf(s).name())) {
                    p.add("studentLoanPlans[" + i + "]", "is given twice");
                }
            } catch (IllegalArgumentException | NullPointerException e) {
                p.add("studentLoanPlans[" + i + "]", "must be one of "
                        + java.util.Arrays.toString(StudentLoanCalculator.Plan.values()));
            }
        }
        return new ArrayList<>(out);
    }

    private static void name(Problems p, String field, String value) {
        if (value == null || value.isBlank()) {
            p.add(field, "is required");
        } else if (!NAME.matcher(value.strip()).matches()) {
            p.add(field, "must be at most 35 letters, spaces, hyphens or apostrophes, starting with a letter");
        }
    }

    static LocalDate date(Problems p, String field, String value) {
        if (value == null || value.isBlank()) {
            p.add(field, "is required");
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            p.add(field, "is not a date in the form YYYY-MM-DD");
            return null;
        }
    }
}
