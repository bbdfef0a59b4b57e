package care.backoffice.payroll.calculator;

import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import care.backoffice.payroll.PayrollIntegrationTest;
import care.backoffice.payroll.engine.HmrcTestData;
import care.backoffice.testing.TestTokens;
import java.math.BigDecimal;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

class CalculatorApiTest extends PayrollIntegrationTest {

    @Autowired
    MockMvc mvc;

    ResultActions call(String path, String token, String json) throws Exception {
        var req = post("/api/payroll/calculator/" + path).contentType(MediaType.APPLICATION_JSON).content(json);
        if (token != null) {
            req.header("Authorization", "Bearer " + token);
        }
        return mvc.perform(req);
    }

    /** Every 7th HMRC income tax row (24 of 168), through HTTP. */
    static List<HmrcTestData.TaxRow> taxSample() {
        List<HmrcTestData.TaxRow> all = HmrcTestData.incomeTax();
        return IntStream.range(0, all.size()).filter(i -> i % 7 == 3).mapToObj(all::get).toList();
    }

    /** Every 16th HMRC NI row (28 of 448, all categories), through HTTP. */
    static List<HmrcTestData.NiRow> niSample() {
        List<HmrcTestData.NiRow> all = HmrcTestData.nationalInsurance();
        return IntStream.range(0, all.size()).filter(i -> i % 16 == 9).mapToObj(all::get).toList();
    }

