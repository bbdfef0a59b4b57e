package care.backoffice.payroll.runs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bank holidays of England and Wales as data: {@code /payroll/bank-holidays/england-and-wales.json}, copied from
 * GOV.UK's list (its {@code _source} field says where from). Adding a year means adding its dates there and moving
 * {@code covers.to}. A date outside the years covered is refused rather than guessed: a run would otherwise pay a
 * bank holiday at the plain rate without anyone noticing.
 *
 * <p>Colleagues working in Scotland or Northern Ireland have other bank holidays (GOV.UK's other divisions); the
 * payroll does not yet know where a colleague works, so every colleague gets England and Wales' days.
 */
public final class BankHolidays {

    private static final BankHolidays ENGLAND_AND_WALES = load("/payroll/bank-holidays/england-and-wales.json");

    private final Set<LocalDate> days;
    private final LocalDate from;
    private final LocalDate to;

    private BankHolidays(Set<LocalDate> days, LocalDate from, LocalDate to) {
        this.days = days;
        this.from = from;
        this.to = to;
    }

    public static BankHolidays englandAndWales() {
        return ENGLAND_AND_WALES;
    }

    public boolean isBankHoliday(LocalDate d) {
        if (d.isBefore(from) || d.isAfter(to)) {
            throw new IllegalStateException("bank holidays are known from " + from + " to " + to + ", not for " + d
                    + ": add the year to payroll/bank-holidays/england-and-wales.json from GOV.UK");
        }
        return days.contains(d);
    }

    private static BankHolidays load(String resource) {
        try (InputStream in = BankHolidays.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing " + resource);
            }
            JsonNode root = JsonMapper.builder().build().readTree(in);
            Set<LocalDate> days = new HashSet<>();
            for (JsonNode e : root.get("events")) {
                days.add(LocalDate.parse(e.get("date").asString()));
            }
            return new BankHolidays(Set.copyOf(days), LocalDate.parse(root.get("covers").get("from").asString()),
                    LocalDate.parse(root.get("covers").get("to").asString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
