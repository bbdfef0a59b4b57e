package care.backoffice.procurement.shared;

import java.math.BigDecimal;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of procurement-service ({@code procurement.*} in application.yml, each with an environment variable).
 *
 * @param buyer how our organisation appears on orders sent to suppliers
 * @param budget when the budget year starts
 * @param dispatch how orders reach suppliers
 * @param matching the tolerance of the automatic 3-way match
 */
@ConfigurationProperties("procurement")
public record ProcurementProperties(Buyer buyer, Budget budget, Dispatch dispatch, Matching matching) {

    /** @param peppolId our PEPPOL participant id "scheme:id" (placeholder GLN in dev; set the real one) */
    public record Buyer(@DefaultValue("Care Organisation") String name,
            @DefaultValue("0088:5000000000005") String peppolId,
            @DefaultValue("1 Example Street") String line1, @DefaultValue("Leeds") String town,
            @DefaultValue("LS1 1AA") String postcode) {}

    public record Budget(@DefaultValue("4") int yearStartMonth) {}

    /**
     * @param peppolAccessPointUrl where orders for suppliers known only by PEPPOL id are posted (our access point);
     *        blank: such orders wait, visibly, until it is set
     * @param maxBackoff longest wait between two attempts to reach a supplier
     */
    public record Dispatch(@DefaultValue("true") boolean scheduled, @DefaultValue("PT5S") Duration pollInterval,
            @DefaultValue("") String peppolAccessPointUrl, @DefaultValue("PT1H") Duration maxBackoff,
            @DefaultValue("PT10S") Duration timeout) {}

    /** Invoice and order may differ by this much and still match: the smaller of the two limits applies. */
    public record Matching(@DefaultValue("2") BigDecimal tolerancePercent,
            @DefaultValue("5.00") BigDecimal toleranceAmount) {}
}
