package care.backoffice.billing.contracts;

import care.backoffice.billing.pricing.BillingUnit;
import care.backoffice.billing.pricing.ChargedTime;
import care.backoffice.billing.pricing.Money;
import care.backoffice.billing.pricing.OutputKind;
import care.backoffice.billing.pricing.Rounding;
import care.backoffice.billing.pricing.VatTreatment;
import care.backoffice.support.problem.ApiException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * Ends and corrects contracts, keeping each change in the contract's history. Issued invoices are never altered:
 * billed visits whose price a change alters are put back in line (see {@link BilledCare}) and the next run credits
 * and re-charges them; the answer and the history say how many and on which invoices. Care not billed yet is
 * simply priced by the next run at the terms then in force.
 *
 * <p>Every method runs inside the caller's transaction (the idempotent request's).
 */
@Service
public class ContractCorrections {

    /** The visits a change puts back in line for the next run, and the issued invoices that charged them. */
    public record Rebilling(int billedVisits, List<String> invoices) {
        static Rebilling of(BilledCare.Affected a) {
            return new Rebilling(a.visits().size(), a.invoices());
        }
    }

    public record Outcome(Contract contract, Rebilling rebilling) {}

    private final ContractRepository contracts;
    private final BilledCare billed;
    private final JsonMapper json;

    public ContractCorrections(ContractRepository contracts, BilledCare billed, JsonMapper json) {
        this.contracts = contracts;
        this.billed = billed;
        this.json = json;
    }

    /**
     * Ends the contract after {@code endsOn}. Care after that day has no contract: the next run lists it as
     * unbillable with the reason, and credits whatever of it had been charged under this contract.
     */
    public Outcome end(UUID id, LocalDate endsOn, String reason, String by) {
        Contract c = locked(id);
        if (Objects.equals(c.endsOn(), endsOn)) {
            return new Outcome(c, new Rebilling(0, List.of()));   // a repeat changes nothing
        }
        if (contracts.overlapsAnother(id, c.funderId(), c.startsOn(), endsOn)) {
            throw ApiException.conflict("The funder has another contract running on or before " + endsOn
                    + "; contracts of one funder may not overlap");
        }
        ContractTerms before = ContractTerms.of(c);
        ContractTerms after = before.endingOn(endsOn);
        BilledCare.Affected affected = billed.find(id, null,
                v -> before.pricesDifferently(after, v.careType(), v.date(), v.minutes(), v.plannedMinutes()));
        contracts.end(id, endsOn);
        Map<String, Object> previous = new LinkedHashMap<>();
        previous.put("endsOn", c.endsOn() == null ? null : c.endsOn().toString());   // null: it was open-ended
        record(id, "ENDED", by, reason, previous, Map.of("endsOn", endsOn.toString()), affected);
        return new Outcome(contracts.find(id).orElseThrow(), Rebilling.of(affected));
    }

    /**
     * Corrects terms entered wrongly. Time counting (billing unit, rounding, charged time) re-prices the billed
     * visits it alters. VAT and charging beyond authorised hours are applied per document and after pricing, which
     * the run cannot re-charge visit by visit: a correction of them that would alter issued invoices is refused.
     * References and the output change no price: issued documents keep what they were issued with.
     */
    public Outcome correctTerms(UUID id, ContractChanges.TermsCorrection r, String by) {
        Contract c = locked(id);
        Contract corrected = new Contract(c.id(), c.funderId(),
                r.reference() == null ? c.reference() : blankToNull(r.reference()),
                r.purchaseOrderNumber() == null ? c.purchaseOrderNumber() : blankToNull(r.purchaseOrderNumber()),
                r.billingUnit() == null ? c.billingUnit() : BillingUnit.valueOf(r.billingUnit()),
                r.rounding() == null ? c.rounding() : Rounding.valueOf(r.rounding()),
                r.chargedTime() == null ? c.chargedTime() : ChargedTime.valueOf(r.chargedTime()),
                r.output() == null ? c.output() : OutputKind.valueOf(r.output()),
                r.vat() == null ? c.vat() : VatTreatment.valueOf(r.vat()),
                r.chargeBeyondAuthorisedHours() == null ? c.chargeBeyondAuthorisedHours() : r.chargeBeyondAuthorisedHours(),
                c.startsOn(), c.endsOn(), c.rates(), c.createdAt());
        Map<String, Object> previous = new LinkedHashMap<>();
        Map<String, Object> current = new LinkedHashMap<>();
        difference("reference", c.reference(), corrected.reference(), previous, current);
        difference("purchaseOrderNumber", c.purchaseOrderNumber(), corrected.purchaseOrderNumber(), previous, current);
        difference("billingUnit", c.billingUnit(), corrected.billingUnit(), previous, current);
        difference("rounding", c.rounding(), corrected.rounding(), previous, current);
        difference("chargedTime", c.chargedTime(), corrected.chargedTime(), previous, current);
        difference("output", c.output(), corrected.output(), previous, current);
        difference("vat", c.vat(), corrected.vat(), previous, current);
        difference("chargeBeyondAuthorisedHours", c.chargeBeyondAuthorisedHours(),
                corrected.chargeBeyondAuthorisedHours(), previous, current);
        if (previous.isEmpty()) {
            return new Outcome(c, new Rebilling(0, List.of()));   // a repeat changes nothing
        }
        if (c.vat() != corrected.vat()) {
            refuseIfBilled(billed.find(id, null, v -> true), "VAT is charged on each document's total");
        }
        if (c.chargeBeyondAuthorisedHours() != corrected.chargeBeyondAuthorisedHours()) {
            refuseIfBilled(billed.find(id, null, v -> v.minutesBeyondAuthorised() > 0),
                    "care beyond a package's authorised hours is weighed after pricing, per client and week");
        }
        ContractTerms before = ContractTerms.of(c);
        ContractTerms after = before.countingTime(corrected.billingUnit(), corrected.rounding(), corrected.chargedTime());
        BilledCare.Affected affected = before.equals(after) ? BilledCare.Affected.NONE : billed.find(id, null,
                v -> before.pricesDifferently(after, v.careType(), v.date(), v.minutes(), v.plannedMinutes()));
        contracts.correctTerms(id, corrected);
        record(id, "TERMS_CORRECTED", by, r.reason().trim(), previous, current, affected);
        return new Outcome(contracts.find(id).orElseThrow(), Rebilling.of(affected));
    }

