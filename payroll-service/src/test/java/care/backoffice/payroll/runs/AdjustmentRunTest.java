package care.backoffice.payroll.runs;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import care.backoffice.support.outbox.OutboxRelay;
import care.backoffice.testing.TestTokens;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.JsonNode;

/**
 * One-off adjustments recorded by the back office and paid by the run of their period (July and August 2025, tax
 * months 4 and 5 of 2025-26; the colleague leaves before the months other run tests pay). Figures by hand: 2025-26
 * monthly PT 1,048, ST 417, 1257L free pay 1,048.26; the colleague is on 1257L M1, so each month is taxed as month 1.
 */
class AdjustmentRunTest extends RunFixture {

    static final String TEAM = "team-adjust-test";

    @Autowired
    OutboxRelay relay;

    ResultActions add(UUID employee, String key, String body) throws Exception {
        var request = post("/api/payroll/members/" + employee + "/adjustments").header("Authorization", backOffice())
                .contentType(MediaType.APPLICATION_JSON).content(body);
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return mvc.perform(request);
    }

    long stored(UUID employee) {
        return jdbc.sql("select count(*) from pay_adjustment where employee_id = ?").param(employee).query(Long.class).single();
    }

    @Test
    void adjustmentsArePaidByTheirPeriodsRunShownOnThePayslipFpsAndJournalAndAPaidPeriodIsCorrectedLater() throws Exception {
        resetOthers();
        others.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post("/api/finance/journals")
                .willReturn(aResponse().withStatus(201)));
        UUID fenna = employee(TEAM, "Fokkema", LocalDate.parse("1980-05-05"), LocalDate.parse("2025-04-01"),
                LocalDate.parse("2026-03-31"), "SALARIED", "30000", "37.5", null, "1257L", true, "OPTED_OUT");

