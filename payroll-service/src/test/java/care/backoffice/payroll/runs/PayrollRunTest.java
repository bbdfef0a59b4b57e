package care.backoffice.payroll.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import care.backoffice.payroll.WithOtherParties;
import care.backoffice.support.outbox.OutboxRelay;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import care.backoffice.testing.TestTokens;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The monthly run on a real PostgreSQL, for a small team with a starter, a leaver and an hourly colleague, with
 * every figure worked out by hand (April 2026: tax month 1 of 2026-27, so the period-1 tables apply). Chunks of 2
 * so that a failure part-way leaves some payslips written, and the restart must not write them again.
 */
@TestPropertySource(properties = "payroll.runs.chunk-size=2")
class PayrollRunTest extends WithOtherParties {

    static final String TEAM = "team-run-test";

    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper json;
    @Autowired
    OutboxRelay relay;

    UUID employee(String id, String family, LocalDate start, LocalDate leaving, String kind, String annual, String hours,
            String rate, String taxCode, boolean nonCumulative, String pension) {
        UUID e = UUID.fromString(id);
        jdbc.sql("""
                insert into employee (id, team_code, given_name, family_name, date_of_birth, ni_number, start_date,
                                      leaving_date, created_by, pension_choice, sort_code, account_number, account_name)
                values (?, ?, 'Test', ?, date '1985-03-03', ?, ?, ?, 'test', ?, '309634', '10000001', upper(?))""")
                .params(e, TEAM, family, "JT" + String.format("%06d", ThreadLocalRandom.current().nextInt(1_000_000)) + "A",
                        start, leaving, pension, family).update();
        jdbc.sql("""
                insert into pay_agreement (id, employee_id, effective_from, kind, annual_salary, contracted_weekly_hours,
                    hourly_rate, created_by) values (?, ?, ?, ?, ?, ?, ?, 'test')""")
                .params(UUID.randomUUID(), e, start, kind, annual == null ? null : new BigDecimal(annual),
                        hours == null ? null : new BigDecimal(hours), rate == null ? null : new BigDecimal(rate)).update();
        jdbc.sql("""
                insert into tax_setting (employee_id, effective_from, tax_code, non_cumulative, ni_category, source,
                    changed_by) values (?, ?, ?, ?, 'A', 'TEST', 'test')""")
                .params(e, start, taxCode, nonCumulative).update();
        return e;
    }

    void hours(UUID e, String date, int minutes, String activity, boolean voided) {
        jdbc.sql("""
                insert into hours_entry (id, employee_id, team_code, work_date, start_time, minutes, activity,
                    submitted_by, submitted_at, voided_at) values (?, ?, ?, ?, time '08:00', ?, ?, 't', now(), ?)""")
                .params(UUID.randomUUID(), e, TEAM, LocalDate.parse(date), minutes, activity,
                        voided ? java.sql.Timestamp.from(java.time.Instant.now()) : null).update();
    }

