package care.backoffice.payroll.runs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * SSP paid through the run from sick-leave entries: under the 2025-26 rules (3 waiting days, LEL test; October to
 * December 2025) for an hourly colleague, and under the 2026-27 rules (from day one, 80% of AWE cap; July and August
 * 2026) for a salaried one whose PIW is only established by days in the following month. Both colleagues are
 * employed only in months no other run test pays.
 */
class SickPayRunTest extends RunFixture {

    static final String TEAM = "team-sick-test";

    JsonNode sspDetail(String run, UUID e) {
        String text = jdbc.sql("select ssp_detail::text from payslip where run_id = ?::uuid and employee_id = ?")
                .params(run, e).query((rs, n) -> rs.getString(1)).list().get(0);
        return text == null ? null : json.readTree(text);
    }

    @Test
    void waitingDaysLinkingAndTheLelTestUnderThe2025Rules() throws Exception {
        resetOthers();
        // Hourly £12.50, BR on the M1 basis (each month taxed on its own pay: floor(pay) × 20%).
        UUID hidde = employee(TEAM, "Hoekstra", LocalDate.parse("1979-02-02"), LocalDate.parse("2025-09-01"),
                LocalDate.parse("2026-03-31"), "HOURLY", null, null, "12.50", "BR", true, "OPTED_OUT");
        // October: 20 working days of 8 hours = 160 h → 2,000.00, his only payday before the sickness.
        LocalDate d = LocalDate.parse("2025-10-01");
        for (int n = 0; n < 20; d = d.plusDays(1)) {
            if (d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY) {
                hours(hidde, TEAM, d.toString(), "08:00", 480, "TRAVEL");
                n++;
            }
        }
        String october = runMonth("2025-10", "2025-10-31");
        assertThat(payslip(october, hidde)).containsEntry("gross_pay", m("2000.00"));
        finalise(october);

        // November 2025 (Mon 3 … Fri 28):
        //   sick Mon 3 – Wed 5, back at work Thu 6: 3 days, no PIW, no SSP;
        //   sick Thu 13, Fri 14, (weekend), Mon 17, Tue 18: a PIW of 6 calendar days, 4 qualifying days;
        //   at work Wed 19 – Fri 21;
        //   sick Mon 24 – Thu 27: a PIW of 4 days, 5 days after the last one: linked, from 13 November;
        //   at work Fri 28.
        for (String sick : new String[] {"03", "04", "05", "13", "14", "17", "18", "24", "25", "26", "27"}) {
            hours(hidde, TEAM, "2025-11-" + sick, "08:00", 480, "LEAVE_SICK");
        }
        for (String work : new String[] {"06", "07", "10", "11", "12", "19", "20", "21", "28"}) {
            hours(hidde, TEAM, "2025-11-" + work, "08:00", 480, "TRAVEL");
        }
        // SSP (2025-26 rules, the PIW began 13 Nov 2025): AWE from October's payday, 2,000 × 12 / 52 = 461.54, above
        // the LEL of £125. 8 qualifying days, of which the first 3 (13, 14, 17 Nov) are waiting days: 5 paid at
        // £118.75 / 5 a day = 118.75. Pay: 9 days worked × 8 h = 72 h × 12.50 = 900.00 (sick days are not paid at the
        // hourly rate). Gross 1,018.75; BR: 1,018 × 20% = 203.60; below the PT; employer NI (1,018.75 − 417) × 15%
        // = 90.2625 → 90.26. Net 815.15.
        String november = runMonth("2025-11", "2025-11-28");
        assertThat(payslip(november, hidde)).containsAllEntriesOf(Map.of("gross_pay", m("1018.75"), "tax", m("203.60"),
                "employee_ni", m("0.00"), "employer_ni", m("90.26"), "net_pay", m("815.15"), "paid_minutes", 4320));
        JsonNode ssp = sspDetail(november, hidde);
        assertThat(ssp.get("linkedStart").asString()).isEqualTo("2025-11-13");
        assertThat(ssp.get("counted").asInt()).isEqualTo(8);
        assertThat(ssp.get("waiting").asInt()).isEqualTo(3);
        assertThat(ssp.get("paid").asInt()).isEqualTo(5);
        assertThat(ssp.get("averageWeeklyEarnings").asString()).isEqualTo("461.54");
        assertThat(payslipText(november, hidde)).contains("Statutory sick pay", "\u00a3118.75", "\u00a3900.00");
        finalise(november);

        // December: sick Mon 1 – Thu 4, 3 days after the last PIW: linked again. The waiting days were served in
        // November, so all 4 days are paid: 4 × 118.75 / 5 = 95.00. No other pay: gross 95.00, BR 95 × 20% = 19.00,
        // net 76.00.
        for (String sick : new String[] {"01", "02", "03", "04"}) {
            hours(hidde, TEAM, "2025-12-" + sick, "08:00", 480, "LEAVE_SICK");
        }
        String december = runMonth("2025-12", "2025-12-31");
        assertThat(payslip(december, hidde)).containsAllEntriesOf(Map.of("gross_pay", m("95.00"), "tax", m("19.00"),
                "net_pay", m("76.00")));
        assertThat(sspDetail(december, hidde).get("counted").asInt()).isEqualTo(4);
        assertThat(sspDetail(december, hidde).get("waiting").asInt()).isZero();
        String ytd = jdbc.sql("select year_to_date::text from payslip where run_id = ?::uuid and employee_id = ?")
                .params(december, hidde).query(String.class).single();
        assertThat(json.readTree(ytd).get("ssp").asString()).isEqualTo("213.75"); // 118.75 + 95.00
    }

