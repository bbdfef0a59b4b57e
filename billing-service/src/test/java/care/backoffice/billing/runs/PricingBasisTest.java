package care.backoffice.billing.runs;

import static org.assertj.core.api.Assertions.assertThat;

import care.backoffice.billing.BillingIntegrationTest;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The run prices a month at once through the period views (client_funding_period, funder_contract_period,
 * contract_rate_period); care_billing_basis answers the same question per visit. They must agree on every day,
 * including overlapping and ended fundings, a contract that ends and its successor, a price change, days without
 * funding, contract or price, and an unknown client. Data written directly, dated before any other test's care,
 * and removed afterwards.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PricingBasisTest extends BillingIntegrationTest {

    @Autowired
    JdbcClient jdbc;

    @BeforeAll
    void awkwardHistories() {
        for (int i = 1; i <= 3; i++) {
            jdbc.sql("""
                    insert into funder (id, legal_name, type, address_line1, city, postcode, payment_terms_days, created_by)
                    values (?::uuid, 'Basis funder ' || ?, 'LOCAL_AUTHORITY', '1 Road', 'Town', 'AB1 2CD', 30, 'basis-test')""")
                    .params(funder(i), i).update();
        }
        // Funder 1: a contract for January, its successor from 1 February (priced only from 3 February).
        contract("20000000-0000-0000-0000-00000000b101", 1, "2025-01-01", "2025-01-31");
        contract("20000000-0000-0000-0000-00000000b102", 1, "2025-02-01", null);
        // Funder 2: a contract from 5 February; funder 3 has none.
        contract("20000000-0000-0000-0000-00000000b201", 2, "2025-02-05", null);
        rate("20000000-0000-0000-0000-00000000b101", "PERSONAL_CARE", "20.00", "2025-01-01");
        rate("20000000-0000-0000-0000-00000000b101", "PERSONAL_CARE", "21.50", "2025-01-15");
        rate("20000000-0000-0000-0000-00000000b101", "NURSING_CARE", "30.00", "2025-01-20");
        rate("20000000-0000-0000-0000-00000000b102", "PERSONAL_CARE", "22.00", "2025-02-03");
        rate("20000000-0000-0000-0000-00000000b201", "PERSONAL_CARE", "25.00", "2025-02-05");
        rate("20000000-0000-0000-0000-00000000b201", "NURSING_CARE", "35.00", "2025-02-10");
        for (String client : List.of("basis-x", "basis-y")) {
            jdbc.sql("""
                    insert into client (id, name, address_line1, city, postcode, created_by)
                    values (?, ?, '2 Road', 'Town', 'AB1 2CD', 'basis-test')""").params(client, client).update();
        }
        // Client x: funder 1 open-ended from 1 January; funder 2 for 4–20 February; funder 3 for 6–8 February inside
        // it; funder 2 again from 25 February. Client y: funder 1 for 10–20 January only.
        funding("basis-x", 1, "2025-01-01", null);
        funding("basis-x", 2, "2025-02-04", "2025-02-20");
        funding("basis-x", 3, "2025-02-06", "2025-02-08");
        funding("basis-x", 2, "2025-02-25", null);
        funding("basis-y", 1, "2025-01-10", "2025-01-20");
        jdbc.sql("""
                insert into care_delivered (hours_entry_id, version, status, team, employee_id, client_id, care_type,
                    care_date, start_time, minutes, planned_minutes)
                select gen_random_uuid(), 1, 'ACTIVE', 'team-basis', 'emp-1', c, t, d::date, '09:00', 30, null
                from unnest(array['basis-x', 'basis-y', 'basis-unknown']) c,
                     unnest(array['PERSONAL_CARE', 'NURSING_CARE']) t,
                     generate_series(date '2024-12-30', date '2025-03-05', interval '1 day') d""").update();
    }

    @Test
    void thePeriodViewsChooseTheSameFunderContractAndPriceAsThePerVisitViewOnEveryDay() {
        String perVisit = """
                select b.hours_entry_id, b.funder_id, b.contract_id, b.hourly_rate, b.funder_reference,
                       b.authorised_minutes_per_week
                from care_billing_basis b where b.team = 'team-basis'""";
        String inBulk = """
                select c.hours_entry_id, fp.funder_id, kp.contract_id, rp.hourly_rate, fp.funder_reference,
                       fp.authorised_minutes_per_week
                from care_delivered c
                left join client_funding_period fp on fp.client_id = c.client_id and c.care_date >= fp.starts
                     and (fp.ends is null or c.care_date < fp.ends)
                left join funder_contract_period kp on kp.funder_id = fp.funder_id and c.care_date >= kp.starts
                     and (kp.ends is null or c.care_date < kp.ends)
                left join contract_rate_period rp on rp.contract_id = kp.contract_id and rp.care_type = c.care_type
                     and c.care_date >= rp.starts and (rp.ends is null or c.care_date < rp.ends)
                where c.team = 'team-basis'""";
        assertThat(jdbc.sql("select count(*) from (" + perVisit + ") b").query(Integer.class).single()).isEqualTo(396);
        assertThat(jdbc.sql("(" + perVisit + ") except (" + inBulk + ")").query(String.class).list()).isEmpty();
        assertThat(jdbc.sql("(" + inBulk + ") except (" + perVisit + ")").query(String.class).list()).isEmpty();
        // And the histories are awkward enough to matter: every outcome occurs.
        assertThat(jdbc.sql("""
                select distinct case when unbillable_reason is null then 'priced at ' || hourly_rate
                                     else regexp_replace(unbillable_reason, ' on .*| basis-.*|Client basis-[a-z]+ ', '', 'g') end
                from care_billing_basis where team = 'team-basis' order by 1""").query(String.class).list())
                .contains("priced at 20.00", "priced at 21.50", "priced at 22.00", "priced at 25.00", "priced at 30.00",
                        "priced at 35.00", "Unknown client", "has no funding", "The funder of client",
                        "The contract has no price for PERSONAL_CARE", "The contract has no price for NURSING_CARE");
    }

    @AfterAll
    void removeTheHistories() {
        jdbc.sql("delete from care_to_bill q using care_delivered c where c.hours_entry_id = q.hours_entry_id "
                + "and c.team = 'team-basis'").update();
        jdbc.sql("delete from care_delivered where team = 'team-basis'").update();
        jdbc.sql("delete from client_funding where created_by = 'basis-test'").update();
        jdbc.sql("delete from client where created_by = 'basis-test'").update();
        jdbc.sql("delete from contract_rate where created_by = 'basis-test'").update();
        jdbc.sql("delete from contract where created_by = 'basis-test'").update();
        jdbc.sql("delete from funder where created_by = 'basis-test'").update();
    }

    private static String funder(int i) {
        return "10000000-0000-0000-0000-00000000b00" + i;
    }

    private void contract(String id, int funder, String from, String to) {
        jdbc.sql("""
                insert into contract (id, funder_id, billing_unit, rounding, charged_time, output, starts_on, ends_on, created_by)
                values (?::uuid, ?::uuid, 'MINUTE', 'UP', 'ACTUAL', 'PDF_EMAIL', ?::date, ?::date, 'basis-test')""")
                .params(id, funder(funder), from, to).update();
    }

    private void rate(String contract, String careType, String rate, String from) {
        jdbc.sql("""
                insert into contract_rate (contract_id, care_type, hourly_rate, effective_from, created_by)
                values (?::uuid, ?, ?::numeric, ?::date, 'basis-test')""").params(contract, careType, rate, from).update();
    }

    private void funding(String client, int funder, String from, String to) {
        jdbc.sql("""
                insert into client_funding (id, client_id, funder_id, valid_from, valid_to, package, funder_reference,
                    authorised_minutes_per_week, created_by)
                values (gen_random_uuid(), ?, ?::uuid, ?::date, ?::date, 'COUNCIL_PACKAGE', ? || '-' || ?, ?, 'basis-test')""")
                .params(client, funder(funder), from, to, client, funder, funder * 60).update();
    }
}
