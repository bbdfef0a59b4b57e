package care.backoffice.payroll.members;

import care.backoffice.support.problem.Problems;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * What a pay agreement may say, plain Java, used by onboarding and by a later change of agreement: a salary with
 * contracted weekly hours, or an hourly rate; for an hourly rate, enhancements for nights, weekends and bank holidays.
 */
final class PayAgreementRules {

    private static final Pattern MONEY = Pattern.compile("\\d{1,13}(\\.\\d{1,2})?");
    private static final Pattern HOURS = Pattern.compile("\\d{1,2}(\\.\\d{1,2})?");
    private static final Pattern PERCENT = Pattern.compile("\\d{1,3}(\\.\\d{1,2})?");
    /** The Working Time Regulations' 48 hours can be opted out of; 60 a week is the most a contract here sets. */
    private static final BigDecimal MAX_WEEKLY_HOURS = new BigDecimal("60");
    /** Triple time on a bank holiday is generous; more than 200% extra is a typing error. */
    private static final BigDecimal MAX_ENHANCEMENT = new BigDecimal("200");
    /** The schedules a run pays (engine PayFrequency names). */
    static final java.util.List<String> FREQUENCIES = java.util.List.of("MONTHLY", "WEEKLY", "FORTNIGHTLY", "FOUR_WEEKLY");

    private PayAgreementRules() {}

    /**
     * @param prefix    field names' prefix ("payAgreement." at onboarding, "" for a change of agreement)
     * @param whole     the field that names the agreement as a whole
     * @return the agreement, or null when it is missing or its shape is wrong (the problem is noted)
     */
    static Member.Pay check(Problems p, String prefix, String whole, MemberRequest.PayAgreement a, LocalDate from) {
        if (a == null) {
            return null;
        }
        boolean salaried = a.annualSalary() != null || a.contractedWeeklyHours() != null;
        boolean hourly = a.hourlyRate() != null;
        if (salaried == hourly) {
            p.add(whole, "give either annualSalary with contractedWeeklyHours, or hourlyRate");
            return null;
        }
        String frequency = "MONTHLY";
        if (a.payFrequency() != null) {
            frequency = a.payFrequency().strip();
            p.require(FREQUENCIES.contains(frequency), prefix + "payFrequency", "must be one of " + FREQUENCIES);
        }
        if (hourly) {
            BigDecimal rate = money(p, prefix + "hourlyRate", a.hourlyRate());
            return new Member.Pay(from, "HOURLY", null, null, rate, enhancements(p, prefix + "enhancements.",
                    a.enhancements()), frequency);
        }
        p.require(a.enhancements() == null, prefix + "enhancements",
                "apply to hourly agreements: a salary pays the contracted hours, whenever they are worked");
        BigDecimal salary = money(p, prefix + "annualSalary", a.annualSalary());
        BigDecimal hours = null;
        if (a.contractedWeeklyHours() == null || !HOURS.matcher(a.contractedWeeklyHours().strip()).matches()) {
            p.add(prefix + "contractedWeeklyHours", "is required for a salary: hours a week, e.g. 37.5");
        } else {
            hours = new BigDecimal(a.contractedWeeklyHours().strip()).setScale(2);
            p.require(hours.signum() > 0 && hours.compareTo(MAX_WEEKLY_HOURS) <= 0,
                    prefix + "contractedWeeklyHours", "must be more than 0 and at most " + MAX_WEEKLY_HOURS);
        }
        return new Member.Pay(from, "SALARIED", salary, hours, null, null, frequency);
    }

    private static Member.Enhancements enhancements(Problems p, String prefix, MemberRequest.Enhancements e) {
        if (e == null) {
            return null;
        }
        BigDecimal night = percent(p, prefix + "nightPercent", e.nightPercent());
        BigDecimal weekend = percent(p, prefix + "weekendPercent", e.weekendPercent());
        BigDecimal bankHoliday = percent(p, prefix + "bankHolidayPercent", e.bankHolidayPercent());
        LocalTime start = time(p, prefix + "nightStart", e.nightStart());
        LocalTime end = time(p, prefix + "nightEnd", e.nightEnd());
        if ((e.nightStart() == null) != (e.nightEnd() == null)) {
            p.add(prefix + (e.nightStart() == null ? "nightStart" : "nightEnd"),
                    "give both nightStart and nightEnd, or neither (22:00–06:00)");
        } else if (start != null && start.equals(end)) {
            p.add(prefix + "nightEnd", "must differ from nightStart");
        }
        return new Member.Enhancements(night, weekend, bankHoliday, start, end);
    }

    private static BigDecimal percent(Problems p, String field, String text) {
        if (text == null) {
            return null;
        }
        if (!PERCENT.matcher(text.strip()).matches()) {
            p.add(field, "must be a percentage of the hourly rate with at most 2 decimals, e.g. \"25\" for 25%");
            return null;
        }
        BigDecimal v = new BigDecimal(text.strip()).setScale(2);
        p.require(v.signum() > 0 && v.compareTo(MAX_ENHANCEMENT) <= 0, field, "must be more than 0 and at most "
                + MAX_ENHANCEMENT);
        return v;
    }

    private static LocalTime time(Problems p, String field, String text) {
        if (text == null) {
            return null;
        }
        try {
            return LocalTime.parse(text.strip());
        } catch (DateTimeParseException x) {
            p.add(field, "must be a time as HH:mm");
            return null;
        }
    }

    static BigDecimal money(Problems p, String field, String text) {
        if (text == null || !MONEY.matcher(text.strip()).matches()) {
            p.add(field, "must be an amount in pounds with at most 2 decimals, e.g. \"28500.00\"");
            return null;
        }
        BigDecimal v = new BigDecimal(text.strip()).setScale(2);
        p.require(v.signum() > 0, field, "must be more than 0");
        return v;
    }
}