    static String money(BigDecimal b) {
        return b.setScale(2).toPlainString();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("taxSample")
    void hmrcIncomeTaxRowsThroughTheEndpoint(HmrcTestData.TaxRow row) throws Exception {
        String json = """
                {"taxYear":"%s","frequency":"%s","period":%d,"taxCode":"%s","nonCumulative":%s,
                 "grossPay":"%s","taxablePayToDate":"%s","taxPaidToDate":"%s"}""".formatted(row.taxYear(), row.frequency(),
                row.period(), row.taxCode(), row.w1m1(), money(row.grossPay()), money(row.taxablePayToDate()),
                money(row.taxPaidToDate()));
        call("income-tax", TestTokens.backOffice(), json)
                .andExpect(status().isOk())
                // amounts travel as strings with two decimals
                .andExpect(jsonPath("$.taxDue").value(money(row.taxDueInPeriod())))
                .andExpect(jsonPath("$.taxDueToDate").value(money(row.taxDueToDate())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("niSample")
    void hmrcNationalInsuranceRowsThroughTheEndpoint(HmrcTestData.NiRow row) throws Exception {
        String json = """
                {"taxYear":"%s","frequency":"%s","period":%d,"category":"%s","grossPay":"%s"}""".formatted(row.taxYear(),
                row.frequency(), row.period(), row.category(), money(row.grossPay()));
        call("national-insurance", TestTokens.service("payroll"), json)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.employee").value(money(row.employee())))
                .andExpect(jsonPath("$.employer").value(money(row.employer())))
                .andExpect(jsonPath("$.earningsAtLel").value(money(row.atLel())))
                .andExpect(jsonPath("$.earningsLelToPt").value(money(row.lelToPt())))
                .andExpect(jsonPath("$.earningsPtToUel").value(money(row.ptToUel())));
    }

    @Test
    void aDirectorThroughTheEndpoint() throws Exception {
        call("national-insurance", TestTokens.backOffice(), """
                {"taxYear":"2025-26","frequency":"MONTHLY","period":12,"category":"M","grossPay":"4000.00",
                 "director":{"method":"STANDARD","weeksInEarningsPeriod":48,"grossPayToDate":"48000.00",
                             "employeeNiToDate":"0.00","employerNiToDate":"0.00"}}""")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.employee").value("2815.92"))
                .andExpect(jsonPath("$.employer").value("239.40"));
    }

    @Test
    void aWholePayslip() throws Exception {
        call("payslip", TestTokens.backOffice(), """
                {"taxYear":"2026-27","frequency":"MONTHLY","period":2,"taxCode":"1257L","niCategory":"A",
                 "grossPay":"2500.00","studentLoans":["PLAN_5","POSTGRADUATE"],
                 "pension":{"arrangement":"RELIEF_AT_SOURCE","employeeRate":"0.05","employerRate":"0.03"},
                 "yearToDate":{"grossPay":"2500.00","taxablePay":"2500.00","tax":"290.20","niablePay":"2500.00",
                               "employeeNi":"116.16","employerNi":"312.45"}}""")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.tax").value("290.40"))
                .andExpect(jsonPath("$.employeeNi").value("116.16"))
                .andExpect(jsonPath("$.studentLoans.planDeduction").value("37.00"))
                .andExpect(jsonPath("$.studentLoans.postgraduate").value("45.00"))
                .andExpect(jsonPath("$.pension.fromNetPay").doesNotExist())
                .andExpect(jsonPath("$.pension.employeeFromPay").value("79.20")) // 1,980 × 5% = 99.00, × 80%
                .andExpect(jsonPath("$.pension.employer").value("59.40"))
                .andExpect(jsonPath("$.netPay").value("1932.24"))
                .andExpect(jsonPath("$.employerCost").value("2871.85"))
                .andExpect(jsonPath("$.yearToDate.tax").value("580.60"))
                .andExpect(jsonPath("$.yearToDate.grossPay").value("5000.00"))
                .andExpect(jsonPath("$.lines[*].code", hasItem("PENSION_RELIEF_AT_SOURCE")));
    }

    @Test
    void badInputNamesEveryBadField() throws Exception {
        call("income-tax", TestTokens.backOffice(), """
                {"taxYear":"2019-20","frequency":"DAILY","period":0,"taxCode":"1257Q","grossPay":"-5.00"}""")
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.errors[*].field",
                        containsInAnyOrder("taxYear", "frequency", "period", "taxCode", "grossPay")));
        call("income-tax", TestTokens.backOffice(), """
                {"taxYear":"2026-27","frequency":"MONTHLY","period":13,"taxCode":"K0","grossPay":"12.345"}""")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", containsInAnyOrder("period", "taxCode", "grossPay")));
        call("national-insurance", TestTokens.backOffice(), """
                {"taxYear":"2026-27","frequency":"WEEKLY","period":54,"category":"Q","grossPay":"abc"}""")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", containsInAnyOrder("period", "category", "grossPay")));
        call("payslip", TestTokens.backOffice(), """
                {"taxYear":"2025-26","frequency":"MONTHLY","period":1,"taxCode":"D2","niCategory":"A","grossPay":"100.00",
                 "studentLoans":["PLAN_5"],"pension":{"arrangement":"SOMETIMES","employeeRate":"5","employerRate":"0.03"}}""")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", containsInAnyOrder("pension.arrangement", "pension.employeeRate",
                        "taxCode", "studentLoans")));
    }

    @Test
    void theOpenApiDocsDescribeThePayrollEndpoints() throws Exception {
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/api/payroll/api-docs"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.paths['/api/payroll/calculator/income-tax']").exists())
                .andExpect(jsonPath("$.paths['/api/payroll/calculator/national-insurance']").exists())
                .andExpect(jsonPath("$.paths['/api/payroll/calculator/payslip']").exists())
                .andExpect(jsonPath("$.paths['/api/payroll/hours']").exists())
                .andExpect(jsonPath("$.paths['/api/payroll/teams/{team}/members']").exists());
    }

    @Test
    void onlyTheBackOfficeAndServicesMayCall() throws Exception {
        String json = """
                {"taxYear":"2026-27","frequency":"MONTHLY","period":1,"taxCode":"1257L","grossPay":"2000.00"}""";
        call("income-tax", null, json).andExpect(status().isUnauthorized());
        call("income-tax", TestTokens.expired("team-arnhem-noord"), json).andExpect(status().isUnauthorized());
        call("income-tax", TestTokens.unsigned(), json).andExpect(status().isUnauthorized());
        call("income-tax", TestTokens.signedByStranger(), json).andExpect(status().isUnauthorized());
        call("income-tax", TestTokens.forAnotherAudience(), json).andExpect(status().isUnauthorized());
        call("income-tax", TestTokens.teamMember("team-arnhem-noord"), json).andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"));
        call("income-tax", TestTokens.finance(), json).andExpect(status().isForbidden());
        call("income-tax", TestTokens.service("billing"), json).andExpect(status().isOk())
                .andExpect(jsonPath("$.taxDue").value("190.20"));
    }
}
