package care.backoffice.billing.benchmark;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import care.backoffice.billing.BillingIntegrationTest;
import care.backoffice.testing.TestTokens;
import com.jayway.jsonpath.JsonPath;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The billing run over a month of generated care (default 1,000,000 records, ~5,000 clients, 50 funders), timed
 * against PostgreSQL doing the same pricing and grouping in one SQL statement. Runs only on demand:
 * {@code ./mvnw -B -o -pl billing-service test -Pbenchmark [-Dbenchmark.records=1000000]} (see README).
 * It prints figures; it asserts nothing about time.
 */
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class BillingRunBenchmark extends BillingIntegrationTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;

    @Test
    void billingRunAgainstOneSqlStatement() throws Exception {
        int records = Integer.getInteger("benchmark.records", 1_000_000);
        int clients = Integer.getInteger("benchmark.clients", 5_000);
        int warmUpRecords = Integer.getInteger("benchmark.warmUpRecords", 20_000);
        int funders = 50;
        long t0 = System.nanoTime();
        generate(clients, funders);
        generateCare(warmUpRecords, clients, "2026-09-01", 30);
        generateCare(records, clients, "2026-10-01", 31);
        jdbc.sql("analyze").update();
        long generated = System.nanoTime();
        long postmaster = CpuMeter.parent(jdbc.sql("select pg_backend_pid()").query(Long.class).single());

        // The service has billed before (last month, or a dry run): the first run in a JVM also pays for the JIT
        // compiling the code paths of pricing, claiming, validation and PDFs. Printed, not hidden; 0 skips it.
        Measured warmUp = warmUpRecords > 0 ? run("2026-09", postmaster) : null;

        CpuMeter.Sample sqlCpuStart = CpuMeter.sample(postmaster);
        long sqlStart = System.nanoTime();
        long groups = jdbc.sql(SINGLE_STATEMENT).query(Long.class).single();
        long sqlNanos = System.nanoTime() - sqlStart;
        double sqlCpu = CpuMeter.sample(postmaster).minus(sqlCpuStart)[1];

        Measured m = run("2026-10", postmaster);
        Runtime rt = Runtime.getRuntime();
        System.out.printf("""

                ==== billing run benchmark ====
                care records           %,d for %,d clients and %d funders (generated in %.1f s)
                first run in this JVM  %s
                status                 %s; documents issued %s, rejected %s; care records priced %s
                UBL documents          %s (each validated with phive)
                billing run            %.1f s
                single SQL statement   %.1f s, %.1f s CPU in PostgreSQL (%,d invoice lines priced and grouped)
                ratio run / SQL        %.1f (wall), %.1f (CPU: run's JVM + PostgreSQL / statement's PostgreSQL)
                max heap               %d MB, processors %d
                per step (ms)          %s
                CPU s, run (JVM / PG)  %.1f / %.1f (%.1f cores busy on average); of the JVM's: JIT %.1f, GC %.1f
                CPU s per step JVM/PG  %s
                load average           before %s, after %s
                ===============================
                %n""", records, clients, funders, (generated - t0) / 1e9,
                warmUp == null ? "(none: this run is the first)" : String.format(
                        "September, %,d records: %.1f s, CPU JVM %.1f (JIT %.1f, GC %.1f) / PG %.1f", warmUpRecords,
                        warmUp.seconds(), warmUp.cpu()[0], warmUp.jitGc()[0], warmUp.jitGc()[1], warmUp.cpu()[1]),
                JsonPath.read(m.json(), "$.status"), JsonPath.read(m.json(), "$.progress.documentsIssued"),
                JsonPath.read(m.json(), "$.progress.documentsRejected"), JsonPath.read(m.json(), "$.progress.careRecordsDone"),
                jdbc.sql("select count(*) from invoice_document d join invoice i on i.id = d.invoice_id "
                        + "where d.kind = 'UBL' and i.run_id = ?::uuid").param(m.id()).query(Long.class).single(),
                m.seconds(), sqlNanos / 1e9, sqlCpu, groups, m.seconds() / (sqlNanos / 1e9),
                (m.cpu()[0] + m.cpu()[1]) / sqlCpu, rt.maxMemory() / (1024 * 1024), rt.availableProcessors(),
                jdbc.sql("""
                        select string_agg(step_name || '=' || extract(epoch from (end_time - start_time)) * 1000, ', '
                                          order by step_execution_id)
                        from batch_step_execution where job_execution_id = (select job_execution_id from billing_run where id = ?::uuid)""")
                        .param(m.id()).query(String.class).single(),
                m.cpu()[0], m.cpu()[1], (m.cpu()[0] + m.cpu()[1]) / m.seconds(), m.jitGc()[0], m.jitGc()[1], m.perStep(),
                m.loadBefore(), m.loadAfter());
    }

    record Measured(String id, String json, double seconds, double[] cpu, double[] jitGc, String perStep,
            String loadBefore, String loadAfter) {}

    /** Starts a run of the month through the API and waits for it, sampling CPU seconds per step. */
    private Measured run(String month, long postmaster) throws Exception {
        String vacuumsBefore = vacuums();
        String loadBefore = CpuMeter.loadAverage();
        CpuMeter.Sample before = CpuMeter.sample(postmaster);
        double[] jitGcBefore = CpuMeter.jitAndGc();
        long runStart = System.nanoTime();
        String id = JsonPath.read(mvc.perform(post("/api/billing/runs").header("Authorization", "Bearer " + TestTokens.backOffice())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"month\": \"" + month + "\"}"))
                .andReturn().getResponse().getContentAsString(), "$.id");
        // CPU seconds of this JVM and of PostgreSQL per step, sampled when the running step changes (±0.1 s).
        // Polled in the database, not through the API: a GET of a run lists its documents, which would load the
        // machine being measured ten times a second.
        java.util.Map<String, double[]> cpuPerStep = new java.util.LinkedHashMap<>();
        String step = "start";
        CpuMeter.Sample stepStart = before;
        while (true) {
            String status = jdbc.sql("select status from billing_run where id = ?::uuid").param(id).query(String.class).single();
            String now = status.equals("COMPLETED") || status.equals("FAILED") ? "end" : currentStep(id);
            if (!now.equals(step)) {
                CpuMeter.Sample s = CpuMeter.sample(postmaster);
                cpuPerStep.merge(step, s.minus(stepStart), CpuMeter::add);
                step = now;
                stepStart = s;
            }
            if (now.equals("end")) {
                break;
            }
            Thread.sleep(100);
        }
        double seconds = (System.nanoTime() - runStart) / 1e9;
        double[] cpu = CpuMeter.sample(postmaster).minus(before);
        double[] jitGc = CpuMeter.jitAndGc();
        StringBuilder perStep = new StringBuilder();
        cpuPerStep.forEach((name, c) -> perStep.append(String.format("%s %.1f/%.1f  ", name, c[0], c[1])));
        String json = mvc.perform(get("/api/billing/runs/" + id).header("Authorization", "Bearer " + TestTokens.backOffice()))
                .andReturn().getResponse().getContentAsString();
        System.out.printf("%nrun of %s: autovacuum/autoanalyze counts per table before %s, after %s%n", month,
                vacuumsBefore, vacuums());
        return new Measured(id, json, seconds, cpu, new double[] {jitGc[0] - jitGcBefore[0], jitGc[1] - jitGcBefore[1]},
                perStep.toString(), loadBefore, CpuMeter.loadAverage());
    }

    /** PostgreSQL's background work caused by a run is part of its cost: which tables autovacuum visited. */
    private String vacuums() {
        return jdbc.sql("""
                select string_agg(relname || ' ' || autovacuum_count || '/' || autoanalyze_count, ', ' order by relname)
                from pg_stat_user_tables where relname in ('run_item', 'care_to_bill', 'care_delivered', 'run_document')""")
                .query(String.class).single();
    }

    private String currentStep(String runId) {
        return jdbc.sql("""
                select coalesce((select step_name from batch_step_execution where job_execution_id =
                    (select job_execution_id from billing_run where id = ?::uuid) and end_time is null
                    order by step_execution_id desc limit 1), 'between')""")
                .param(runId).query(String.class).single();
    }

    /**
     * The same pricing and grouping as the run, as one statement: the care still to bill (care_to_bill) up to the
     * month's end, the funder, contract and rate of its day through the same period views, the contract's charged
     * time, billing unit and rounding per visit, then one line per document (funder, contract, and the client for
     * self-funders) × team × client × care type × rate × funder reference, its money rounded once per line.
     */
    static final String SINGLE_STATEMENT = """
            select count(*) from (
              select fp.funder_id, kp.contract_id, case when f.type = 'SELF_FUNDER' then c.client_id end as buyer,
                     c.team, c.client_id, c.care_type, rp.hourly_rate, fp.funder_reference,
                     round(rp.hourly_rate * sum(m.billable) / 60.0, 2) as amount
              from care_to_bill q
              join care_delivered c on c.hours_entry_id = q.hours_entry_id and c.version = q.version
              join client_funding_period fp on fp.client_id = c.client_id and c.care_date >= fp.starts
                   and (fp.ends is null or c.care_date < fp.ends)
              join funder_contract_period kp on kp.funder_id = fp.funder_id and c.care_date >= kp.starts
                   and (kp.ends is null or c.care_date < kp.ends)
              join contract_rate_period rp on rp.contract_id = kp.contract_id and rp.care_type = c.care_type
                   and c.care_date >= rp.starts and (rp.ends is null or c.care_date < rp.ends)
              join contract k on k.id = kp.contract_id
              join funder f on f.id = fp.funder_id
              cross join lateral (select case when k.charged_time = 'PLANNED' and c.planned_minutes is not null
                                              then c.planned_minutes else c.minutes end as charged) ch
              cross join lateral (select case k.billing_unit when 'MINUTE' then 1 when 'FIVE_MINUTES' then 5 else 15 end as unit) u
              cross join lateral (select case
                     when ch.charged % u.unit = 0 then ch.charged
                     when k.rounding = 'UP' then (ch.charged / u.unit + 1) * u.unit
                     when k.rounding = 'DOWN' then (ch.charged / u.unit) * u.unit
                     when 2 * (ch.charged % u.unit) >= u.unit then (ch.charged / u.unit + 1) * u.unit
                     else (ch.charged / u.unit) * u.unit end as billable) m
              where c.care_date <= date '2026-10-31' and c.status = 'ACTIVE'
              group by 1, 2, 3, 4, 5, 6, 7, 8) lines""";

    private void generate(int clients, int funders) {
        // 49 funders on PEPPOL (councils, ICBs, CHC; GLNs with a valid check digit), one for self-funding clients.
        for (int i = 0; i < funders; i++) {
            boolean self = i == funders - 1;
            String type = self ? "SELF_FUNDER" : new String[] {"LOCAL_AUTHORITY", "NHS_ICB", "NHS_CHC"}[i % 3];
            jdbc.sql("""
                    insert into funder (id, legal_name, type, address_line1, city, postcode, peppol_participant_id, email,
                        payment_terms_days, created_by)
                    values (('00000000-0000-0000-0000-' || lpad(?::text, 12, '0'))::uuid, ?, ?, '1 Road', 'Town', 'AB1 2CD',
                        ?, 'accounts@funder.example', 30, 'benchmark')""")
                    .params(i, "Benchmark funder " + i, type, self ? null : "0088:" + gln(501234510000L + i)).update();
            String[] units = {"MINUTE", "FIVE_MINUTES", "FIFTEEN_MINUTES"};
            String[] roundings = {"UP", "NEAREST", "DOWN"};
            jdbc.sql("""
                    insert into contract (id, funder_id, reference, purchase_order_number, billing_unit, rounding,
                        charged_time, output, starts_on, created_by)
                    values (('10000000-0000-0000-0000-' || lpad(?::text, 12, '0'))::uuid,
                            ('00000000-0000-0000-0000-' || lpad(?::text, 12, '0'))::uuid, 'CON-' || ?, 'PO-' || ?,
                            ?, ?, ?, ?, date '2026-01-01', 'benchmark')""")
                    .params(i, i, i, i, units[i % 3], roundings[(i / 3) % 3], i % 2 == 0 ? "ACTUAL" : "PLANNED",
                            self ? "PDF_EMAIL" : i % 5 == 0 ? "COUNCIL_CSV" : "PEPPOL").update();
        }
        jdbc.sql("""
                insert into contract_rate (contract_id, care_type, hourly_rate, effective_from, created_by)
                select k.id, t.care_type, 20 + (row_number() over ()) % 17 + 0.25, date '2026-01-01', 'benchmark'
                from contract k cross join (values ('PERSONAL_CARE'), ('NURSING_CARE'), ('DOMESTIC_SUPPORT'),
                    ('SOCIAL_SUPPORT'), ('RESPITE_CARE')) t(care_type)
                where k.created_by = 'benchmark'""").update();
        // Half the contracts change price on 15 October.
        jdbc.sql("""
                insert into contract_rate (contract_id, care_type, hourly_rate, effective_from, created_by)
                select contract_id, care_type, hourly_rate + 1.10, date '2026-10-15', 'benchmark' from contract_rate
                where created_by = 'benchmark' and get_byte(uuid_send(contract_id), 15) % 2 = 0""").update();
        jdbc.sql("""
                insert into client (id, name, address_line1, city, postcode, email, created_by)
                select 'bench-' || g, 'Client ' || g, g || ' Long Lane', 'Town', 'AB1 2CD', null, 'benchmark'
                from generate_series(0, ? - 1) g""").param(clients).update();
        jdbc.sql("""
                insert into client_funding (id, client_id, funder_id, valid_from, package, funder_reference, created_by)
                select gen_random_uuid(), 'bench-' || g, ('00000000-0000-0000-0000-' || lpad((g % ?)::text, 12, '0'))::uuid,
                       date '2026-01-01', 'COUNCIL_PACKAGE', 'REF-' || g, 'benchmark'
                from generate_series(0, ? - 1) g""").params(funders, clients).update();
    }

    /** Visits spread over the days of a month from its first day, round-robin over clients and care types. */
    private void generateCare(int records, int clients, String firstDay, int days) {
        if (records == 0) {
            return;
        }
        jdbc.sql("""
                insert into care_delivered (hours_entry_id, version, status, team, employee_id, client_id, care_type,
                    care_date, start_time, minutes, planned_minutes)
                select gen_random_uuid(), 1, 'ACTIVE', 'team-' || ((g % ?) % 300), 'emp-' || (g % 15000), 'bench-' || (g % ?),
                       (array['PERSONAL_CARE','NURSING_CARE','DOMESTIC_SUPPORT','SOCIAL_SUPPORT','RESPITE_CARE'])[1 + (g / ?) % 5],
                       ?::date + (g % ?), time '07:00' + make_interval(mins => (g % 600)),
                       15 + (g * 7) % 76, case when g % 3 = 0 then null else 15 * (1 + g % 4) end
                from generate_series(0, ? - 1) g""").params(clients, clients, clients, firstDay, days, records).update();
    }

    static String gln(long first12) {
        String d = Long.toString(first12);
        int sum = 0;
        for (int i = 0; i < 12; i++) {
            int digit = d.charAt(11 - i) - '0';
            sum += (i % 2 == 0) ? digit * 3 : digit;
        }
        return d + (10 - sum % 10) % 10;
    }
}
