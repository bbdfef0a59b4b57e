package care.backoffice.payroll.calculator;

import care.backoffice.payroll.engine.EngineInputException;
import care.backoffice.payroll.engine.PayFrequency;
import care.backoffice.payroll.engine.TaxYearParameters;
import care.backoffice.payroll.engine.TaxYears;
import care.backoffice.support.problem.InvalidRequestException;
import care.backoffice.support.problem.Problems;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/** Reads request fields, collecting a problem for every bad one so one answer names them all. */
final class Fields {

    /** Amounts: pounds with at most two decimals, as JSON strings (numbers are accepted too). */
    private static final Pattern MONEY = Pattern.compile("-?\\d{1,12}(\\.\\d{1,2})?");
    private static final Pattern RATE = Pattern.compile("\\d{1,3}(\\.\\d{1,6})?");

    final Problems problems = new Problems();

    TaxYearParameters taxYear(String field, String value) {
        if (value == null || value.isBlank()) {
            problems.add(field, "is required (e.g. 2026-27)");
            return null;
        }
        var year = TaxYears.find(value.strip());
        if (year.isEmpty()) {
            problems.add(field, "is not a tax year the engine has parameters for (e.g. 2025-26, 2026-27)");
            return null;
        }
        return year.get();
    }

    PayFrequency frequency(String field, String value) {
        if (value == null || value.isBlank()) {
            problems.add(field, "is required (WEEKLY, FORTNIGHTLY, FOUR_WEEKLY or MONTHLY)");
            return null;
        }
        try {
            return PayFrequency.valueOf(value.strip());
        } catch (IllegalArgumentException e) {
            problems.add(field, "must be WEEKLY, FORTNIGHTLY, FOUR_WEEKLY or MONTHLY");
            return null;
        }
    }

    Integer period(String field, Integer value, PayFrequency f) {
        if (value == null) {
            problems.add(field, "is required");
            return null;
        }
        int max = f == null ? 53 : f.maxPeriod();
        if (value < 1 || value > max) {
            problems.add(field, "must be 1 to " + max + (f == null ? "" : " for " + f));
            return null;
        }
        return value;
    }

    BigDecimal money(String field, String value, boolean required, boolean mayBeNegative) {
        if (value == null || value.isBlank()) {
            if (required) {
                problems.add(field, "is required (an amount such as \"1234.50\")");
            }
            return null;
        }
        if (!MONEY.matcher(value.strip()).matches()) {
            problems.add(field, "must be an amount in pounds with at most two decimals, such as \"1234.50\"");
            return null;
        }
        BigDecimal v = new BigDecimal(value.strip()).setScale(2);
        if (!mayBeNegative && v.signum() < 0) {
            problems.add(field, "must not be negative");
            return null;
        }
        return v;
    }

    BigDecimal rate(String field, String value) {
        if (value == null || value.isBlank()) {
            problems.add(field, "is required (a fraction such as \"0.05\" for 5%)");
            return null;
        }
        if (!RATE.matcher(value.strip()).matches() || new BigDecimal(value.strip()).compareTo(BigDecimal.ONE) > 0) {
            problems.add(field, "must be a fraction from 0 to 1, such as \"0.05\" for 5%");
            return null;
        }
        return new BigDecimal(value.strip());
    }

    <E extends Enum<E>> E oneOf(String field, String value, Class<E> type, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                problems.add(field, "is required (one of " + java.util.Arrays.toString(type.getEnumConstants()) + ")");
            }
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip());
        } catch (IllegalArgumentException e) {
            problems.add(field, "must be one of " + java.util.Arrays.toString(type.getEnumConstants()));
            return null;
        }
    }

    int count(String field, Integer value, int min, int max) {
        if (value == null) {
            problems.add(field, "is required");
            return min;
        }
        if (value < min || value > max) {
            problems.add(field, "must be " + min + " to " + max);
        }
        return value;
    }

    LocalDate date(String field, String value) {
        if (value == null || value.isBlank()) {
            problems.add(field, "is required (YYYY-MM-DD)");
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            problems.add(field, "is not a date in the form YYYY-MM-DD");
            return null;
        }
    }

    void throwIfAny() {
        problems.throwIfAny();
    }

    /** The engine's refusals, as the 400 problem+json every service answers with. */
    static InvalidRequestException invalid(EngineInputException e) {
        return new InvalidRequestException(e.problems().stream()
                .map(p -> new InvalidRequestException.FieldProblem(p.field(), p.reason())).toList());
    }
}
