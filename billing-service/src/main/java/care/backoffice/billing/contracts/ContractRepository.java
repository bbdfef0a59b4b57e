package care.backoffice.billing.contracts;

import care.backoffice.billing.pricing.BillingUnit;
import care.backoffice.billing.pricing.ChargedTime;
import care.backoffice.billing.pricing.Money;
import care.backoffice.billing.pricing.OutputKind;
import care.backoffice.billing.pricing.Rounding;
import care.backoffice.billing.pricing.VatTreatment;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class ContractRepository {

    private final JdbcClient jdbc;

    public ContractRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public UUID insert(NewContract c, String by) {
        UUID id = UUID.randomUUID();
        LocalDate start = LocalDate.parse(c.startsOn());
        jdbc.sql("""
                insert into contract (id, funder_id, reference, purchase_order_number, billing_unit, rounding,
                    charged_time, output, vat, charge_beyond_authorised, starts_on, ends_on, created_by)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, UUID.fromString(c.funderId()), c.reference(), c.purchaseOrderNumber(), c.billingUnit(),
                        c.rounding(), c.chargedTime(), c.output(), c.vat() == null ? "EXEMPT" : c.vat(),
                        c.chargeBeyondAuthorisedHours() == null || c.chargeBeyondAuthorisedHours(), start,
                        c.endsOn() == null ? null : LocalDate.parse(c.endsOn()), by)
                .update();
        for (NewContract.NewRate r : c.rates()) {
            insertRate(id, r.careType(), r.hourlyRate(), r.effectiveFrom() == null ? start : LocalDate.parse(r.effectiveFrom()), by);
        }
        return id;
    }

    /** @return false if the care type already has a price from that date (a price is never overwritten) */
    public boolean insertRate(UUID contractId, String careType, String hourlyRate, LocalDate from, String by) {
        return jdbc.sql("""
                insert into contract_rate (contract_id, care_type, hourly_rate, effective_from, created_by)
                values (?, ?, ?, ?, ?) on conflict do nothing""")
                .params(contractId, careType, Money.parse(hourlyRate), from, by).update() == 1;
    }

    /** Another contract of the same funder running on any day of [start, end]; one price list per day. */
    public boolean overlaps(UUID funderId, LocalDate start, LocalDate end) {
        return jdbc.sql("""
                select exists (select 1 from contract where funder_id = ?
                    and daterange(starts_on, ends_on, '[]') && daterange(?, ?, '[]'))""")
                .params(funderId, start, end).query(Boolean.class).single();
    }

    public Optional<Contract> find(UUID id) {
        return jdbc.sql("select * from contract where id = ?").param(id).query((rs, n) -> new Contract(
                        rs.getObject("id", UUID.class), rs.getObject("funder_id", UUID.class), rs.getString("reference"),
                        rs.getString("purchase_order_number"), BillingUnit.valueOf(rs.getString("billing_unit")),
                        Rounding.valueOf(rs.getString("rounding")), ChargedTime.valueOf(rs.getString("charged_time")),
                        OutputKind.valueOf(rs.getString("output")), VatTreatment.valueOf(rs.getString("vat")),
                        rs.getBoolean("charge_beyond_authorised"), rs.getObject("starts_on", LocalDate.class),
                        rs.getObject("ends_on", LocalDate.class), List.of(), rs.getTimestamp("created_at").toInstant()))
                .optional()
                .map(c -> new Contract(c.id(), c.funderId(), c.reference(), c.purchaseOrderNumber(), c.billingUnit(),
                        c.rounding(), c.chargedTime(), c.output(), c.vat(), c.chargeBeyondAuthorisedHours(),
                        c.startsOn(), c.endsOn(), rates(c.id()), c.createdAt()));
    }

    public List<UUID> idsOfFunder(UUID funderId) {
        return jdbc.sql("select id from contract where funder_id = ? order by starts_on").param(funderId)
                .query(UUID.class).list();
    }

    public List<UUID> allIds() {
        return jdbc.sql("select id from contract order by funder_id, starts_on").query(UUID.class).list();
    }

    private List<Contract.Rate> rates(UUID contractId) {
        return jdbc.sql("""
                select care_type, hourly_rate, effective_from, created_at, created_by from contract_rate
                where contract_id = ? order by care_type, effective_from""").param(contractId)
                .query((rs, n) -> new Contract.Rate(rs.getString(1), rs.getBigDecimal(2),
                        rs.getObject(3, LocalDate.class), rs.getTimestamp(4).toInstant(), rs.getString(5)))
                .list();
    }
}