    @Test
    void fromApril2026SspIsPaidFromDayOneCappedAt80PercentAndOwedDaysFollowInTheNextRun() throws Exception {
        resetOthers();
        // Salaried £7,800 a year (650.00 a month), 15 hours a week, 1257L M1; starts 1 July 2026.
        UUID ilse = employee(TEAM, "IJsselmuiden", LocalDate.parse("1990-09-09"), LocalDate.parse("2026-07-01"),
                LocalDate.parse("2026-08-31"), "SALARIED", "7800", "15", null, "1257L", true, "OPTED_OUT");
        // Sick Thu 30 and Fri 31 July: 2 days, not (yet) a PIW when July is paid.
        hours(ilse, TEAM, "2026-07-30", "09:00", 360, "LEAVE_SICK");
        hours(ilse, TEAM, "2026-07-31", "09:00", 360, "LEAVE_SICK");
        String july = runMonth("2026-07", "2026-07-31");
        assertThat(payslip(july, ilse)).containsAllEntriesOf(Map.of("gross_pay", m("650.00"), "net_pay", m("650.00")));
        assertThat(sspDetail(july, ilse)).isNull();
        finalise(july);

        // Still sick Mon 3 and Tue 4 August, back on Wed 5: 30 July – 4 August is a PIW of 6 calendar days and
        // 4 qualifying days, 2 of them in July, owed now. New rules (the PIW began after 5 April 2026): no waiting
        // days, no LEL test. No payday before 30 July (July's was the 31st), so AWE is contractual: 7,800 / 52 =
        // 150.00; 80% = 120.00 is below £123.25, so 120.00 a week: 4 × 120.00 / 5 = 96.00. Her salary continues,
        // SSP part of it: pay 650.00 − 96.00 = 554.00 + SSP 96.00 = 650.00 gross. 1257L M1: below free pay, no tax;
        // below the PT; employer NI (650 − 417) × 15% = 34.95.
        hours(ilse, TEAM, "2026-08-03", "09:00", 360, "LEAVE_SICK");
        hours(ilse, TEAM, "2026-08-04", "09:00", 360, "LEAVE_SICK");
        hours(ilse, TEAM, "2026-08-05", "09:00", 360, "ADMIN");
        String august = runMonth("2026-08", "2026-08-28");
        assertThat(payslip(august, ilse)).containsAllEntriesOf(Map.of("gross_pay", m("650.00"), "tax", m("0.00"),
                "employer_ni", m("34.95"), "net_pay", m("650.00")));
        JsonNode ssp = sspDetail(august, ilse);
        assertThat(ssp.get("linkedStart").asString()).isEqualTo("2026-07-30");
        assertThat(ssp.get("counted").asInt()).isEqualTo(4);
        assertThat(ssp.get("waiting").asInt()).isZero();
        assertThat(ssp.get("paid").asInt()).isEqualTo(4);
        assertThat(ssp.get("averageWeeklyEarnings").asString()).isEqualTo("150.00");
        assertThat(ssp.get("weeklyRate").asString()).isEqualTo("120.00");
        String lines = jdbc.sql("select lines::text from payslip where run_id = ?::uuid and employee_id = ?")
                .params(august, ilse).query(String.class).single();
        assertThat(json.readTree(lines).get(0).get("amount").asString()).isEqualTo("554.00");
        assertThat(json.readTree(lines).get(1).get("amount").asString()).isEqualTo("96.00");
        assertThat(payslipText(august, ilse)).contains("Statutory sick pay", "\u00a396.00", "\u00a3554.00");
    }
}