    /** Corrects a price row entered wrongly (amount and/or first day); the billed visits it re-prices are billed again. */
    public Outcome correctRate(UUID id, String careType, LocalDate from, LocalDate to, String hourlyRate, String reason,
            String by) {
        Contract c = locked(id);
        Contract.Rate rate = c.rates().stream()
                .filter(x -> x.careType().equals(careType) && x.effectiveFrom().equals(from)).findFirst()
                .orElseThrow(() -> ApiException.notFound("The " + careType + " price from " + from));
        BigDecimal amount = hourlyRate == null ? rate.hourlyRate() : Money.parse(hourlyRate);
        if (amount.compareTo(rate.hourlyRate()) == 0 && to.equals(from)) {
            return new Outcome(c, new Rebilling(0, List.of()));   // a repeat changes nothing
        }
        ContractTerms before = ContractTerms.of(c);
        ContractTerms after = before.withRate(careType, from, to, amount);
        BilledCare.Affected affected = billed.find(id, careType,
                v -> before.pricesDifferently(after, v.careType(), v.date(), v.minutes(), v.plannedMinutes()));
        contracts.correctRate(id, careType, from, to, amount);
        record(id, "RATE_CORRECTED", by, reason,
                Map.of("careType", careType, "effectiveFrom", from.toString(), "hourlyRate", rate.hourlyRate().toPlainString()),
                Map.of("careType", careType, "effectiveFrom", to.toString(), "hourlyRate", amount.toPlainString()),
                affected);
        return new Outcome(contracts.find(id).orElseThrow(), Rebilling.of(affected));
    }

    private Contract locked(UUID id) {
        // Runs first, then the contract: the order every correction takes, so two of them cannot deadlock.
        billed.refuseWhileARunMayIssue(id);
        return contracts.lock(id).orElseThrow(() -> ApiException.notFound("Contract " + id));
    }

    private void record(UUID id, String change, String by, String reason, Map<String, Object> previous,
            Map<String, Object> current, BilledCare.Affected affected) {
        contracts.addHistory(id, change, by, reason, json.writeValueAsString(previous), json.writeValueAsString(current),
                affected.visits().size(), affected.invoices());
        billed.putBackInLine(affected.visits());
    }

    private static void refuseIfBilled(BilledCare.Affected affected, String why) {
        if (affected.any()) {
            throw new ApiException(409, "The correction would alter issued invoices",
                    affected.visits().size() + " billed visit(s) on " + String.join(", ", affected.invoices())
                            + " would be charged differently, and " + why + ": the next run cannot credit and "
                            + "charge them again visit by visit. Change it from a date after the billed care "
                            + "instead: end this contract and add one with the new terms",
                    Map.of("billedVisits", affected.visits().size(), "invoices", affected.invoices()));
        }
    }

    private static void difference(String field, Object before, Object after, Map<String, Object> previous,
            Map<String, Object> current) {
        if (!Objects.equals(before, after)) {
            previous.put(field, before == null ? null : before.toString());
            current.put(field, after == null ? null : after.toString());
        }
    }

    private static String blankToNull(String s) {
        return s.isBlank() ? null : s.trim();
    }
}
