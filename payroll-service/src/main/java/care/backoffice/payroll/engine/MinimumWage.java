package care.backoffice.payroll.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The National Minimum Wage and National Living Wage as data ({@code /payroll/minimum-wage.json}, with its source),
 * and the check a run makes of an hourly rate. Plain Java.
 *
 * <ul>
 * <li>Rates change on 1 April (not 6 April): a pay reference period uses the rates in force on its first day.</li>
 * <li>The rate for a worker's age applies from the start of a pay reference period; a birthday inside the period
 * moves them to the next age band from the next period (GOV.UK "National Minimum Wage and Living Wage rates":
 * "the rate … from the start of the next pay reference period"). So the age is the age on the period's first day.</li>
 * <li>What is compared is the agreement's basic hourly rate: premiums for working at particular times (night,
 * weekend, bank-holiday enhancements) do not count towards minimum wage pay (GOV.UK "Calculating the minimum wage").</li>
 * </ul>
 */
public final class MinimumWage {

    /** One age band: at least {@code minimumAge}, paid at least {@code hourly}. */
    public record Band(int minimumAge, BigDecimal hourly, String name) {}

    private record Year(LocalDate from, List<Band> bands) {}

    private static final List<Year> YEARS = load();

    private MinimumWage() {}

    /** The band that applies to someone born on {@code birthDate} in a period starting on {@code periodStart}. */
    public static Optional<Band> forPeriod(LocalDate birthDate, LocalDate periodStart) {
        Year year = null;
        for (Year y : YEARS) {
            if (!y.from().isAfter(periodStart)) {
                year = y;
            }
        }
        if (year == null) {
            return Optional.empty();
        }
        int age = Period.between(birthDate, periodStart).getYears();
        return year.bands().stream().filter(b -> age >= b.minimumAge()).max(Comparator.comparingInt(Band::minimumAge));
    }

    private static List<Year> load() {
        try (InputStream in = MinimumWage.class.getResourceAsStream("/payroll/minimum-wage.json")) {
            if (in == null) {
                throw new IllegalStateException("missing /payroll/minimum-wage.json");
            }
            List<Year> years = new ArrayList<>();
            for (JsonNode y : JsonMapper.builder().build().readTree(in).get("rates")) {
                List<Band> bands = new ArrayList<>();
                for (JsonNode b : y.get("bands")) {
                    bands.add(new Band(b.get("minimumAge").asInt(), new BigDecimal(b.get("hourly").asString()),
                            b.get("name").asString()));
                }
                years.add(new Year(LocalDate.parse(y.get("from").asString()), List.copyOf(bands)));
            }
            years.sort(Comparator.comparing(Year::from));
            return List.copyOf(years);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
