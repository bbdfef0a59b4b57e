package care.backoffice.payroll.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import care.backoffice.payroll.PayrollIntegrationTest;
import care.backoffice.testing.TestTokens;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The scale: 15,000 colleagues (half salaried, half hourly) with a month of hours each (20 entries: 300,000),
 * paid by one run, then the Bacs file, the FPS and all payslips in one PDF. Run on demand:
 * <pre>
 *   JAVA_TOOL_OPTIONS=-Xmx256m ./mvnw -B -o -pl payroll-service test -Dbenchmark=true -Dtest=PayrollRunBenchmark \
 *       -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 * (The root POM fixes surefire's argLine, so the heap is set through JAVA_TOOL_OPTIONS, which Maven's own JVM also
 * takes.) The PDF is checked complete: a file cut short by an error while it streams still answers 200.
 */
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class PayrollRunBenchmark extends PayrollIntegrationTest {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    MockMvc mvc;
    @Autowired
    PayrollRunService runs;
    @Autowired
    PayrollRunRepository repository;

    @Test
    void fifteenThousandColleagues() throws Exception {
        jdbc.sql("""
                insert into employee (id, team_code, given_name, family_name, date_of_birth, ni_number, start_date,
                    created_by, pension_choice, sort_code, account_number, account_name, address_line1, postcode)
                select ('00000000-0000-0000-0000-' || lpad(to_hex(i), 12, '0'))::uuid, 'team-' || (i % 1250),
                       'Bench', 'Colleague', date '1980-01-01' + (i % 5000), 'AB' || lpad(i::text, 6, '0') || 'A',
                       date '2020-01-01', 'bench', case when i % 3 = 0 then 'OPTED_OUT' else 'ENROLLED' end,
                       '309634', lpad(i::text, 8, '0'), 'BENCH COLLEAGUE', '1 High Street', 'LS9 8AB'
                from generate_series(1, 15000) i""").update();
        jdbc.sql("""
                insert into pay_agreement (id, employee_id, effective_from, kind, annual_salary, contracted_weekly_hours,
                    hourly_rate, created_by)
                select gen_random_uuid(), id, date '2020-01-01',
                       case when i % 2 = 0 then 'SALARIED' else 'HOURLY' end,
                       case when i % 2 = 0 then 24000 + (i % 20) * 500 end, case when i % 2 = 0 then 37.5 end,
                       case when i % 2 = 1 then 12.71 + (i % 10) * 0.25 end, 'bench'
                from (select id, row_number() over (order by id) as i from employee) e""").update();
        jdbc.sql("""
                insert into tax_setting (employee_id, effective_from, tax_code, non_cumulative, ni_category,
                    student_loan_plans, source, changed_by)
                select id, date '2020-01-01', case when i % 10 = 0 then 'BR' else '1257L' end, false, 'A',
                       case when i % 4 = 0 then 'PLAN_2' else '' end, 'BENCH', 'bench'
                from (select id, row_number() over (order by id) as i from employee) e""").update();
        jdbc.sql("""
                insert into hours_entry (id, employee_id, team_code, work_date, start_time, minutes, activity, client_id,
                    care_type, submitted_by, submitted_at)
                select gen_random_uuid(), e.id, e.team_code, date '2026-10-01' + d, time '08:00', 450, 'CARE', 'c-1',
                       'PERSONAL_CARE', 'bench', now()
                from employee e cross join generate_series(0, 19) d""").update();
        jdbc.sql("analyze").update();

        long t0 = System.nanoTime();
        UUID id = runs.start(PayPeriod.of(YearMonth.parse("2026-10"), LocalDate.parse("2026-10-30")), "bench");
        String status;
        do {
            Thread.sleep(200);
            status = repository.find(id).orElseThrow().status();
        } while (status.equals("STARTING") || status.equals("RUNNING"));
        double run = (System.nanoTime() - t0) / 1e9;
        assertThat(status).isEqualTo("COMPLETED");
        assertThat(repository.payslipsDone(id)).isEqualTo(15_000);

        long t1 = System.nanoTime();
        String token = "Bearer " + TestTokens.backOffice();
        String bacs = mvc.perform(get("/api/payroll/runs/" + id + "/bacs").header("Authorization", token))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        double bacsSeconds = (System.nanoTime() - t1) / 1e9;
        long t2 = System.nanoTime();
        String fps = mvc.perform(get("/api/payroll/runs/" + id + "/fps.xml").header("Authorization", token))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        double fpsSeconds = (System.nanoTime() - t2) / 1e9;
        long t4 = System.nanoTime();
        int painChars = mvc.perform(get("/api/payroll/runs/" + id + "/pain001.xml").header("Authorization", token))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString().length();
        double painSeconds = (System.nanoTime() - t4) / 1e9;
        long t5 = System.nanoTime();
        int pensionChars = mvc.perform(get("/api/payroll/runs/" + id + "/pension.csv").header("Authorization", token))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString().length();
        double pensionSeconds = (System.nanoTime() - t5) / 1e9;
        System.out.printf("BENCHMARK payroll run: 15,000 colleagues, 300,000 hours entries: run %.1f s; Bacs %.1f s "
                + "(%,d bytes); FPS %.1f s (%,d chars); pain.001 %.1f s (%,d chars); pension CSV %.1f s (%,d chars); "
                + "max heap %d MB%n", run, bacsSeconds, bacs.length(), fpsSeconds, fps.length(), painSeconds, painChars,
                pensionSeconds, pensionChars, Runtime.getRuntime().maxMemory() >> 20);
        // The test's own copies of the files are not the service's memory: let them go before the PDF.
        bacs = null;
        fps = null;
        long t3 = System.nanoTime();
        var started = mvc.perform(get("/api/payroll/runs/" + id + "/payslips.pdf").header("Authorization", token)).andReturn();
        started.getAsyncResult(600_000);
        byte[] pdf = mvc.perform(asyncDispatch(started)).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsByteArray();
        // A file cut short by an error while streaming (e.g. out of heap) still answers 200: check its end marker.
        String tail = new String(pdf, Math.max(0, pdf.length - 16), Math.min(16, pdf.length),
                java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(tail).as("the PDF is complete").contains("%%EOF");
        int pdfBytes = pdf.length;
        pdf = null;
        double pdfSeconds = (System.nanoTime() - t3) / 1e9;
        System.out.printf("BENCHMARK payslips PDF (15,000 pages) %.1f s (%,d bytes); everything %.1f s%n", pdfSeconds,
                pdfBytes, run + bacsSeconds + fpsSeconds + painSeconds + pensionSeconds + pdfSeconds);
    }
}
