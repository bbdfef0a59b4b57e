package care.backoffice.billing.runs;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import care.backoffice.billing.BillingIntegrationTest;
import care.backoffice.billing.Fixtures;
import care.backoffice.billing.documents.PeppolValidator;
import care.backoffice.testing.TestTokens;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.jayway.jsonpath.JsonPath;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A month of care for one council, one NHS CHC funder and two self-funders, billed end to end: pricing rules,
 * a price change and a change of funder mid-month, documents validated under PEPPOL BIS 3, the journal through
 * the outbox (finance down at first), then amendments, voids and late care after invoicing, a held invoice, and
 * a run that crashes mid-way and is restarted. Later steps build on earlier ones, so the order is fixed; each
 * scenario uses its own month so that runs of earlier months never see later care.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BillingRunTest extends BillingIntegrationTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PeppolValidator peppol;

    String council;
    String icb;
    String selfFunders;
    String visitA1;
    String visitA2;
    String visitB1;

    @BeforeAll
    void aMonthOfCare() throws Exception {
        Fixtures f = new Fixtures(mvc);
        council = f.funder("Run Test Borough Council", "LOCAL_AUTHORITY",
                "\"peppolParticipantId\": \"0088:5012345678900\", \"requiredReferences\": [\"PURCHASE_ORDER_NUMBER\", \"CLIENT_REFERENCE\"]");
        icb = f.funder("Run Test CHC Team", "NHS_CHC", "\"peppolParticipantId\": \"0088:5012345000015\"");
        selfFunders = f.funder("Run Test self-funding clients", "SELF_FUNDER", "\"email\": \"accounts@care.example\"");
        // Council: 15-minute units to the nearest unit, actual time; £24.00 until 14 October, £25.50 from the 15th.
        String councilContract = f.contract(council, "FIFTEEN_MINUTES", "NEAREST", "ACTUAL", "COUNCIL_CSV",
                "[{\"careType\": \"PERSONAL_CARE\", \"hourlyRate\": \"24.00\"}]", "");
        f.rate(councilContract, "PERSONAL_CARE", "25.50", "2026-10-15");
        // CHC: per minute, planned time, £30.00.
        f.contract(icb, "MINUTE", "UP", "PLANNED", "[{\"careType\": \"PERSONAL_CARE\", \"hourlyRate\": \"30.00\"}]", "");
        // Self-funders: 5-minute units rounded up, £18.00 for domestic support.
        f.contract(selfFunders, "FIVE_MINUTES", "UP", "ACTUAL", "PDF_EMAIL",
                "[{\"careType\": \"DOMESTIC_SUPPORT\", \"hourlyRate\": \"18.00\"}]", "");
        f.client("run-a", council, "2026-01-01", "LA-100");
        f.fundingFrom("run-a", icb, "2026-10-20", "CHC-200");   // funder changes mid-month
        f.client("run-b", council, "2026-01-01", "LA-101");
        f.client("run-sf1", selfFunders, "2026-01-01", null);
        f.client("run-sf2", selfFunders, "2026-01-01", null);

        visitA1 = f.care("team-noord", "run-a", "PERSONAL_CARE", "2026-10-03", 45, null);   // council £24.00, 45 → 45
        visitA2 = f.care("team-noord", "run-a", "PERSONAL_CARE", "2026-10-16", 52, null);   // council £25.50, 52 → 45
        f.care("team-noord", "run-a", "PERSONAL_CARE", "2026-10-21", 50, 45);                // CHC £30.00, planned 45
        visitB1 = f.care("team-zuid", "run-b", "PERSONAL_CARE", "2026-10-10", 38, null);    // council £24.00, 38 → 45
        f.care("team-noord", "run-sf1", "DOMESTIC_SUPPORT", "2026-10-05", 31, null);         // 5-min up: 35 → £10.50
        f.care("team-noord", "run-sf2", "DOMESTIC_SUPPORT", "2026-10-06", 60, null);         // 60 → £18.00
        f.care("team-noord", "run-unknown-client", "PERSONAL_CARE", "2026-10-07", 30, null); // parked
    }

    @Test
    @Order(1)
    void aDryRunPreviewsTheInvoicesWithoutIssuingOrBillingAnything() throws Exception {
        String run = RunTesting.awaitEnd(mvc, RunTesting.start(mvc, "2026-10", true));
        assertThat((String) JsonPath.read(run, "$.status")).isEqualTo("COMPLETED");
        List<String> councilNet = JsonPath.read(run, "$.preview[?(@.funderId == '" + council + "')].previewDocument.net");
        assertThat(councilNet).containsExactly("55.13");
        List<?> selfFunderDocs = JsonPath.read(run, "$.preview[?(@.funderId == '" + selfFunders + "')]");
        assertThat(selfFunderDocs).hasSize(2);
        assertThat((List<?>) JsonPath.read(run, "$.documents")).isEmpty();
        assertThat(jdbc.sql("select count(*) from care_charge where client_id like 'run-%'")
                .query(Long.class).single()).isZero();
    }

    @Test
    @Order(2)
    void theRunIssuesOneValidInvoicePerFunderAndPerSelfFundingClientAndPostsTheJournalOnceFinanceIsBack() throws Exception {
        // Finance is down for the first delivery attempt.
        FINANCE.stubFor(post(urlEqualTo("/api/finance/journals")).inScenario("finance").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("up"));
        FINANCE.stubFor(post(urlEqualTo("/api/finance/journals")).inScenario("finance").whenScenarioStateIs("up")
                .willReturn(aResponse().withStatus(201)));

        String run = RunTesting.run(mvc, "2026-10");
        String runId = JsonPath.read(run, "$.id");
        assertThat((String) JsonPath.read(run, "$.status")).isEqualTo("COMPLETED");
        assertThat((Integer) JsonPath.read(run, "$.progress.careRecordsDone"))
                .isEqualTo((Integer) JsonPath.read(run, "$.progress.careRecordsTotal"));
        assertThat((Integer) JsonPath.read(run, "$.progress.documentsRejected")).isZero();

        Map<String, Object> councilInvoice = invoiceOf(run, council);
        assertThat(councilInvoice.get("total")).isEqualTo("55.13");
        assertThat(councilInvoice.get("purchaseOrderNumber")).isEqualTo("PO-4711");
        List<Map<String, Object>> lines = lines(councilInvoice);
        // £24.00 × 45 min = 18.00 (run-a, 3 Oct); £25.50 × 45 min = 19.125 → 19.13 (run-a, 16 Oct, new price);
        // £24.00 × 45 min = 18.00 (run-b: 38 min to the nearest 15).
        assertThat(lines).extracting(l -> l.get("clientId") + " " + l.get("hourlyRate") + " " + l.get("minutes") + " "
                        + l.get("amount") + " " + l.get("funderReference"))
                .containsExactly("run-a 24.00 45 18.00 LA-100", "run-a 25.50 45 19.13 LA-100", "run-b 24.00 45 18.00 LA-101");
        assertThat((List<?>) councilInvoice.get("documents")).asList().containsExactly("CSV", "PDF", "UBL");

        Map<String, Object> chc = invoiceOf(run, icb);
        assertThat(chc.get("total")).isEqualTo("22.50");   // planned 45 min at £30.00, after the change of funder
        List<Map<String, Object>> selfFunded = JsonPath.read(run, "$.documents[?(@.funderId == '" + selfFunders + "')]");
        assertThat(selfFunded).extracting(d -> d.get("clientId") + " " + d.get("total"))
                .containsExactlyInAnyOrder("run-sf1 10.50", "run-sf2 18.00");

        // Self-funding clients are not on PEPPOL: they get the PDF.
        assertThat(selfFunded).extracting(d -> d.get("documents")).containsOnly(List.of("PDF"));
        for (Map<String, Object> doc : List.of(councilInvoice, chc)) {
            String ubl = document((String) doc.get("id"), "ubl");
            assertThat(peppol.validateInvoice(ubl)).as("PEPPOL violations of " + doc.get("number")).isEmpty();
            assertThat(ubl).contains("<cbc:ID>E</cbc:ID>").contains("Schedule 9 Group 7");
            assertThat(document((String) doc.get("id"), "pdf")).startsWith("%PDF");
        }
        String csv = document((String) councilInvoice.get("id"), "csv");
        assertThat(csv.lines()).hasSize(4).anyMatch(l -> l.contains("run-b,LA-101,2026-10-10,PERSONAL_CARE,38,45,24.00,18.00"));

        // The journal reaches finance on a later attempt and balances; council income by team.
        String journal = awaitJournal("billing-run-" + runId);
        List<String> debits = JsonPath.read(journal, "$.lines[*].debit");
        List<String> credits = JsonPath.read(journal, "$.lines[*].credit");
        BigDecimal debit = debits.stream().map(BigDecimal::new).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal credit = credits.stream().map(BigDecimal::new).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(debit).isEqualByComparingTo(credit);
        // Income belongs to the month the care was delivered in, so finance's close of October finds it there.
        assertThat((String) JsonPath.read(journal, "$.date")).isEqualTo("2026-10-31");
        assertThat((List<String>) JsonPath.read(journal, "$.lines[?(@.account == '4000' && @.team == 'team-noord' && @.dimensions.funder == '"
                + council + "')].credit")).containsExactly("37.13");
        assertThat((List<String>) JsonPath.read(journal, "$.lines[?(@.account == '1100' && @.team == 'team-zuid' && @.dimensions.funder == '"
                + council + "')].debit")).containsExactly("18.00");
        assertThat((List<String>) JsonPath.read(journal, "$.lines[?(@.account == '4010' && @.dimensions.funder == '" + icb
                + "')].credit")).containsExactly("22.50");
        assertThat((List<String>) JsonPath.read(journal, "$.lines[?(@.account == '4020')].dimensions.payerType"))
                .containsOnly("SELF_FUNDER");
        assertThat(jdbc.sql("select attempts from outbox_message where message_key = ?").param("billing-run-" + runId)
                .query(Integer.class).single()).isGreaterThanOrEqualTo(2);

        // The team sees what it delivered and what was charged; the unknown client is still to fix.
        mvc.perform(get("/api/billing/teams/team-noord/statistics?month=2026-10")
                        .header("Authorization", "Bearer " + TestTokens.teamMember("team-noord")))
                .andExpect(status().isOk())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath("$.careHoursDelivered").value(4.47))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath("$.careHoursCharged").value(3.83))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath("$.unbillable[0].clientId").value("run-unknown-client"));
    }

    @Test
    @Order(3)
    void runningTheSameMonthAgainChargesNothingTwice() throws Exception {
        String run = RunTesting.run(mvc, "2026-10");
        assertThat((List<?>) JsonPath.read(run, "$.documents[?(@.funderId in ['" + council + "','" + icb + "','"
                + selfFunders + "'])]")).isEmpty();
        assertThat(jdbc.sql("select count(*) from invoice where funder_id = ?::uuid").param(council).query(Long.class).single())
                .isEqualTo(1L);
    }

    @Test
    @Order(4)
    void amendedVoidedAndLateCareAfterInvoicingIsCreditedAndChargedInTheNextRun() throws Exception {
        Fixtures f = new Fixtures(mvc);
        String original = jdbc.sql("select number from invoice where funder_id = ?::uuid and status = 'ISSUED'").param(council).query(String.class).single();
        f.careVersion(visitA2, 2, "ACTIVE", "team-noord", "run-a", "PERSONAL_CARE", "2026-10-16", 70, null); // 70 → 75
        f.careVersion(visitB1, 2, "VOID", "team-zuid", "run-b", "PERSONAL_CARE", "2026-10-10", 38, null);
        f.care("team-zuid", "run-b", "PERSONAL_CARE", "2026-10-28", 60, null);   // late October care
        f.care("team-zuid", "run-b", "PERSONAL_CARE", "2026-11-02", 30, null);   // November

        String run = RunTesting.run(mvc, "2026-11");
        List<Map<String, Object>> docs = JsonPath.read(run, "$.documents[?(@.funderId == '" + council + "')]");
        Map<String, Object> creditNote = docs.stream().filter(d -> d.get("kind").equals("CREDIT_NOTE")).findFirst().orElseThrow();
        Map<String, Object> invoice = docs.stream().filter(d -> d.get("kind").equals("INVOICE")).findFirst().orElseThrow();
        // Credited as first charged: run-a 45 min at £25.50 = 19.13 and run-b 45 min at £24.00 = 18.00.
        assertThat(creditNote.get("total")).isEqualTo("37.13");
        // Charged anew: run-a 75 min at £25.50 = 31.875 → 31.88; run-b 60 + 30 min at £25.50 = 38.25.
        assertThat(invoice.get("total")).isEqualTo("70.13");
        String creditUbl = document((String) creditNote.get("id"), "ubl");
        assertThat(peppol.validateCreditNote(creditUbl)).isEmpty();
        assertThat(creditUbl).contains("<cac:BillingReference><cac:InvoiceDocumentReference><cbc:ID>" + original);
        assertThat(peppol.validateInvoice(document((String) invoice.get("id"), "ubl"))).isEmpty();

        String runId = JsonPath.read(run, "$.id");
        String journal = awaitJournal("billing-run-" + runId);
        assertThat((List<String>) JsonPath.read(journal, "$.lines[?(@.account == '1100' && @.team == 'team-noord' && @.dimensions.funder == '"
                + council + "')].debit")).containsExactly("12.75");   // 31.88 − 19.13
        assertThat((List<String>) JsonPath.read(journal, "$.lines[?(@.account == '4000' && @.team == 'team-zuid')].credit"))
                .containsExactly("20.25");                             // 38.25 − 18.00
        assertThat(jdbc.sql("select coalesce(sum(billable_minutes), 0) from care_charge where hours_entry_id = ?::uuid").param(visitB1)
                .query(Integer.class).single()).isZero();
        // The voided visit is settled: nothing of it is left for a later run.
        assertThat(jdbc.sql("select count(*) from care_to_bill where hours_entry_id = ?::uuid").param(visitB1)
                .query(Integer.class).single()).isZero();
    }

    @Test
    @Order(5)
    void anInvoiceLackingAReferenceTheFunderDemandsIsHeldWithTheReasonAndItsCareStaysUnbilled() throws Exception {
        Fixtures f = new Fixtures(mvc);
        String strict = f.funder("Strict Council", "LOCAL_AUTHORITY",
                "\"peppolParticipantId\": \"0088:5012345678900\", \"requiredReferences\": [\"CLIENT_REFERENCE\"]");
        f.contract(strict, "MINUTE", "UP", "ACTUAL", "[{\"careType\": \"NURSING_CARE\", \"hourlyRate\": \"40.00\"}]", "");
        f.client("run-noref", strict, "2026-01-01", null);
        String visit = f.care("team-noord", "run-noref", "NURSING_CARE", "2026-12-01", 30, null);

        String run = RunTesting.run(mvc, "2026-12");
        Map<String, Object> held = invoiceOf(run, strict);
        assertThat(held.get("status")).isEqualTo("REJECTED");
        assertThat((String) held.get("rejection")).contains("client run-noref");
        assertThat(jdbc.sql("select not exists (select 1 from care_charge where hours_entry_id = ?::uuid)").param(visit)
                .query(Boolean.class).single()).isTrue();
        // ...and is back among the care still to bill, for the next run once the reference is there.
        assertThat(jdbc.sql("select count(*) from care_to_bill where hours_entry_id = ?::uuid").param(visit)
                .query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    @Order(6)
    void aRunThatCrashesMidwayIsRestartedAndBillsEveryRecordExactlyOnce() throws Exception {
        Fixtures f = new Fixtures(mvc);
        String first = f.funder("Crash Test ICB One", "NHS_ICB", "\"email\": \"one@icb.example\"");
        String second = f.funder("Crash Test ICB Two", "NHS_ICB", "\"email\": \"two@icb.example\"");
        for (String funder : List.of(first, second)) {
            f.contract(funder, "MINUTE", "UP", "ACTUAL", "PDF_EMAIL",
                    "[{\"careType\": \"NURSING_CARE\", \"hourlyRate\": \"36.00\"}]", "");
        }
        f.client("crash-1", first, "2026-01-01", "X1");
        f.client("crash-2", second, "2026-01-01", "X2");
        for (int day = 1; day <= 20; day++) {
            f.care("team-noord", "crash-1", "NURSING_CARE", "2027-01-%02d".formatted(day), 30, null);
            f.care("team-noord", "crash-2", "NURSING_CARE", "2027-01-%02d".formatted(day), 20, null);
        }
        // The process dies while issuing the second funder's invoice (a database error mid-run).
        jdbc.sql("""
                create function simulate_crash() returns trigger language plpgsql as $$
                begin
                  if new.funder_id = '%s' then raise exception 'simulated crash while issuing'; end if;
                  return new;
                end $$""".formatted(second)).update();
        jdbc.sql("create trigger crash before insert on invoice for each row execute function simulate_crash()").update();
        String failed = RunTesting.run(mvc, "2027-01");
        String runId = JsonPath.read(failed, "$.id");
        assertThat((String) JsonPath.read(failed, "$.status")).isEqualTo("FAILED");
        assertThat((String) JsonPath.read(failed, "$.failure")).contains("simulated crash");
        // Progress of the failed run says how far it got out of how many (it said "1 of 0 documents" when the total
        // was written in the issue step's transaction, which a failure rolls back and a live run had not committed).
        int issued = JsonPath.read(failed, "$.progress.documentsIssued");
        int total = JsonPath.read(failed, "$.progress.documentsTotal");
        assertThat(total).as("documents total of the failed run").isGreaterThanOrEqualTo(2);
        assertThat(issued).as("documents issued before the crash").isLessThan(total);
        assertThat(jdbc.sql("select count(*) from care_charge where client_id = 'crash-2'")
                .query(Long.class).single()).isZero();

        jdbc.sql("drop trigger crash on invoice").update();
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/api/billing/runs/" + runId + "/restart")
                        .header("Authorization", "Bearer " + TestTokens.backOffice()))
                .andExpect(status().isAccepted());
        String done = RunTesting.awaitEnd(mvc, runId);
        assertThat((String) JsonPath.read(done, "$.status")).isEqualTo("COMPLETED");

        assertThat(jdbc.sql("select count(*) from invoice where funder_id in (?::uuid, ?::uuid) and status = 'ISSUED'")
                .params(first, second).query(Long.class).single()).isEqualTo(2L);
        assertThat(jdbc.sql("select count(*) from care_charge where client_id like 'crash-%'")
                .query(Long.class).single()).isEqualTo(40L);
        // 20 × 30 min and 20 × 20 min at £36.00/h: 360.00 and 240.00, each once.
        assertThat(jdbc.sql("select sum(total_amount) from invoice where funder_id in (?::uuid, ?::uuid)")
                .params(first, second).query(BigDecimal.class).single()).isEqualByComparingTo("600.00");
        assertThat(jdbc.sql("select count(*) from outbox_message where message_key = ?").param("billing-run-" + runId)
                .query(Long.class).single()).isEqualTo(1L);
    }

    @Test
    @Order(7)
    void theValidatorReallyRejectsADocumentThatBreaksTheRules() throws Exception {
        String id = jdbc.sql("select id::text from invoice where funder_id = ?::uuid and kind = 'INVOICE' and status = 'ISSUED' limit 1")
                .param(council).query(String.class).single();
        String broken = document(id, "ubl").replaceFirst("<cbc:PayableAmount currencyID=\"GBP\">[0-9.]+<",
                "<cbc:PayableAmount currencyID=\"GBP\">1.00<");
        assertThat(peppol.validateInvoice(broken)).isNotEmpty();
    }

    @Test
    @Order(8)
    void careBeyondAPackagesAuthorisedHoursIsFlaggedAndChargedOrNotAsTheContractSays() throws Exception {
        Fixtures f = new Fixtures(mvc);
        String strictCouncil = f.funder("Package Council", "LOCAL_AUTHORITY", "\"email\": \"pay@package.example\"");
        f.contract(strictCouncil, "MINUTE", "UP", "ACTUAL", "PDF_EMAIL",
                "[{\"careType\": \"PERSONAL_CARE\", \"hourlyRate\": \"30.00\"}]", "\"chargeBeyondAuthorisedHours\": false");
        String lenientCouncil = f.funder("Lenient Council", "LOCAL_AUTHORITY", "\"email\": \"pay@lenient.example\"");
        f.contract(lenientCouncil, "MINUTE", "UP", "ACTUAL", "PDF_EMAIL",
                "[{\"careType\": \"PERSONAL_CARE\", \"hourlyRate\": \"30.00\"}]", "");
        packageClient("pkg-strict", strictCouncil, "2");
        packageClient("pkg-lenient", lenientCouncil, "1");
        // Week of Monday 1 February 2027: 60 + 50 + 30 minutes against 2 authorised hours.
        f.care("team-noord", "pkg-strict", "PERSONAL_CARE", "2027-02-01", 60, null);
        f.care("team-noord", "pkg-strict", "PERSONAL_CARE", "2027-02-02", 50, null);
        f.care("team-noord", "pkg-strict", "PERSONAL_CARE", "2027-02-03", 30, null);
        f.care("team-noord", "pkg-strict", "PERSONAL_CARE", "2027-02-08", 30, null);   // next week, within
        f.care("team-noord", "pkg-lenient", "PERSONAL_CARE", "2027-02-01", 45, null);
        f.care("team-noord", "pkg-lenient", "PERSONAL_CARE", "2027-02-04", 45, null);

        String run = RunTesting.run(mvc, "2027-02");
        List<Map<String, Object>> flags = JsonPath.read(run, "$.beyondAuthorisedHours[?(@.clientId =~ /pkg-.*/)]");
        assertThat(flags).extracting(m -> m.get("clientId") + " " + m.get("weekStarting") + " " + m.get("minutesBeyond")
                + " " + m.get("charged")).containsExactly("pkg-lenient 2027-02-01 30 true", "pkg-strict 2027-02-01 20 false");
        // Strict: 60 + 50 + 10 minutes in the first week, 30 in the second: 150 min at £30.00 = 75.00.
        assertThat(invoiceOf(run, strictCouncil).get("total")).isEqualTo("75.00");
        // Lenient: all 90 minutes charged = 45.00.
        assertThat(invoiceOf(run, lenientCouncil).get("total")).isEqualTo("45.00");
    }

    @Test
    @Order(8)
    void aWeekAcrossTwoMonthsCountsTheMinutesChargedByTheEarlierRunFirst() throws Exception {
        Fixtures f = new Fixtures(mvc);
        String council = f.funder("Week Across Council", "LOCAL_AUTHORITY", "\"email\": \"pay@across.example\"");
        f.contract(council, "MINUTE", "UP", "ACTUAL", "PDF_EMAIL",
                "[{\"careType\": \"PERSONAL_CARE\", \"hourlyRate\": \"30.00\"}]", "\"chargeBeyondAuthorisedHours\": false");
        packageClient("pkg-across", council, "1");
        // The week of Monday 29 May 2028: 45 minutes on Wednesday 31 May (May's run), 30 on Thursday 1 June.
        f.care("team-noord", "pkg-across", "PERSONAL_CARE", "2028-05-31", 45, null);
        String may = RunTesting.run(mvc, "2028-05");
        assertThat(invoiceOf(may, council).get("total")).isEqualTo("22.50");
        f.care("team-noord", "pkg-across", "PERSONAL_CARE", "2028-06-01", 30, null);

        String june = RunTesting.run(mvc, "2028-06");
        List<Map<String, Object>> flags = JsonPath.read(june, "$.beyondAuthorisedHours[?(@.clientId == 'pkg-across')]");
        // 45 of the 60 authorised minutes went in May: 15 of June's 30 are within, 15 beyond and not charged.
        assertThat(flags).extracting(m -> m.get("weekStarting") + " " + m.get("minutesBeyond") + " " + m.get("charged"))
                .containsExactly("2028-05-29 15 false");
        assertThat(invoiceOf(june, council).get("total")).isEqualTo("7.50");
    }

    @Autowired
    org.springframework.batch.core.repository.JobRepository jobRepository;

    @Test
    @Order(9)
    void aRunWhoseProcessDiedIsRecoveredAndRestarted() throws Exception {
        Fixtures f = new Fixtures(mvc);
        String funder = f.funder("Died Run ICB", "NHS_ICB", "\"email\": \"died@icb.example\"");
        f.contract(funder, "MINUTE", "UP", "ACTUAL", "PDF_EMAIL", "[{\"careType\": \"NURSING_CARE\", \"hourlyRate\": \"36.00\"}]", "");
        f.client("died-1", funder, "2027-01-01", "D1");
        f.care("team-noord", "died-1", "NURSING_CARE", "2027-03-02", 60, null);
        java.util.UUID runId = java.util.UUID.randomUUID();
        deadRun(runId, "2027-03");

        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/api/billing/runs/" + runId + "/restart")
                        .header("Authorization", "Bearer " + TestTokens.backOffice()))
                .andExpect(status().isAccepted());
        String done = RunTesting.awaitEnd(mvc, runId.toString());
        assertThat((String) JsonPath.read(done, "$.status")).isEqualTo("COMPLETED");
        assertThat(invoiceOf(done, funder).get("total")).isEqualTo("36.00");
    }

    @Autowired
    BillingRunService runService;

    @Test
    @Order(10)
    void aRunLeftInProgressByAStoppedProcessIsMarkedFailedWhenTheServiceStartsSoANewRunCanBegin() throws Exception {
        Fixtures f = new Fixtures(mvc);
        String funder = f.funder("Stopped Run ICB", "NHS_ICB", "\"email\": \"stopped@icb.example\"");
        f.contract(funder, "MINUTE", "UP", "ACTUAL", "PDF_EMAIL", "[{\"careType\": \"NURSING_CARE\", \"hourlyRate\": \"36.00\"}]", "");
        f.client("stopped-1", funder, "2028-01-01", "S1");
        f.care("team-noord", "stopped-1", "NURSING_CARE", "2028-08-02", 60, null);
        java.util.UUID runId = java.util.UUID.randomUUID();
        long executionId = deadRun(runId, "2028-08");
        // While it shows as running, a new run is refused.
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/api/billing/runs")
                        .header("Authorization", "Bearer " + TestTokens.backOffice())
                        .contentType(org.springframework.http.MediaType.APPLICATION_JSON).content("{\"month\": \"2028-08\"}"))
                .andExpect(status().isConflict());

        runService.failRunsOfAStoppedProcess();   // what the service does when it has started

        String stopped = RunTesting.get(mvc, runId.toString());
        assertThat((String) JsonPath.read(stopped, "$.status")).isEqualTo("FAILED");
        assertThat((String) JsonPath.read(stopped, "$.failure")).contains("the service stopped while this run was in progress");
        assertThat(jobRepository.getJobExecution(executionId).getStatus().isRunning()).isFalse();
        String next = RunTesting.run(mvc, "2028-08");
        assertThat((String) JsonPath.read(next, "$.status")).isEqualTo("COMPLETED");
        assertThat(invoiceOf(next, funder).get("total")).isEqualTo("36.00");
    }

    /**
     * What a process killed mid-run leaves behind: the run RUNNING and its execution STARTED, nobody working on it.
     * @return the job execution's id
     */
    private long deadRun(java.util.UUID runId, String month) {
        var params = new org.springframework.batch.core.job.parameters.JobParametersBuilder()
                .addString("runId", runId.toString()).addString("month", month).addString("dryRun", "false", false)
                .toJobParameters();
        var instance = jobRepository.createJobInstance(BillingJobConfiguration.JOB, params);
        var execution = jobRepository.createJobExecution(instance, params,
                new org.springframework.batch.infrastructure.item.ExecutionContext());
        execution.setStatus(org.springframework.batch.core.BatchStatus.STARTED);
        execution.setStartTime(java.time.LocalDateTime.now());
        jobRepository.update(execution);
        jdbc.sql("insert into billing_run (id, month, dry_run, status, job_execution_id, requested_by) "
                + "values (?, ?, false, 'RUNNING', ?, 'backoffice-user')").params(runId, month, execution.getId()).update();
        return execution.getId();
    }

    @Test
    @Order(8)
    void anAmendedVisitWithinItsPackageIsCreditedAndChargedAgainInFull() throws Exception {
        Fixtures f = new Fixtures(mvc);
        String council = f.funder("Amended Package Council", "LOCAL_AUTHORITY", "\"email\": \"pay@amended.example\"");
        f.contract(council, "MINUTE", "UP", "ACTUAL", "PDF_EMAIL",
                "[{\"careType\": \"PERSONAL_CARE\", \"hourlyRate\": \"30.00\"}]", "\"chargeBeyondAuthorisedHours\": false");
        packageClient("pkg-amended", council, "1");
        String visit = f.care("team-noord", "pkg-amended", "PERSONAL_CARE", "2032-03-02", 60, null);
        assertThat(invoiceOf(RunTesting.run(mvc, "2032-03"), council).get("total")).isEqualTo("30.00");

        // 60 → 45 minutes, still within the hour a week. The run credits the 60 charged before, so they must not
        // count against the package as well (they did: the 45 were left uncharged as beyond it, a 0.00 invoice).
        f.careVersion(visit, 2, "ACTIVE", "team-noord", "pkg-amended", "PERSONAL_CARE", "2032-03-02", 45, null);
        String again = RunTesting.run(mvc, "2032-03");
        List<Map<String, Object>> docs = JsonPath.read(again, "$.documents[?(@.funderId == '" + council + "')]");
        assertThat(docs).extracting(d -> d.get("kind") + " " + d.get("total"))
                .containsExactlyInAnyOrder("CREDIT_NOTE 30.00", "INVOICE 22.50");
        assertThat((List<Object>) JsonPath.read(again, "$.beyondAuthorisedHours[?(@.clientId == 'pkg-amended')]")).isEmpty();
    }

    private void packageClient(String id, String funderId, String hoursPerWeek) throws Exception {
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/api/billing/clients")
                        .header("Authorization", "Bearer " + TestTokens.backOffice())
                        .contentType(org.springframework.http.MediaType.APPLICATION_JSON).content("""
                                {"id": "%s", "name": "Client %s",
                                 "address": {"line1": "3 Elm Road", "city": "Arnhem Vale", "postcode": "AV2 2BB"},
                                 "funding": {"funderId": "%s", "from": "2027-01-01", "packageKind": "COUNCIL_PACKAGE",
                                             "funderReference": "PKG-%s", "authorisedHoursPerWeek": "%s"}}"""
                                .formatted(id, id, funderId, id, hoursPerWeek)))
                .andExpect(status().isCreated());
    }

    private Map<String, Object> invoiceOf(String run, String funderId) throws Exception {
        List<Map<String, Object>> docs = JsonPath.read(run, "$.documents[?(@.funderId == '" + funderId + "')]");
        assertThat(docs).hasSize(1);
        String body = mvc.perform(get("/api/billing/invoices/" + docs.get(0).get("id"))
                        .header("Authorization", "Bearer " + TestTokens.backOffice()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        return JsonPath.read(body, "$");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> lines(Map<String, Object> invoice) {
        return (List<Map<String, Object>>) invoice.get("lines");
    }

    private String document(String invoiceId, String kind) throws Exception {
        byte[] body = mvc.perform(get("/api/billing/invoices/" + invoiceId + "/documents/" + kind)
                        .header("Authorization", "Bearer " + TestTokens.finance()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        return new String(body, StandardCharsets.ISO_8859_1);
    }

    private String awaitJournal(String sourceDocumentId) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            String status = jdbc.sql("select status from outbox_message where message_key = ?").param(sourceDocumentId)
                    .query(String.class).optional().orElse("NONE");
            if (status.equals("DELIVERED")) {
                var requests = FINANCE.findAll(postRequestedFor(urlEqualTo("/api/finance/journals"))
                        .withRequestBody(matchingJsonPath("$.sourceDocumentId", com.github.tomakehurst.wiremock.client.WireMock.equalTo(sourceDocumentId))));
                assertThat(requests).isNotEmpty();
                return requests.get(requests.size() - 1).getBodyAsString();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("journal " + sourceDocumentId + " was not delivered");
    }
}