    JsonNode start(String month, String payDate, int expectedStatus) throws Exception {
        String body = mvc.perform(post("/api/payroll/runs").header("Authorization", "Bearer " + TestTokens.backOffice())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"month\":\"" + month + "\",\"payDate\":\"" + payDate + "\"}"))
                .andExpect(status().is(expectedStatus)).andReturn().getResponse().getContentAsString();
        return json.readTree(body);
    }

    JsonNode awaitEnd(String id) throws Exception {
        for (int i = 0; i < 300; i++) {
            JsonNode run = json.readTree(mvc.perform(get("/api/payroll/runs/" + id)
                            .header("Authorization", "Bearer " + TestTokens.backOffice()))
                    .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
            String s = run.get("status").asString();
            if (!s.equals("STARTING") && !s.equals("RUNNING")) {
                return run;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("run " + id + " did not end");
    }

    /** A streamed download: the response is written after the request returns. */
    byte[] download(String path) throws Exception {
        var started = mvc.perform(get(path).header("Authorization", "Bearer " + TestTokens.backOffice())).andReturn();
        return mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch(started))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
    }

    Map<String, Object> payslip(String run, UUID e) {
        return jdbc.sql("""
                select gross_pay, tax, employee_ni, employer_ni, pension_employee, pension_employer, net_pay, paid_minutes
                from payslip where run_id = ?::uuid and employee_id = ?""").params(run, e).query().singleRow();
    }

    static BigDecimal m(String s) {
        return new BigDecimal(s);
    }

    @Test
    void aMonthIsPaidOnceWithHandCheckedFiguresRestartedAfterAFailureAndRolledBackOnlyBeforeFinalising() throws Exception {
        // Full month, salaried £31,200 → £2,600.00; 1257L month 1: free pay 1,048.26, taxable 1,551 → tax 310.20;
        // NI A: (2,600 − 1,048) × 8% = 124.16, employer (2,600 − 417) × 15% = 327.45; pension (relief at source,
        // 5%/3% of qualifying earnings 2,600 − 520 = 2,080): 104.00 gross, 83.20 from pay, employer 62.40.
        // Net 2,600 − 310.20 − 124.16 − 83.20 = 2,082.44.
        resetOthers();
        others.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post("/api/finance/journals")
                .willReturn(aResponse().withStatus(201)));
        UUID anna = employee("00000000-0000-0000-0000-00000000000a", "Aalders", LocalDate.parse("2025-01-01"), null,
                "SALARIED", "31200", "30", null, "1257L", false, "ENROLLED");
        // Starter on 16 April, £24,000: 2,000 × 15/30 = 1,000.00; under free pay, below PT: tax 0, NI 0;
        // employer (1,000 − 417) × 15% = 87.45. Net 1,000.00.
        UUID bram = employee("00000000-0000-0000-0000-00000000000b", "Bos", LocalDate.parse("2026-04-16"), null,
                "SALARIED", "24000", "37.5", null, "1257L", false, "OPTED_OUT");
        // Leaver on 10 April, £36,000: 3,000 × 10/30 = 1,000.00; same deductions as Bram.
        UUID cleo = employee("00000000-0000-0000-0000-00000000000c", "Claes", LocalDate.parse("2024-06-01"),
                LocalDate.parse("2026-04-10"), "SALARIED", "36000", "37.5", null, "1257L", false, "OPTED_OUT");
        // Hourly £13.50, BR: 3 × 8 h paid (sick leave and a voided entry are not): 24 h → 324.00; BR 20% = 64.80;
        // below PT and ST: no NI. Net 259.20.
        UUID dana = employee("00000000-0000-0000-0000-00000000000d", "Dekker", LocalDate.parse("2025-09-01"), null,
                "HOURLY", null, null, "13.50", "BR", false, "OPTED_OUT");
        for (String d : new String[] {"2026-04-07", "2026-04-08", "2026-04-09"}) {
            hours(dana, d, 480, "TRAVEL", false);
        }
        hours(dana, "2026-04-14", 480, "LEAVE_SICK", false);
        hours(dana, "2026-04-15", 480, "ADMIN", true);
        hours(dana, "2026-05-01", 480, "ADMIN", false);
        // Left before April, and starts after it: not paid in April.
        employee("00000000-0000-0000-0000-00000000000e", "Eerder", LocalDate.parse("2024-01-01"), LocalDate.parse("2026-03-31"),
                "SALARIED", "30000", "37.5", null, "1257L", false, "OPTED_OUT");
        employee("00000000-0000-0000-0000-00000000000f", "Later", LocalDate.parse("2026-05-01"), null,
                "SALARIED", "30000", "37.5", null, "1257L", false, "OPTED_OUT");
        // A code the engine refuses, sorted last: the run fails after the first chunks are written.
        UUID faulty = employee("ffffffff-0000-0000-0000-000000000000", "Fout", LocalDate.parse("2025-01-01"), null,
                "SALARIED", "30000", "37.5", null, "1257Q", false, "OPTED_OUT");

        String run = start("2026-04", "2026-04-30", 202).get("id").asString();
        JsonNode failed = awaitEnd(run);
        assertThat(failed.get("status").asString()).isEqualTo("FAILED");
        assertThat(failed.get("progress").get("employeesTotal").asInt()).isEqualTo(5);
        assertThat(failed.get("progress").get("employeesDone").asInt()).isEqualTo(4);
        assertThat(failed.get("failure").asString()).contains("employee " + faulty).contains("taxCode");

        // The back office corrects the code (as from HMRC's notice) and restarts: only the rest is paid.
        jdbc.sql("update tax_setting set tax_code = '1257L' where employee_id = ?").param(faulty).update();
        mvc.perform(post("/api/payroll/runs/" + run + "/restart").header("Authorization", "Bearer " + TestTokens.backOffice()))
                .andExpect(status().isAccepted());
        JsonNode done = awaitEnd(run);
        assertThat(done.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(done.get("progress").get("employeesDone").asInt()).isEqualTo(5);
        assertThat(done.get("taxYear").asString()).isEqualTo("2026-27");
        assertThat(done.get("taxMonth").asInt()).isEqualTo(1);

        assertThat(payslip(run, anna)).containsAllEntriesOf(Map.of("gross_pay", m("2600.00"), "tax", m("310.20"),
                "employee_ni", m("124.16"), "employer_ni", m("327.45"), "pension_employee", m("83.20"),
                "pension_employer", m("62.40"), "net_pay", m("2082.44")));
        for (UUID partMonth : new UUID[] {bram, cleo}) {
            assertThat(payslip(run, partMonth)).containsAllEntriesOf(Map.of("gross_pay", m("1000.00"), "tax", m("0.00"),
                    "employee_ni", m("0.00"), "employer_ni", m("87.45"), "net_pay", m("1000.00")));
        }
        assertThat(payslip(run, dana)).containsAllEntriesOf(Map.of("gross_pay", m("324.00"), "tax", m("64.80"),
                "employee_ni", m("0.00"), "employer_ni", m("0.00"), "net_pay", m("259.20"), "paid_minutes", 1440));

        // The same month again is refused while this run is live; a rolled-back run frees it.
        start("2026-04", "2026-04-30", 409);
        mvc.perform(post("/api/payroll/runs/" + run + "/rollback").header("Authorization", "Bearer " + TestTokens.backOffice()))
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("ROLLED_BACK"))
                .andExpect(jsonPath("$.progress.employeesDone").value(0));
        String again = start("2026-04", "2026-04-30", 202).get("id").asString();
        assertThat(awaitEnd(again).get("status").asString()).isEqualTo("COMPLETED");
        mvc.perform(post("/api/payroll/runs/" + again + "/finalise").header("Authorization", "Bearer " + TestTokens.backOffice()))
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("FINALISED"))
                .andExpect(jsonPath("$.totals.netPay").value(m("2082.44").add(m("1000.00")).add(m("1000.00")).add(m("259.20"))
                        .add(faultyNet()).toPlainString()));
        mvc.perform(post("/api/payroll/runs/" + again + "/rollback").header("Authorization", "Bearer " + TestTokens.backOffice()))
                .andExpect(status().isConflict());

        // The bank file: one credit per colleague (net pay, in pence) and the contra for the total, 100 characters each.
        var bacs = mvc.perform(get("/api/payroll/runs/" + again + "/bacs").header("Authorization", "Bearer " + TestTokens.backOffice()))
                .andExpect(status().isOk()).andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers
                        .header().string("X-Bacs-Total", "6435.28")).andReturn().getResponse();
        // The data records (100 characters) between the 80-character labels; UTL1 carries the totals.
        String[] lines = bacs.getContentAsString().split("\r\n");
        String[] records = java.util.Arrays.stream(lines).filter(l -> l.length() == 100).toArray(String[]::new);
        assertThat(records).hasSize(6);
        assertThat(lines).hasSize(13);
        assertThat(lines[0]).startsWith("VOL1");
        // Paid Thursday 30 April 2026: processed Wednesday 29th, day 119 of 2026.
        assertThat(lines[3]).startsWith("UHL1 26119");
        assertThat(bacs.getHeader("X-Bacs-Processing-Day")).isEqualTo("2026-04-29");
        assertThat(lines[12].substring(0, 44)).isEqualTo("UTL1" + "0000000643528" + "0000000643528" + "0000001" + "0000005");
        assertThat(records[0]).isEqualTo("309634" + "10000001" + "0" + "99" + "000000" + "00000000" + "    "
                + "00000208244" + "CARE BACK OFFICE  " + "PAY 2026-04       " + "AALDERS           ");
        assertThat(records[5].substring(15, 17)).isEqualTo("17");
        assertThat(records[5].substring(35, 46)).isEqualTo("00000643528");
        assertThat(records[5].substring(64, 82)).isEqualTo("CONTRA            ");
        assertThat(java.util.Arrays.stream(records, 0, 5).mapToLong(r -> Long.parseLong(r.substring(35, 46))).sum())
                .isEqualTo(643528);
        // The same payments as ISO 20022 pain.001: totals in the group header and the payment block.
        String pain = mvc.perform(get("/api/payroll/runs/" + again + "/pain001.xml").header("Authorization", "Bearer " + TestTokens.backOffice()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        var painDbf = javax.xml.parsers.DocumentBuilderFactory.newInstance();
        painDbf.setNamespaceAware(true);
        var painXml = painDbf.newDocumentBuilder().parse(new org.xml.sax.InputSource(new java.io.StringReader(pain)));
        var px = javax.xml.xpath.XPathFactory.newInstance().newXPath();
        assertThat(painXml.getDocumentElement().getNamespaceURI()).isEqualTo("urn:iso:std:iso:20022:tech:xsd:pain.001.001.03");
        assertThat(px.evaluate("//*[local-name()='GrpHdr']/*[local-name()='NbOfTxs']", painXml)).isEqualTo("5");
        assertThat(px.evaluate("//*[local-name()='GrpHdr']/*[local-name()='CtrlSum']", painXml)).isEqualTo("6435.28");
        assertThat(px.evaluate("//*[local-name()='PmtInf']/*[local-name()='CtrlSum']", painXml)).isEqualTo("6435.28");
        assertThat(px.evaluate("//*[local-name()='ReqdExctnDt']", painXml)).isEqualTo("2026-04-30");
        assertThat(px.evaluate("count(//*[local-name()='CdtTrfTxInf'])", painXml)).isEqualTo("5");
        var amounts = (org.w3c.dom.NodeList) px.evaluate("//*[local-name()='InstdAmt']", painXml,
                javax.xml.xpath.XPathConstants.NODESET);
        BigDecimal painTotal = BigDecimal.ZERO;
        for (int i = 0; i < amounts.getLength(); i++) {
            painTotal = painTotal.add(new BigDecimal(amounts.item(i).getTextContent()));
        }
        assertThat(painTotal).isEqualByComparingTo("6435.28");
        assertThat(px.evaluate("//*[local-name()='CdtTrfTxInf'][.//*[local-name()='Cdtr']/*[local-name()='Nm']='AALDERS']"
                + "//*[local-name()='InstdAmt']", painXml)).isEqualTo("2082.44");
        assertThat(px.evaluate("//*[local-name()='CdtTrfTxInf'][1]//*[local-name()='CdtrAgt']//*[local-name()='MmbId']",
                painXml)).isEqualTo("309634");

        // Only Anna is enrolled in the pension scheme.
        String csv = mvc.perform(get("/api/payroll/runs/" + again + "/pension.csv").header("Authorization", "Bearer " + TestTokens.backOffice()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(csv.split("\r\n")).hasSize(2);
        assertThat(csv.split("\r\n")[1]).startsWith(anna + ",").endsWith(",\"Aalders\",\"Test\",2026-04-30,2600.00,83.20,62.40");

        // Payslips: Anna's own, and one file with a page per colleague.
        byte[] pdf = download("/api/payroll/runs/" + again + "/payslips/" + anna + ".pdf");
        try (var doc = org.apache.pdfbox.Loader.loadPDF(pdf)) {
            String text = new org.apache.pdfbox.text.PDFTextStripper().getText(doc);
            assertThat(text).contains("Test Aalders", "Tax code 1257L", "NI category A", "tax month 1 of 2026-27",
                    "\u00a32,600.00", "\u00a3310.20", "\u00a3124.16", "\u00a383.20", "\u00a32,082.44");
            assertThat(text).containsPattern("Net pay\\s*\u00a32,082.44");
        }
        byte[] all = download("/api/payroll/runs/" + again + "/payslips.pdf");
        try (var doc = org.apache.pdfbox.Loader.loadPDF(all)) {
            assertThat(doc.getNumberOfPages()).isEqualTo(5);
        }

        // The FPS: every money field in HMRC's pattern, Anna's figures, the starter and the leaver.
        String fps = mvc.perform(get("/api/payroll/runs/" + again + "/fps.xml").header("Authorization", "Bearer " + TestTokens.backOffice()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        var dbf = javax.xml.parsers.DocumentBuilderFactory.newInstance();
        dbf.setNamespaceAware(true);
        var xml = dbf.newDocumentBuilder().parse(new org.xml.sax.InputSource(new java.io.StringReader(fps)));
        var xpath = javax.xml.xpath.XPathFactory.newInstance().newXPath();
        assertThat(xml.getDocumentElement().getNamespaceURI())
                .isEqualTo("http://www.govtalk.gov.uk/taxation/PAYE/RTI/FullPaymentSubmission/26-27/1");
        assertThat(xpath.evaluate("//*[local-name()='RelatedTaxYear']", xml)).isEqualTo("26-27");
        assertThat(xpath.evaluate("count(//*[local-name()='Employee'])", xml)).isEqualTo("5");
        var moneyFields = (org.w3c.dom.NodeList) xpath.evaluate("//*[local-name()='Payment']/*[not(*) and local-name()!='PayFreq' "
                + "and local-name()!='PmtDate' and local-name()!='MonthNo' and local-name()!='PeriodsCovered' "
                + "and local-name()!='HoursWorked' and local-name()!='TaxCode'] | //*[local-name()='FiguresToDate']/* "
                + "| //*[local-name()='NIlettersAndValues']/*[local-name()!='NIletter']", xml, javax.xml.xpath.XPathConstants.NODESET);
        assertThat(moneyFields.getLength()).isGreaterThan(50);
        for (int i = 0; i < moneyFields.getLength(); i++) {
            assertThat(moneyFields.item(i).getTextContent()).as(moneyFields.item(i).getLocalName())
                    .matches("-?(([1-9][0-9]*)|0)\\.[0-9]{2}");
        }
        String a = "//*[local-name()='Employee'][.//*[local-name()='PayId']='" + anna.toString().replace("-", "") + "']";
        Map<String, String> annaFps = new java.util.LinkedHashMap<>();
        for (String f : new String[] {"TaxCode", "HoursWorked", "MonthNo", "PayAfterStatDedns", "EmpeePenContribnsNotPaid",
                "TaxDeductedOrRefunded", "NIletter", "GrossEarningsForNICsInPd", "AtLELYTD", "LELtoPTYTD", "PTtoUELYTD",
                "EmpeeContribnsInPd", "TotalEmpNICInPd"}) {
            annaFps.put(f, xpath.evaluate(a + "//*[local-name()='" + f + "']", xml));
        }
        // NI bands to date, 2026-27 monthly: LEL 559, PT 1,048 → at LEL 559.00, LEL to PT 489.00, PT to UEL 1,552.00.
        assertThat(annaFps).isEqualTo(Map.ofEntries(
                Map.entry("TaxCode", "1257L"), Map.entry("HoursWorked", "D"), Map.entry("MonthNo", "1"),
                Map.entry("PayAfterStatDedns", "2165.64"), Map.entry("EmpeePenContribnsNotPaid", "83.20"),
                Map.entry("TaxDeductedOrRefunded", "310.20"), Map.entry("NIletter", "A"),
                Map.entry("GrossEarningsForNICsInPd", "2600.00"), Map.entry("AtLELYTD", "559.00"),
                Map.entry("LELtoPTYTD", "489.00"), Map.entry("PTtoUELYTD", "1552.00"),
                Map.entry("EmpeeContribnsInPd", "124.16"), Map.entry("TotalEmpNICInPd", "327.45")));
        assertThat(xpath.evaluate("//*[local-name()='Employee'][.//*[local-name()='PayId']='" + bram.toString().replace("-", "")
                + "']//*[local-name()='StartDate']", xml)).isEqualTo("2026-04-16");
        assertThat(xpath.evaluate("//*[local-name()='Employee'][.//*[local-name()='PayId']='" + cleo.toString().replace("-", "")
                + "']//*[local-name()='LeavingDate']", xml)).isEqualTo("2026-04-10");
        assertThat(xpath.evaluate("//*[local-name()='Employee'][.//*[local-name()='PayId']='" + dana.toString().replace("-", "")
                + "']//*[local-name()='HoursWorked']", xml)).isEqualTo("E");

        // One journal to finance, by team, balanced: gross 7,424.00 = net 6,435.28 + tax 665.20 + employee NI 240.32
        // + employee pension 83.20; employer NI 327.45 + 87.45 + 87.45 + 312.45 = 814.80; employer pension 62.40.
        relay.deliverDue();
        relay.deliverDue();
        others.verify(1, postRequestedFor(urlEqualTo("/api/finance/journals")).withRequestBody(equalToJson("""
                {"date":"2026-04-30","source":"payroll","sourceDocumentId":"payroll-run-%s",
                 "description":"Payroll 2026-04 paid 2026-04-30 (tax month 1 of 2026-27)",
                 "lines":[{"account":"6000","debit":"7424.00","team":"%s"},
                          {"account":"6050","debit":"814.80","team":"%s"},
                          {"account":"6060","debit":"62.40","team":"%s"},
                          {"account":"2220","credit":"6435.28","team":"%s"},
                          {"account":"2210","credit":"1720.32","team":"%s"},
                          {"account":"2230","credit":"145.60","team":"%s"}]}""".formatted(again, TEAM, TEAM, TEAM, TEAM,
                TEAM, TEAM))));
        assertThat(jdbc.sql("select count(*) from payslip where employee_id = ? and run_id = ?::uuid").params(anna, again)
                .query(Long.class).single()).isOne();
        assertThat(jdbc.sql("select count(*) from paid_period where period_start = date '2026-04-01' and period_end = date '2026-04-30'")
                .query(Long.class).single()).isOne();

        // May, tax month 2: Anna's year to date carries on from April. Cumulative: pay to date 5,200.00 minus free pay
        // 2 × 1,048.26 = 3,103.48 → 3,103 → tax to date 620.60; less April's 310.20 = 310.40 (not 310.20 again: the
        // pounds are rounded down on the year's total, not per month).
        String may = start("2026-05", "2026-05-29", 202).get("id").asString();
        assertThat(awaitEnd(may).get("status").asString()).isEqualTo("COMPLETED");
        assertThat(payslip(may, anna)).containsAllEntriesOf(Map.of("gross_pay", m("2600.00"), "tax", m("310.40")));

        // Cleo's P45 figures, from her final (April) payslip; Anna has not left.
        mvc.perform(get("/api/payroll/members/" + cleo + "/p45").header("Authorization", "Bearer " + TestTokens.backOffice()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.leavingDate").value("2026-04-10"))
                .andExpect(jsonPath("$.taxYear").value("2026-27"))
                .andExpect(jsonPath("$.lastPaidTaxMonth").value(1))
                .andExpect(jsonPath("$.taxCode").value("1257L"))
                .andExpect(jsonPath("$.payToDate").value("1000.00"))
                .andExpect(jsonPath("$.taxToDate").value("0.00"));
        mvc.perform(get("/api/payroll/members/" + anna + "/p45").header("Authorization", "Bearer " + TestTokens.backOffice()))
                .andExpect(status().isNotFound());

        // Anna sees her own payslips of finalised runs (April), not May's while it may still be rolled back.
        jdbc.sql("update employee set login_username = 'anna.aalders.000000' where id = ?").param(anna).update();
        String annaToken = "Bearer " + TestTokens.withRoles("anna.aalders.000000", TEAM, "team-member");
        mvc.perform(get("/api/payroll/me/payslips").header("Authorization", annaToken))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(1))
                .andExpect(jsonPath("$[0].period").value("2026-04"))
                .andExpect(jsonPath("$[0].netPay").value("2082.44"));
        var mine = mvc.perform(get("/api/payroll/me/payslips/" + again + ".pdf").header("Authorization", annaToken)).andReturn();
        byte[] minePdf = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch(mine))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        try (var doc = org.apache.pdfbox.Loader.loadPDF(minePdf)) {
            assertThat(new org.apache.pdfbox.text.PDFTextStripper().getText(doc)).contains("Test Aalders", "\u00a32,082.44");
        }
        mvc.perform(get("/api/payroll/me/payslips/" + may + ".pdf").header("Authorization", annaToken))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/payroll/me/payslips").header("Authorization", "Bearer " + TestTokens.teamMember(TEAM)))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/payroll/me/payslips").header("Authorization", "Bearer " + TestTokens.backOffice()))
                .andExpect(status().isForbidden());

        String ytd = jdbc.sql("select year_to_date::text from payslip where run_id = ?::uuid and employee_id = ?")
                .params(may, anna).query(String.class).single();
        assertThat(json.readTree(ytd).get("grossPay").asString()).isEqualTo("5200.00");
        assertThat(json.readTree(ytd).get("tax").asString()).isEqualTo("620.60");
        // Bram's first full month, cumulative from his April starter month: pay to date 3,000.00 − 2,096.52 = 903.48 →
        // 903 → 180.60 to date, none paid in April; NI (2,000 − 1,048) × 8% = 76.16. Cleo left in April: not paid.
        assertThat(payslip(may, bram)).containsAllEntriesOf(Map.of("gross_pay", m("2000.00"), "tax", m("180.60"),
                "employee_ni", m("76.16")));
        assertThat(jdbc.sql("select count(*) from payslip where run_id = ?::uuid and employee_id = ?").params(may, cleo)
                .query(Long.class).single()).isZero();

        // June, tax month 3, after May is finalised: Anna 7,800.00 − 3 × 1,048.26 = 4,655.22 → 4,655 → 931.00 to date,
        // less 620.60 = 310.40; Bram 5,000.00 − 3,144.78 = 1,855.22 → 1,855 → 371.00, less 180.60 = 190.40.
        mvc.perform(post("/api/payroll/runs/" + may + "/finalise").header("Authorization", "Bearer " + TestTokens.backOffice()))
                .andExpect(status().isOk());
        String june = start("2026-06", "2026-06-30", 202).get("id").asString();
        assertThat(awaitEnd(june).get("status").asString()).isEqualTo("COMPLETED");
        assertThat(payslip(june, anna)).containsAllEntriesOf(Map.of("gross_pay", m("2600.00"), "tax", m("310.40")));
        assertThat(payslip(june, bram)).containsAllEntriesOf(Map.of("gross_pay", m("2000.00"), "tax", m("190.40")));
        String juneYtd = jdbc.sql("select year_to_date::text from payslip where run_id = ?::uuid and employee_id = ?")
                .params(june, anna).query(String.class).single();
        assertThat(json.readTree(juneYtd).get("grossPay").asString()).isEqualTo("7800.00");
        assertThat(json.readTree(juneYtd).get("tax").asString()).isEqualTo("931.00");
    }

    /** £30,000 full month (2,500.00), 1257L month 1: taxable 1,451 → 290.20; NI (2,500 − 1,048) × 8% = 116.16. */
    static BigDecimal faultyNet() {
        return m("2500.00").subtract(m("290.20")).subtract(m("116.16"));
    }

    @Test
    void onlyTheBackOfficeRunsPayrollAndBadRequestsAreNamed() throws Exception {
        mvc.perform(post("/api/payroll/runs").header("Authorization", "Bearer " + TestTokens.teamMember(TEAM))
                .contentType(MediaType.APPLICATION_JSON).content("{\"month\":\"2026-06\",\"payDate\":\"2026-06-30\"}"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/payroll/runs").header("Authorization", "Bearer " + TestTokens.backOffice())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"month\":\"June\",\"payDate\":\"2099-06-30\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", org.hamcrest.Matchers.containsInAnyOrder("month", "payDate")));
        mvc.perform(get("/api/payroll/runs/" + UUID.randomUUID()).header("Authorization", "Bearer " + TestTokens.backOffice()))
                .andExpect(status().isNotFound());
    }
}