        // Every bad field named at once, nothing stored.
        add(fenna, null, """
                {"period":"July","type":"TIP","amount":"-5","reason":" ","correctsPeriod":"June"}""")
                .andExpect(status().isBadRequest())
                .andExpect(header().string("Content-Type", Matchers.containsString("application/problem+json")))
                .andExpect(jsonPath("$.errors[*].field", Matchers.containsInAnyOrder("period", "type", "amount", "reason",
                        "correctsPeriod")));
        add(fenna, null, """
                {"period":"2025-07","type":"OTHER_PAYMENT","amount":"10.00","reason":"x"}""")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", Matchers.containsInAnyOrder("taxable", "niable")));
        add(fenna, null, """
                {"period":"2025-07","type":"OTHER_PAYMENT","amount":"10.00","reason":"x","taxable":false,"niable":true}""")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", Matchers.contains("niable")));
        add(fenna, null, """
                {"period":"2025-07","type":"BONUS","amount":"10.00","reason":"x","taxable":false,
                 "correctsPeriod":"2025-07"}""")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", Matchers.containsInAnyOrder("taxable", "correctsPeriod")));
        add(fenna, null, """
                {"period":"2025-03","type":"BONUS","amount":"10.00","reason":"before she started"}""")
                .andExpect(status().isUnprocessableEntity())
                .andExpect(jsonPath("$.errors[*].field", Matchers.contains("period")));
        add(UUID.randomUUID(), null, """
                {"period":"2025-07","type":"BONUS","amount":"10.00","reason":"nobody"}""")
                .andExpect(status().isNotFound());
        mvc.perform(post("/api/payroll/members/" + fenna + "/adjustments")
                        .header("Authorization", "Bearer " + TestTokens.teamMember(TEAM))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"period\":\"2025-07\",\"type\":\"BONUS\",\"amount\":\"10.00\",\"reason\":\"x\"}"))
                .andExpect(status().isForbidden());
        assertThat(stored(fenna)).isZero();

        // Idempotent: a replay returns the first answer, the key with another body is a 409.
        String bonus = """
                {"period":"2025-07","type":"BONUS","amount":"500.00","reason":"Winter cover"}""";
        String id = json.readTree(add(fenna, "bonus-1", bonus).andExpect(status().isCreated())
                .andExpect(jsonPath("$.taxable").value(true)).andExpect(jsonPath("$.niable").value(true))
                .andExpect(jsonPath("$.kind").value("PAYMENT"))
                .andReturn().getResponse().getContentAsString()).get("id").asString();
        add(fenna, "bonus-1", bonus).andExpect(status().isCreated())
                .andExpect(header().string("Idempotent-Replayed", "true")).andExpect(jsonPath("$.id").value(id));
        add(fenna, "bonus-1", bonus.replace("500.00", "600.00")).andExpect(status().isConflict());
        assertThat(stored(fenna)).isOne();

        add(fenna, null, """
                {"period":"2025-07","type":"EXPENSES","amount":"45.60","reason":"Mileage June"}""")
                .andExpect(status().isCreated()).andExpect(jsonPath("$.taxable").value(false));
        add(fenna, null, """
                {"period":"2025-07","type":"PAY_CORRECTION","amount":"100.00","reason":"Unpaid leave 3 July"}""")
                .andExpect(status().isCreated()).andExpect(jsonPath("$.kind").value("DEDUCTION"));
        add(fenna, null, """
                {"period":"2025-07","type":"RECOVERY_FROM_NET_PAY","amount":"50.00","reason":"Advance of 20 June"}""")
                .andExpect(status().isCreated());
        String mistake = json.readTree(add(fenna, null, """
                {"period":"2025-07","type":"BONUS","amount":"999.00","reason":"Typed twice"}""")
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString()).get("id").asString();
        mvc.perform(delete("/api/payroll/adjustments/" + mistake).header("Authorization", backOffice()))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("reason"));
        mvc.perform(delete("/api/payroll/adjustments/" + mistake + "?reason=entered twice").header("Authorization", backOffice()))
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("VOID"))
                .andExpect(jsonPath("$.voidReason").value("entered twice"));

        // July: pay 2,500 + bonus 500 − unpaid leave 100 = 2,900.00, taxable and NI-able.
        // Tax (M1): 2,900 − 1,048.26 = 1,851.74 → 1,851 × 20% = 370.20. NI: (2,900 − 1,048) × 8% = 148.16;
        // employer (2,900 − 417) × 15% = 372.45. Net: 2,900 − 370.20 − 148.16 − advance 50.00 + expenses 45.60 = 2,377.24.
        String july = runMonth("2025-07", "2025-07-31");
        assertThat(payslip(july, fenna)).containsAllEntriesOf(Map.of("gross_pay", m("2900.00"), "taxable_pay", m("2900.00"),
                "tax", m("370.20"), "employee_ni", m("148.16"), "employer_ni", m("372.45"), "net_pay", m("2377.24"),
                "not_taxed_payments", m("45.60"), "deductions_from_net_pay", m("50.00")));

        // The run exists: its period takes no new adjustment, and none is voided under it, until it is rolled back.
        add(fenna, null, """
                {"period":"2025-07","type":"BONUS","amount":"1.00","reason":"late"}""").andExpect(status().isConflict());
        mvc.perform(delete("/api/payroll/adjustments/" + id + "?reason=changed my mind").header("Authorization", backOffice()))
                .andExpect(status().isConflict());

        String slip = payslipText(july, fenna);
        assertThat(slip).contains("Bonus: Winter cover", "\u00a3500.00", "Pay correction: Unpaid leave 3 July", "-\u00a3100.00",
                "Recovery: Advance of 20 June", "\u00a350.00", "Expenses: Mileage June", "\u00a345.60",
                "Added to net pay, no tax or NI");
        assertThat(slip).doesNotContain("Typed twice", "999");
        // Gross 2,900.00 − deductions (370.20 + 148.16 + 50.00 = 568.36) + expenses 45.60 = net 2,377.24.
        assertThat(slip).containsPattern("Total deductions\\s*\u00a3568.36").containsPattern("Net pay\\s*\u00a32,377.24");

        // FPS: the expenses and the deduction from net pay in their own fields; pay after statutory deductions is
        // 2,900 − 370.20 − 148.16 = 2,381.64 (before the advance, without the expenses).
        Fps fps = fps(july);
        assertThat(fps.of(fenna, "NonTaxOrNICPmt")).isEqualTo("45.60");
        assertThat(fps.of(fenna, "DednsFromNetPay")).isEqualTo("50.00");
        assertThat(fps.of(fenna, "PayAfterStatDedns")).isEqualTo("2381.64");
        assertThat(fps.of(fenna, "GrossEarningsForNICsInPd")).isEqualTo("2900.00");

        // The journal, this team's lines: Dr wages 2,900.00, expenses 45.60, employer NI 372.45 = 3,318.05;
        // Cr net 2,377.24, PAYE/NI 370.20 + 148.16 + 372.45 = 890.81, other deductions 50.00 = 3,318.05.
        finalise(july);
        relay.deliverDue();
        relay.deliverDue();
        others.verify(1, postRequestedFor(urlEqualTo("/api/finance/journals")));
        JsonNode journal = json.readTree(others.findAll(postRequestedFor(urlEqualTo("/api/finance/journals"))).get(0)
                .getBodyAsString());
        Map<String, String> ours = new HashMap<>();
        for (JsonNode line : journal.get("lines")) {
            if (line.get("team").asString().equals(TEAM)) {
                ours.put(line.get("account").asString(), (line.has("debit") && !line.get("debit").isNull() ? "Dr " : "Cr ")
                        + (line.has("debit") && !line.get("debit").isNull() ? line.get("debit") : line.get("credit")).asString());
            }
        }
        assertThat(ours).isEqualTo(Map.of("6000", "Dr 2900.00", "5200", "Dr 45.60", "6050", "Dr 372.45",
                "2220", "Cr 2377.24", "2210", "Cr 890.81", "2211", "Cr 50.00"));

        // July is paid: a correction goes into August, naming July.
        add(fenna, null, """
                {"period":"2025-07","type":"BACK_PAY","amount":"120.00","reason":"Hours missed"}""")
                .andExpect(status().isUnprocessableEntity())
                .andExpect(jsonPath("$.errors[0].field").value("period"))
                .andExpect(jsonPath("$.errors[0].reason", Matchers.containsString("later period")));
        add(fenna, null, """
                {"period":"2025-08","type":"BACK_PAY","amount":"120.00","reason":"Hours missed","correctsPeriod":"2025-07"}""")
                .andExpect(status().isCreated());

        // August: 2,500 + back pay 120 = 2,620.00; tax (M1) 2,620 − 1,048.26 = 1,571.74 → 1,571 × 20% = 314.20;
        // NI (2,620 − 1,048) × 8% = 125.76; net 2,620 − 314.20 − 125.76 = 2,180.04.
        String august = runMonth("2025-08", "2025-08-29");
        assertThat(payslip(august, fenna)).containsAllEntriesOf(Map.of("gross_pay", m("2620.00"), "tax", m("314.20"),
                "employee_ni", m("125.76"), "net_pay", m("2180.04"), "not_taxed_payments", m("0.00")));
        assertThat(payslipText(august, fenna)).contains("Back pay for 2025-07: Hours missed", "\u00a3120.00");

        mvc.perform(get("/api/payroll/members/" + fenna + "/adjustments").header("Authorization", backOffice()))
                .andExpect(status().isOk()).andExpect(jsonPath("$.length()").value(6))
                .andExpect(jsonPath("$[?(@.status == 'VOID')].id", Matchers.contains(mistake)))
                .andExpect(jsonPath("$[5].correctsPeriod").value("2025-07"));
    }
}
