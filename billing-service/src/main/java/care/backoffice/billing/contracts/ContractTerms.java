package care.backoffice.billing.contracts;

import care.backoffice.billing.pricing.BillingUnit;
import care.backoffice.billing.pricing.ChargedTime;
import care.backoffice.billing.pricing.Pricing;
import care.backoffice.billing.pricing.Rounding;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * What a contract says about the price of one visit: the period it covers, its hourly price per care type from each
 * date, and how time is counted. A correction is judged by comparing a visit's price under the terms before and
 * after it ({@link #priceOf}): only visits whose price differs are billed again. The run's own rules are used
 * ({@link Pricing}), so this answers as the next run will.
 */
public record ContractTerms(LocalDate startsOn, LocalDate endsOn, BillingUnit unit, Rounding rounding,
        ChargedTime chargedTime, Map<String, NavigableMap<LocalDate, BigDecimal>> rates) {

    /** What a visit is charged before any authorised-hours limit: hourly rate and minutes before and after the unit. */
    public record Price(BigDecimal hourlyRate, int chargedMinutes, int billableMinutes) {

        /** Equal amounts compare equal whatever their scale (24.0 and 24.00). */
        boolean sameAs(Price other) {
            return other != null && hourlyRate.compareTo(other.hourlyRate) == 0 && chargedMinutes == other.chargedMinutes
                    && billableMinutes == other.billableMinutes;
        }
    }

    public static ContractTerms of(Contract c) {
        Map<String, NavigableMap<LocalDate, BigDecimal>> rates = new HashMap<>();
        for (Contract.Rate r : c.rates()) {
            rates.computeIfAbsent(r.careType(), k -> new TreeMap<>()).put(r.effectiveFrom(), r.hourlyRate());
        }
        return new ContractTerms(c.startsOn(), c.endsOn(), c.billingUnit(), c.rounding(), c.chargedTime(), rates);
    }

    /** @return the price of a visit under these terms, or null when they cannot charge it (outside, no price) */
    public Price priceOf(String careType, LocalDate date, int minutes, Integer plannedMinutes) {
        if (date.isBefore(startsOn) || (endsOn != null && date.isAfter(endsOn))) {
            return null;
        }
        NavigableMap<LocalDate, BigDecimal> prices = rates.get(careType);
        Map.Entry<LocalDate, BigDecimal> rate = prices == null ? null : prices.floorEntry(date);
        if (rate == null) {
            return null;
        }
        int charged = Pricing.chargedMinutes(chargedTime, minutes, plannedMinutes);
        return new Price(rate.getValue(), charged, Pricing.billableMinutes(charged, unit, rounding));
    }

    /** Whether a visit's price differs between these terms and {@code after} (chargeable under one only, too). */
    public boolean pricesDifferently(ContractTerms after, String careType, LocalDate date, int minutes,
            Integer plannedMinutes) {
        Price before = priceOf(careType, date, minutes, plannedMinutes);
        Price now = after.priceOf(careType, date, minutes, plannedMinutes);
        return before == null ? now != null : !before.sameAs(now);
    }

    public ContractTerms endingOn(LocalDate end) {
        return new ContractTerms(startsOn, end, unit, rounding, chargedTime, rates);
    }

    public ContractTerms countingTime(BillingUnit unit, Rounding rounding, ChargedTime chargedTime) {
        return new ContractTerms(startsOn, endsOn, unit, rounding, chargedTime, rates);
    }

    /** The terms with one price row moved or re-priced: {@code from} → ({@code to}, {@code rate}). */
    public ContractTerms withRate(String careType, LocalDate from, LocalDate to, BigDecimal rate) {
        Map<String, NavigableMap<LocalDate, BigDecimal>> copy = new HashMap<>();
        rates.forEach((k, v) -> copy.put(k, new TreeMap<>(v)));
        NavigableMap<LocalDate, BigDecimal> prices = copy.computeIfAbsent(careType, k -> new TreeMap<>());
        prices.remove(from);
        prices.put(to, rate);
        return new ContractTerms(startsOn, endsOn, unit, rounding, chargedTime, copy);
    }
}
