package care.backoffice.payroll.runs;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import care.backoffice.payroll.WithOtherParties;
import care.backoffice.testing.TestTokens;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the run tests share: colleagues stored directly (agreement and tax setting in force from their start), hours,
 * starting a run and waiting for it, downloads. Runs pay everyone employed in the period, whichever test stored
 * them, so each test class uses periods no other class pays, and its colleagues leave before other classes' periods.
 */
abstract class RunFixture extends WithOtherParties {

    @Autowired
    protected MockMvc mvc;
    @Autowired
    protected JsonMapper json;

    static BigDecimal m(String s) {
        return new BigDecimal(s);
    }

    static String backOffice() {
        return "Bearer " + TestTokens.backOffice();
    }

    UUID employee(String team, String family, LocalDate birth, LocalDate start, LocalDate leaving, String kind,
            String annual, String weeklyHours, String rate, String taxCode, boolean nonCumulative, String pension) {
        UUID e = UUID.randomUUID();
        jdbc.sql("""
                insert into employee (id, team_code, given_name, family_name, date_of_birth, ni_number, start_date,
                                      leaving_date, created_by, pension_choice, sort_code, account_number, account_name)
                values (?, ?, 'Test', ?, ?, ?, ?, ?, 'test', ?, '309634', '10000001', upper(?))""")
                .params(e, team, family, birth, "JT" + String.format("%06d", ThreadLocalRandom.current().nextInt(1_000_000))
                        + "A", start, leaving, pension, family).update();
        jdbc.sql("""
                insert into pay_agreement (id, employee_id, effective_from, kind, annual_salary, contracted_weekly_hours,
                    hourly_rate, created_by) values (?, ?, ?, ?, ?, ?, ?, 'test')""")
                .params(UUID.randomUUID(), e, start, kind, annual == null ? null : m(annual),
                        weeklyHours == null ? null : m(weeklyHours), rate == null ? null : m(rate)).update();
        jdbc.sql("""
                insert into tax_setting (employee_id, effective_from, tax_code, non_cumulative, ni_category, source,
                    changed_by) values (?, ?, ?, ?, 'A', 'TEST', 'test')""")
                .params(e, start, taxCode, nonCumulative).update();
        return e;
    }

    void hours(UUID e, String team, String date, String start, int minutes, String activity) {
        jdbc.sql("""
                insert into hours_entry (id, employee_id, team_code, work_date, start_time, minutes, activity,
                    submitted_by, submitted_at) values (?, ?, ?, ?, ?::time, ?, ?, 't', now())""")
                .params(UUID.randomUUID(), e, team, LocalDate.parse(date), start, minutes, activity).update();
    }

    JsonNode startRun(String body, int expectedStatus) throws Exception {
        String answer = mvc.perform(post("/api/payroll/runs").header("Authorization", backOffice())
                        .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().is(expectedStatus)).andReturn().getResponse().getContentAsString();
        return json.readTree(answer);
    }

    /** Starts a monthly run and waits for it to end; returns the run's id. */
    String runMonth(String month, String payDate) throws Exception {
        String id = startRun("{\"month\":\"" + month + "\",\"payDate\":\"" + payDate + "\"}", 202).get("id").asString();
        JsonNode run = awaitEnd(id);
        if (!run.get("status").asString().equals("COMPLETED")) {
            throw new AssertionError("run " + month + " ended " + run);
        }
        return id;
    }

    JsonNode awaitEnd(String id) throws Exception {
        for (int i = 0; i < 600; i++) {
            JsonNode run = json.readTree(mvc.perform(get("/api/payroll/runs/" + id).header("Authorization", backOffice()))
                    .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
            String s = run.get("status").asString();
            if (!s.equals("STARTING") && !s.equals("RUNNING")) {
                return run;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("run " + id + " did not end");
    }

    void finalise(String run) throws Exception {
        mvc.perform(post("/api/payroll/runs/" + run + "/finalise").header("Authorization", backOffice()))
                .andExpect(status().isOk());
    }

    String text(String path) throws Exception {
        return mvc.perform(get(path).header("Authorization", backOffice())).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString();
    }

    /** A streamed download: the response is written after the request returns. */
    byte[] download(String path) throws Exception {
        var started = mvc.perform(get(path).header("Authorization", backOffice())).andReturn();
        return mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch(started))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
    }

    String payslipText(String run, UUID employee) throws Exception {
        try (var doc = org.apache.pdfbox.Loader.loadPDF(download("/api/payroll/runs/" + run + "/payslips/" + employee + ".pdf"))) {
            return new org.apache.pdfbox.text.PDFTextStripper().getText(doc);
        }
    }

    Map<String, Object> payslip(String run, UUID e) {
        return jdbc.sql("""
                select gross_pay, taxable_pay, niable_pay, tax, employee_ni, employer_ni, pension_employee,
                       pension_employer, net_pay, paid_minutes, not_taxed_payments, deductions_from_net_pay
                from payslip where run_id = ?::uuid and employee_id = ?""").params(run, e).query().singleRow();
    }

    /** The FPS of a run, parsed, and an XPath over it (namespaces ignored with local-name()). */
    record Fps(org.w3c.dom.Document xml, javax.xml.xpath.XPath xpath) {
        String of(UUID employee, String field) throws Exception {
            return xpath.evaluate("//*[local-name()='Employee'][.//*[local-name()='PayId']='"
                    + employee.toString().replace("-", "") + "']//*[local-name()='" + field + "']", xml);
        }
    }

    Fps fps(String run) throws Exception {
        String body = text("/api/payroll/runs/" + run + "/fps.xml");
        var dbf = javax.xml.parsers.DocumentBuilderFactory.newInstance();
        dbf.setNamespaceAware(true);
        return new Fps(dbf.newDocumentBuilder().parse(new org.xml.sax.InputSource(new java.io.StringReader(body))),
                javax.xml.xpath.XPathFactory.newInstance().newXPath());
    }
}
