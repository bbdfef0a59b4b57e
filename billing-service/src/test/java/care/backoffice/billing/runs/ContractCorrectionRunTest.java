package care.backoffice.billing.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import care.backoffice.billing.BillingIntegrationTest;
import care.backoffice.billing.Fixtures;
import care.backoffice.billing.documents.PeppolValidator;
import care.backoffice.testing.TestTokens;
import com.jayway.jsonpath.JsonPath;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * Ending and correcting contracts against real billing runs: care after an end is parked with its reason; a
 * correction before billing prices the next run; one after billing never touches the issued invoice but has the next
 * run credit it (a credit note referencing it) and charge the visits again at the corrected terms, with the journal
 * balancing; what cannot be re-charged visit by visit (VAT) is refused naming the invoices. Each scenario bills its
 * own month of 2031 (no other test bills that far), in order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ContractCorrectionRunTest extends BillingIntegrationTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PeppolValidator peppol;

    @org.junit.jupiter.api.BeforeAll
    void financeTakesJournals() {
        FINANCE.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(
                com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo("/api/finance/journals"))
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(201)));
    }

    String ending;
    String endingContract;
    String endedVisit;
    String keptVisit;

    @Test
    @Order(1)
    void careAfterTheEndOfAContractIsParkedAsUnbillableWithTheReason() throws Exception {
        Fixtures f = new Fixtures(mvc);
        ending = f.funder("Ending Borough Council", "LOCAL_AUTHORITY", "\"email\": \"pay@ending.example\"");
        endingContract = f.contract(ending, "MINUTE", "UP", "ACTUAL", "PDF_EMAIL",
                "[{\"careType\": \"PERSONAL_CARE\", \"hourlyRate\": \"24.00\"}]", "");
        f.client("corr-end-1", ending, "2026-01-01", "E-1");
        keptVisit = f.care("team-noord", "corr-end-1", "PERSONAL_CARE", "2031-01-10", 45, null);
        endedVisit = f.care("team-noord", "corr-end-1", "PERSONAL_CARE", "2031-01-20", 45, null);

        send("/api/billing/contracts/" + endingContract + "/end", "{\"endsOn\": \"2031-01-15\", \"reason\": \"Council letter of 2 January\"}", null)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.contract.endsOn").value("2031-01-15"))
                .andExpect(jsonPath("$.rebilling.billedVisits").value(0));

        String run = RunTesting.run(mvc, "2031-01");
        Map<String, Object> invoice = only(run, ending, "INVOICE");
        assertThat(invoice.get("total")).isEqualTo("18.00");   // the 10th only: 45 min at £24.00
        assertThat(unbillableReason(endedVisit)).isEqualTo("The funder of client corr-end-1 has no contract on 2031-01-20");
        assertThat(unbillableReason(keptVisit)).isNull();

        mvc.perform(get("/api/billing/contracts/" + endingContract + "/history").header("Authorization", "Bearer " + TestTokens.finance()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].change").value("ENDED"))
                .andExpect(jsonPath("$[0].previous.endsOn").doesNotExist())
                .andExpect(jsonPath("$[0].current.endsOn").value("2031-01-15"))
                .andExpect(jsonPath("$[0].changedBy").isNotEmpty())
                .andExpect(jsonPath("$[0].reason").value("Council letter of 2 January"));
    }

    @Test
    @Order(2)
    void endingAContractBeforeCareItAlreadyBilledHasTheNextRunCreditItAndParkItWithTheReason() throws Exception {
        String original = jdbc.sql("select number from invoice where funder_id = ?::uuid and kind = 'INVOICE'")
                .param(ending).query(String.class).single();
        send("/api/billing/contracts/" + endingContract + "/end", "{\"endsOn\": \"2031-01-05\", \"reason\": \"The end was the 5th\"}", null)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.rebilling.billedVisits").value(1))
                .andExpect(jsonPath("$.rebilling.invoices[0]").value(original));
        // The issued invoice is untouched.
        assertThat(jdbc.sql("select total_amount from invoice where number = ?").param(original).query(BigDecimal.class).single())
                .isEqualByComparingTo("18.00");

        String run = RunTesting.run(mvc, "2031-02");
        Map<String, Object> credit = only(run, ending, "CREDIT_NOTE");
        assertThat(credit.get("total")).isEqualTo("18.00");
        assertThat((List<?>) JsonPath.read(run, "$.documents[?(@.funderId == '" + ending + "' && @.kind == 'INVOICE')]")).isEmpty();
        assertThat(unbillableReason(keptVisit)).isEqualTo("The funder of client corr-end-1 has no contract on 2031-01-10");
        assertThat(standingCharges(keptVisit)).isZero();
        assertJournalBalances(run);
    }

    @Test
    @Order(3)
    void aBadEndIsRefusedNamingTheFieldAndChangesNothing() throws Exception {
        send("/api/billing/contracts/" + endingContract + "/end", "{\"endsOn\": \"2025-12-31\"}", null)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", containsInAnyOrder("endsOn")));
        send("/api/billing/contracts/" + endingContract + "/end", "{\"endsOn\": \"15/01/2031\"}", null)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", containsInAnyOrder("endsOn")));
        send("/api/billing/contracts/" + UUID.randomUUID() + "/end", "{\"endsOn\": \"2031-01-15\"}", null)
                .andExpect(status().isNotFound());
        assertThat(history(endingContract)).hasSize(2);
    }

    String priced;
    String pricedContract;
    String marchVisit;

    @Test
    @Order(4)
    void aRateCorrectedBeforeBillingPricesTheNextRun() throws Exception {
        Fixtures f = new Fixtures(mvc);
        priced = f.funder("Price Correction Council", "LOCAL_AUTHORITY", "");   // on PEPPOL
        pricedContract = f.contract(priced, "MINUTE", "UP", "ACTUAL", "[{\"careType\": \"PERSONAL_CARE\", \"hourlyRate\": \"24.00\"}]", "");
        f.client("corr-price-1", priced, "2026-01-01", "P-1");
        marchVisit = f.care("team-noord", "corr-price-1", "PERSONAL_CARE", "2031-03-05", 60, null);

        correctRate("26.00", "typed 24 for 26", null).andExpect(status().isOk())
                .andExpect(jsonPath("$.rebilling.billedVisits").value(0))
                .andExpect(jsonPath("$.contract.rates[0].hourlyRate").value("26.00"));

        String run = RunTesting.run(mvc, "2031-03");
        assertThat(only(run, priced, "INVOICE").get("total")).isEqualTo("26.00");
    }

    @Test
    @Order(5)
    void aRateCorrectedAfterBillingIsCreditedAndChargedAgainByTheNextRunAndTheIssuedInvoiceStays() throws Exception {
        Fixtures f = new Fixtures(mvc);
        String march = jdbc.sql("select number from invoice where funder_id = ?::uuid and kind = 'INVOICE'")
                .param(priced).query(String.class).single();
        f.care("team-noord", "corr-price-1", "PERSONAL_CARE", "2031-04-02", 30, null);

        // The same correction twice under one Idempotency-Key: one answer, one change.
        String key = UUID.randomUUID().toString();
        String first = correctRate("27.50", "the council's schedule says 27.50", key).andExpect(status().isOk())
                .andExpect(jsonPath("$.rebilling.billedVisits").value(1))
                .andExpect(jsonPath("$.rebilling.invoices[0]").value(march))
                .andReturn().getResponse().getContentAsString();
        String again = correctRate("27.50", "the council's schedule says 27.50", key).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(JsonPath.<Object>read(again, "$")).isEqualTo(JsonPath.read(first, "$"));
        correctRate("99.00", "another body", key).andExpect(status().isConflict());
        assertThat(history(pricedContract)).hasSize(2);
        assertThat(jdbc.sql("select total_amount from invoice where number = ?").param(march).query(BigDecimal.class).single())
                .isEqualByComparingTo("26.00");

        String run = RunTesting.run(mvc, "2031-04");
        Map<String, Object> credit = only(run, priced, "CREDIT_NOTE");
        Map<String, Object> invoice = only(run, priced, "INVOICE");
        assertThat(credit.get("total")).isEqualTo("26.00");                     // as charged in March
        assertThat(invoice.get("total")).isEqualTo("41.25");                    // 60 min + 30 min at £27.50
        String creditUbl = document((String) credit.get("id"), "ubl");
        assertThat(peppol.validateCreditNote(creditUbl)).isEmpty();
        assertThat(creditUbl).contains("<cac:BillingReference><cac:InvoiceDocumentReference><cbc:ID>" + march);
        assertThat(peppol.validateInvoice(document((String) invoice.get("id"), "ubl"))).isEmpty();
        Map<String, String> journal = assertJournalBalances(run);
        assertThat(journal.get("1100")).isEqualTo("15.25");                     // 41.25 − 26.00

        // Charged once: a second run of the month finds nothing, the visit stands charged at the corrected price.
        String repeat = RunTesting.run(mvc, "2031-04");
        assertThat((List<?>) JsonPath.read(repeat, "$.documents[?(@.funderId == '" + priced + "')]")).isEmpty();
        assertThat(jdbc.sql("select hourly_rate from care_charge where hours_entry_id = ?::uuid").param(marchVisit)
                .query(BigDecimal.class).single()).isEqualByComparingTo("27.50");

        mvc.perform(get("/api/billing/contracts/" + pricedContract + "/history").header("Authorization", "Bearer " + TestTokens.backOffice()))
                .andExpect(jsonPath("$[*].change", containsInAnyOrder("RATE_CORRECTED", "RATE_CORRECTED")))
                .andExpect(jsonPath("$[0].previous.hourlyRate").value("24.00"))
                .andExpect(jsonPath("$[1].previous.hourlyRate").value("26.00"))
                .andExpect(jsonPath("$[1].current.hourlyRate").value("27.50"))
                .andExpect(jsonPath("$[1].rebilledVisits").value(1))
                .andExpect(jsonPath("$[1].invoices[0]").value(march))
                .andExpect(jsonPath("$[1].reason").value("the council's schedule says 27.50"));
    }

    @Test
    @Order(6)
    void aVisitChargedAgainAfterACorrectionCanBeCorrectedAgain() throws Exception {
        // The March visit now stands charged on April's invoice, under the same version as the charge credited:
        // a second correction credits that charge, not the one credited already.
        String april = jdbc.sql("""
                select i.number from care_charge o join invoice i on i.id = o.invoice_id where o.hours_entry_id = ?::uuid""")
                .param(marchVisit).query(String.class).single();
        correctRate("28.00", "indexation applied late", null).andExpect(status().isOk())
                .andExpect(jsonPath("$.rebilling.billedVisits").value(2))
                .andExpect(jsonPath("$.rebilling.invoices[0]").value(april));
        String run = RunTesting.run(mvc, "2031-05");
        assertThat(only(run, priced, "CREDIT_NOTE").get("total")).isEqualTo("41.25");
        assertThat(only(run, priced, "INVOICE").get("total")).isEqualTo("42.00");   // 90 min at £28.00
        assertThat(jdbc.sql("select count(*) from care_charge where client_id = 'corr-price-1'").query(Integer.class).single())
                .isEqualTo(2);
    }

    String units;
    String unitsContract;

    @Test
    @Order(7)
    void aCorrectionOfHowTimeIsCountedReChargesOnlyTheVisitsItRePrices_AndVatOnBilledCareIsRefused() throws Exception {
        Fixtures f = new Fixtures(mvc);
        units = f.funder("Units Correction Council", "LOCAL_AUTHORITY", "\"email\": \"pay@units.example\"");
        unitsContract = f.contract(units, "MINUTE", "UP", "ACTUAL", "PDF_EMAIL",
                "[{\"careType\": \"PERSONAL_CARE\", \"hourlyRate\": \"30.00\"}]", "");
        f.client("corr-units-1", units, "2026-01-01", "U-1");
        f.care("team-zuid", "corr-units-1", "PERSONAL_CARE", "2031-06-03", 50, null);
        f.care("team-zuid", "corr-units-1", "PERSONAL_CARE", "2031-06-04", 60, null);
        String june = RunTesting.run(mvc, "2031-06");
        Map<String, Object> issued = only(june, units, "INVOICE");
        assertThat(issued.get("total")).isEqualTo("55.00");   // 110 min at £30.00

        send("/api/billing/contracts/" + unitsContract + "/corrections", "{\"vat\": \"STANDARD\", \"reason\": \"standard rated\"}", null)
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.billedVisits").value(2))
                .andExpect(jsonPath("$.invoices[0]").value(issued.get("number")))
                .andExpect(jsonPath("$.detail", containsString(issued.get("number").toString())));

        // 15-minute units rounded up: 50 → 60 min re-prices one visit; 60 stays 60.
        send("/api/billing/contracts/" + unitsContract + "/corrections",
                "{\"billingUnit\": \"FIFTEEN_MINUTES\", \"purchaseOrderNumber\": \"PO-77\", \"reason\": \"the contract says quarter hours\"}", null)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.contract.billingUnit").value("FIFTEEN_MINUTES"))
                .andExpect(jsonPath("$.contract.purchaseOrderNumber").value("PO-77"))
                .andExpect(jsonPath("$.contract.vat").value("EXEMPT"))
                .andExpect(jsonPath("$.rebilling.billedVisits").value(1));

        String july = RunTesting.run(mvc, "2031-07");
        assertThat(only(july, units, "CREDIT_NOTE").get("total")).isEqualTo("25.00");   // 50 min as charged
        assertThat(only(july, units, "INVOICE").get("total")).isEqualTo("30.00");       // 60 min
        assertJournalBalances(july);
        mvc.perform(get("/api/billing/contracts/" + unitsContract + "/history").header("Authorization", "Bearer " + TestTokens.backOffice()))
                .andExpect(jsonPath("$.length()").value(1))
                .andExpect(jsonPath("$[0].change").value("TERMS_CORRECTED"))
                .andExpect(jsonPath("$[0].previous.billingUnit").value("MINUTE"))
                .andExpect(jsonPath("$[0].previous.purchaseOrderNumber").value("PO-4711"))
                .andExpect(jsonPath("$[0].current.billingUnit").value("FIFTEEN_MINUTES"))
                .andExpect(jsonPath("$[0].previous.vat").doesNotExist());
    }

    @Test
    @Order(8)
    void aReChargeWithinAPackageIsNotCutByTheChargeItReplaces() throws Exception {
        Fixtures f = new Fixtures(mvc);
        String council = f.funder("Package Correction Council", "LOCAL_AUTHORITY", "\"email\": \"pay@pkg-correction.example\"");
        String contract = f.contract(council, "MINUTE", "UP", "ACTUAL", "PDF_EMAIL",
                "[{\"careType\": \"PERSONAL_CARE\", \"hourlyRate\": \"30.00\"}]", "\"chargeBeyondAuthorisedHours\": false");
        mvc.perform(post("/api/billing/clients").header("Authorization", "Bearer " + TestTokens.backOffice())
                        .contentType(MediaType.APPLICATION_JSON).content("""
                                {"id": "pkg-corr", "name": "Client pkg-corr",
                                 "address": {"line1": "3 Elm Road", "city": "Arnhem Vale", "postcode": "AV2 2BB"},
                                 "funding": {"funderId": "%s", "from": "2026-01-01", "packageKind": "COUNCIL_PACKAGE",
                                             "funderReference": "PKG-C", "authorisedHoursPerWeek": "1"}}""".formatted(council)))
                .andExpect(status().isCreated());
        // Monday 4 August 2031: one hour, exactly the package.
        f.care("team-noord", "pkg-corr", "PERSONAL_CARE", "2031-08-04", 60, null);
        assertThat(only(RunTesting.run(mvc, "2031-08"), council, "INVOICE").get("total")).isEqualTo("30.00");

        send("/api/billing/contracts/" + contract + "/rate-corrections",
                "{\"careType\": \"PERSONAL_CARE\", \"effectiveFrom\": \"2026-01-01\", \"hourlyRate\": \"36.00\", \"reason\": \"rate card\"}", null)
                .andExpect(status().isOk()).andExpect(jsonPath("$.rebilling.billedVisits").value(1));
        String run = RunTesting.run(mvc, "2031-09");
        assertThat(only(run, council, "CREDIT_NOTE").get("total")).isEqualTo("30.00");
        // The hour being credited does not count against the week: the hour is charged again, within the package.
        assertThat(only(run, council, "INVOICE").get("total")).isEqualTo("36.00");
    }

    @Test
    @Order(9)
    void noCorrectionWhileABillingRunIsInProgress() throws Exception {
        UUID live = UUID.randomUUID();
        jdbc.sql("insert into billing_run (id, month, dry_run, status, requested_by) values (?, '2031-10', false, 'RUNNING', 'someone')")
                .param(live).update();
        try {
            correctRate("29.00", "during a run", null)
                    .andExpect(status().isConflict())
                    .andExpect(jsonPath("$.runId").value(live.toString()));
        } finally {
            jdbc.sql("update billing_run set status = 'FAILED', failure = 'test' where id = ?").param(live).update();
        }
        assertThat(history(pricedContract)).hasSize(3);
    }

    @Test
    @Order(10)
    void badCorrectionsAreRefusedNamingEveryFieldAndChangeNothing() throws Exception {
        send("/api/billing/contracts/" + unitsContract + "/corrections", "{}", null)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", containsInAnyOrder("reason", "billingUnit")));
        send("/api/billing/contracts/" + unitsContract + "/corrections",
                "{\"billingUnit\": \"HOUR\", \"rounding\": \"SIDEWAYS\", \"chargedTime\": \"GUESSED\", \"output\": \"FAX\", \"vat\": \"ZERO\", \"reason\": \" \"}", null)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", containsInAnyOrder("billingUnit", "rounding", "chargedTime",
                        "output", "vat", "reason")));
        // The funder has no PEPPOL id.
        send("/api/billing/contracts/" + unitsContract + "/corrections", "{\"output\": \"PEPPOL\", \"reason\": \"x\"}", null)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", containsInAnyOrder("output")));
        send("/api/billing/contracts/" + unitsContract + "/rate-corrections",
                "{\"effectiveFrom\": \"2026-02-30\", \"hourlyRate\": \"1.234\", \"correctedEffectiveFrom\": \"2025-01-01\"}", null)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", containsInAnyOrder("reason", "careType", "effectiveFrom",
                        "hourlyRate", "correctedEffectiveFrom")));
        send("/api/billing/contracts/" + unitsContract + "/rate-corrections",
                "{\"careType\": \"NURSING_CARE\", \"effectiveFrom\": \"2026-01-01\", \"hourlyRate\": \"40.00\", \"reason\": \"x\"}", null)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", containsInAnyOrder("effectiveFrom")));
        mvc.perform(post("/api/billing/contracts/" + unitsContract + "/corrections").header("Authorization", "Bearer " + TestTokens.finance())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"vat\": \"STANDARD\", \"reason\": \"x\"}"))
                .andExpect(status().isForbidden());
        assertThat(history(unitsContract)).hasSize(1);
        String contract = mvc.perform(get("/api/billing/contracts/" + unitsContract).header("Authorization", "Bearer " + TestTokens.backOffice()))
                .andReturn().getResponse().getContentAsString();
        assertThat((String) JsonPath.read(contract, "$.rates[0].hourlyRate")).isEqualTo("30.00");
        assertThat((String) JsonPath.read(contract, "$.output")).isEqualTo("PDF_EMAIL");
        // A repeat of a correction already made changes nothing and adds no history.
        send("/api/billing/contracts/" + unitsContract + "/corrections", "{\"billingUnit\": \"FIFTEEN_MINUTES\", \"reason\": \"again\"}", null)
                .andExpect(status().isOk()).andExpect(jsonPath("$.rebilling.billedVisits").value(0));
        assertThat(history(unitsContract)).hasSize(1);
    }

    private ResultActions correctRate(String rate, String reason, String key) throws Exception {
        return send("/api/billing/contracts/" + pricedContract + "/rate-corrections",
                "{\"careType\": \"PERSONAL_CARE\", \"effectiveFrom\": \"2026-01-01\", \"hourlyRate\": \"%s\", \"reason\": \"%s\"}"
                        .formatted(rate, reason), key);
    }

    private ResultActions send(String path, String body, String idempotencyKey) throws Exception {
        var request = post(path).header("Authorization", "Bearer " + TestTokens.backOffice())
                .contentType(MediaType.APPLICATION_JSON).content(body);
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return mvc.perform(request);
    }

    private List<?> history(String contractId) throws Exception {
        return JsonPath.read(mvc.perform(get("/api/billing/contracts/" + contractId + "/history")
                        .header("Authorization", "Bearer " + TestTokens.backOffice()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(), "$");
    }

    private String unbillableReason(String visit) throws Exception {
        String body = mvc.perform(get("/api/billing/care-delivered/unbillable").header("Authorization", "Bearer " + TestTokens.backOffice()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        List<String> reasons = JsonPath.read(body, "$[?(@.hoursEntryId == '" + visit + "')].reason");
        return reasons.isEmpty() ? null : reasons.get(0);
    }

    private int standingCharges(String visit) {
        return jdbc.sql("select count(*) from care_charge where hours_entry_id = ?::uuid").param(visit).query(Integer.class).single();
    }

    private Map<String, Object> only(String run, String funderId, String kind) throws Exception {
        List<Map<String, Object>> docs = JsonPath.read(run, "$.documents[?(@.funderId == '" + funderId + "' && @.kind == '" + kind + "')]");
        assertThat(docs).as(kind + " of " + funderId + " in " + run).hasSize(1);
        assertThat(docs.get(0).get("status")).isEqualTo("ISSUED");
        String body = mvc.perform(get("/api/billing/invoices/" + docs.get(0).get("id"))
                        .header("Authorization", "Bearer " + TestTokens.backOffice()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        return JsonPath.read(body, "$");
    }

    /** The run's journal (as queued for finance) balances; @return this test's funders' 1100 debits by account. */
    private Map<String, String> assertJournalBalances(String run) {
        String runId = JsonPath.read(run, "$.id");
        String journal = jdbc.sql("select payload from outbox_message where message_key = ?").param("billing-run-" + runId)
                .query(String.class).single();
        List<String> debits = JsonPath.read(journal, "$.lines[*].debit");
        List<String> credits = JsonPath.read(journal, "$.lines[*].credit");
        BigDecimal debit = debits.stream().filter(java.util.Objects::nonNull).map(BigDecimal::new).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal credit = credits.stream().filter(java.util.Objects::nonNull).map(BigDecimal::new).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(debit).isEqualByComparingTo(credit);
        List<String> priceDebtors = JsonPath.read(journal, "$.lines[?(@.account == '1100' && @.dimensions.funder == '" + priced + "')].debit");
        return priceDebtors.isEmpty() ? Map.of() : Map.of("1100", priceDebtors.get(0));
    }

    private String document(String invoiceId, String kind) throws Exception {
        byte[] body = mvc.perform(get("/api/billing/invoices/" + invoiceId + "/documents/" + kind)
                        .header("Authorization", "Bearer " + TestTokens.finance()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        return new String(body, StandardCharsets.ISO_8859_1);
    }
}
