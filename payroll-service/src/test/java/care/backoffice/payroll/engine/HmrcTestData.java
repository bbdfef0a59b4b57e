package care.backoffice.payroll.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * HMRC's own 2025-26 payroll test data (copied from ../shared/reference/hmrc into src/test/resources/hmrc, so the
 * module is self-contained). HMRC accepts results within £0.01.
 */
public final class HmrcTestData {

    public static final BigDecimal TOLERANCE = new BigDecimal("0.01");

    /**
     * One income tax row; {@code taxPaidToDate} is HMRC's tax due to date of the previous period's row of the same
     * series (HMRC's rows carry pay to date but not tax paid before the period).
     */
    public record TaxRow(String id, String taxYear, PayFrequency frequency, int period, String taxCode, boolean w1m1,
            BigDecimal grossPay, BigDecimal taxablePayToDate, BigDecimal taxPaidToDate, BigDecimal taxDueInPeriod,
            BigDecimal taxDueToDate) {
        @Override
        public String toString() {
            return id + " " + taxCode + (w1m1 ? " W1/M1" : "") + " " + frequency + " p" + period + " £" + grossPay;
        }
    }

    public record NiRow(String id, String taxYear, PayFrequency frequency, int period, String category,
            BigDecimal grossPay, BigDecimal employee, BigDecimal employer, BigDecimal atLel, BigDecimal lelToPt,
            BigDecimal ptToUel) {
        @Override
        public String toString() {
            return id + " cat " + category + " " + frequency + " £" + grossPay;
        }
    }

    private HmrcTestData() {}

    public static List<TaxRow> incomeTax() {
        List<TaxRow> rows = new ArrayList<>();
        Map<String, BigDecimal> previousToDate = new HashMap<>();
        for (JsonNode r : read("/hmrc/income-tax-2025-26.json")) {
            String id = r.get("TestIdentifier").asString();
            String series = id.substring(0, id.lastIndexOf('/'));
            boolean w1m1 = r.get("W1M1Flag").asBoolean();
            // A series runs period 1, 2, 3 …; a period-1 row starts afresh (the "Large_code" rows are all period 1).
            int period = r.get("Period").asInt();
            BigDecimal paid = w1m1 || period == 1 ? BigDecimal.ZERO : previousToDate.get(series);
            BigDecimal dueToDate = r.get("TaxDueToDate").decimalValue();
            previousToDate.put(series, dueToDate);
            rows.add(new TaxRow(id, taxYear(r), frequency(r), r.get("Period").asInt(), r.get("TaxCode").asString(),
                    w1m1, r.get("GrossPay").decimalValue(), r.get("TaxablePayToDate").decimalValue(), paid,
                    r.get("TaxDueInPeriod").decimalValue(), dueToDate));
        }
        return rows;
    }

    public static List<NiRow> nationalInsurance() {
        List<NiRow> rows = new ArrayList<>();
        for (JsonNode r : read("/hmrc/national-insurance-2025-26-weekly-monthly.json")) {
            rows.add(new NiRow(r.get("TestIdentifier").asString(), taxYear(r), frequency(r), r.get("Period").asInt(),
                    r.get("NiCategory").asString(), r.get("GrossPay").decimalValue(),
                    r.get("EmployeeNiContribution").decimalValue(), r.get("EmployerNiContribution").decimalValue(),
                    r.get("EarningsAtLEL_YTD").decimalValue(), r.get("EarningsLELtoPT_YTD").decimalValue(),
                    r.get("EarningsPTtoUEL_YTD").decimalValue()));
        }
        return rows;
    }

    /** "Apr5_2026" → "2025-26". */
    private static String taxYear(JsonNode r) {
        String ending = r.get("TaxYearEnding").asString();
        int end = Integer.parseInt(ending.substring(ending.length() - 4));
        return "%d-%02d".formatted(end - 1, end % 100);
    }

    private static PayFrequency frequency(JsonNode r) {
        return switch (r.get("PayFrequency").asString()) {
            case "Weekly" -> PayFrequency.WEEKLY;
            case "Fortnightly", "Two-weekly", "2-Weekly" -> PayFrequency.FORTNIGHTLY;
            case "Four-weekly", "4-Weekly", "FourWeekly" -> PayFrequency.FOUR_WEEKLY;
            case "Monthly" -> PayFrequency.MONTHLY;
            default -> throw new IllegalArgumentException("Unknown PayFrequency " + r.get("PayFrequency"));
        };
    }

    private static JsonNode read(String resource) {
        try (InputStream in = HmrcTestData.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from src/test/resources");
            }
            return JsonMapper.builder().build().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
