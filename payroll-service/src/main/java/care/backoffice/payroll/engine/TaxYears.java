package care.backoffice.payroll.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.Month;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The tax years the engine knows, each read once from {@code /payroll/tax-years/<yyyy-yy>.json} on the classpath.
 * A year is known if and only if its file exists, so adding 2027-28 is adding {@code 2027-28.json}.
 */
public final class TaxYears {

    private static final String LOCATION = "/payroll/tax-years/";
    private static final Pattern CODE = Pattern.compile("(\\d{4})-(\\d{2})");
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    private static final ConcurrentHashMap<String, Optional<TaxYearParameters>> CACHE = new ConcurrentHashMap<>();

    private TaxYears() {}

    /** The parameters of a tax year such as {@code 2026-27}, if the engine has them. */
    public static Optional<TaxYearParameters> find(String code) {
        if (code == null) {
            return Optional.empty();
        }
        var m = CODE.matcher(code);
        if (!m.matches() || (Integer.parseInt(m.group(1)) + 1) % 100 != Integer.parseInt(m.group(2))) {
            return Optional.empty();
        }
        return CACHE.computeIfAbsent(code, TaxYears::load);
    }

    /** Like {@link #find}, but an unknown year is bad input naming {@code field}. */
    public static TaxYearParameters require(String code, String field) {
        return find(code).orElseThrow(() -> EngineInputException.of(field,
                "is not a tax year the engine has parameters for (e.g. 2026-27)"));
    }

    /** The UK tax year containing a date: it starts on 6 April. */
    public static String codeFor(LocalDate date) {
        int start = date.isBefore(LocalDate.of(date.getYear(), Month.APRIL, 6)) ? date.getYear() - 1 : date.getYear();
        return "%d-%02d".formatted(start, (start + 1) % 100);
    }

    public static Optional<TaxYearParameters> forDate(LocalDate date) {
        return find(codeFor(date));
    }

    private static Optional<TaxYearParameters> load(String code) {
        try (InputStream in = TaxYears.class.getResourceAsStream(LOCATION + code + ".json")) {
            if (in == null) {
                return Optional.empty();
            }
            TaxYearParameters p = JSON.readValue(in, TaxYearParameters.class);
            if (!code.equals(p.taxYear()) || !p.firstDay().equals(LocalDate.of(Integer.parseInt(code.substring(0, 4)), 4, 6))) {
                throw new IllegalStateException("Tax year file " + code + ".json names " + p.taxYear() + " starting "
                        + p.firstDay());
            }
            return Optional.of(p);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read tax year " + code, e);
        }
    }
}
