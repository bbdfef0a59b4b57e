package care.backoffice.billing.contracts;

import care.backoffice.billing.pricing.BillingUnit;
import care.backoffice.billing.pricing.ChargedTime;
import care.backoffice.billing.pricing.OutputKind;
import care.backoffice.billing.pricing.Rounding;
import care.backoffice.billing.pricing.VatTreatment;
import com.fasterxml.jackson.annotation.JsonFormat;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

public record Contract(UUID id, UUID funderId, String reference, String purchaseOrderNumber, BillingUnit billingUnit,
        Rounding rounding, ChargedTime chargedTime, OutputKind output, VatTreatment vat,
        boolean chargeBeyondAuthorisedHours, LocalDate startsOn, LocalDate endsOn, List<Rate> rates,
        Instant createdAt) {

    /** One hourly price for a care type from a date; a later row for the same care type replaces it from its date. */
    public record Rate(String careType, @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal hourlyRate,
            LocalDate effectiveFrom, Instant createdAt, String createdBy) {}
}
