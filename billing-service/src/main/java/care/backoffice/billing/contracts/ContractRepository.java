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

    /** Another contract of the same funder running on any day of [start, end], this one aside. */
    public boolean overlapsAnother(UUID contractId, UUID funderId, LocalDate start, LocalDate end) {
        return jdbc.sql("""
                select exists (select 1 from contract where funder_id = ? and id <> ?
                    and daterange(starts_on, ends_on, '[]') && daterange(?, ?, '[]'))""")
                .params(funderId, contractId, start, end).query(Boolean.class).single();
    }

    /** The contract as it stands, locked until the transaction ends: corrections of one contract go one by one. */
    public Optional<Contract> lock(UUID id) {
        return jdbc.sql("select id from contract where id = ? for update").param(id).query(UUID.class).optional()
                .flatMap(this::find);
    }

    void end(UUID id, LocalDate endsOn) {
        jdbc.sql("update contract set ends_on = ? where id = ?").params(endsOn, id).update();
    }

    void correctTerms(UUID id, Contract c) {
        jdbc.sql("""
                update contract set reference = ?, purchase_order_number = ?, billing_unit = ?, rounding = ?,
                    charged_time = ?, output = ?, vat = ?, charge_beyond_authorised = ?
                where id = ?""")
                .params(c.reference(), c.purchaseOrderNumber(), c.billingUnit().name(), c.rounding().name(),
                        c.chargedTime().name(), c.output().name(), c.vat().name(), c.chargeBeyondAuthorisedHours(), id)
                .update();
    }

    void correctRate(UUID id, String careType, LocalDate from, LocalDate to, java.math.BigDecimal hourlyRate) {
        jdbc.sql("""
                update contract_rate set effective_from = ?, hourly_rate = ?
                where contract_id = ? and care_type = ? and effective_from = ?""")
                .params(to, hourlyRate, id, careType, from).update();
    }

    /** One change of a contract as its history keeps it; {@code previous} and {@code current} are JSON objects. */
    public record Change(long id, String change, java.time.Instant changedAt, String changedBy, String reason,
            @com.fasterxml.jackson.annotation.JsonRawValue String previous,
            @com.fasterxml.jackson.annotation.JsonRawValue String current, int rebilledVisits, List<String> invoices) {}

    void addHistory(UUID id, String change, String by, String reason, String previous, String current,
            int rebilledVisits, List<String> invoices) {
        jdbc.sql("""
                insert into contract_history (contract_id, change, changed_by, reason, previous, current,
                    rebilled_visits, invoices)
                values (?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?)""")
                .params(id, change, by, reason, previous, current, rebilledVisits, invoices.toArray(String[]::new))
                .update();
    }

    public List<Change> history(UUID id) {
        return jdbc.sql("""
                select id, change, changed_at, changed_by, reason, previous::text, current::text, rebilled_visits, invoices
                from contract_history where contract_id = ? order by id""")
                .param(id)
                .query((rs, n) -> new Change(rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getInt(8),
                        List.of((String[]) rs.getArray(9).getArray())))
                .list();
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
