package care.backoffice.payroll.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import care.backoffice.payroll.payments.BacsStandard18;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Standard 18 record layout and totals, field by field. */
class BacsStandard18Test {

    static final BacsStandard18.Originator US = new BacsStandard18.Originator("401234", "87654321", "Zorg & Co. Ltd");

    @Test
    void everyFieldIsInItsPlaceAndTheContraCarriesTheTotal() {
        var file = BacsStandard18.write(US, List.of(
                new BacsStandard18.Credit("200000", "55779911", "M Jansen-O'Neil", "PAY 2026-04", new BigDecimal("1234.56")),
                new BacsStandard18.Credit("309634", "10000001", "A B", "PAY 2026-04", new BigDecimal("0.01"))), "CONTRA");
        String[] r = file.content().split("\r\n");
        assertThat(r).hasSize(3);
        assertThat(r[0].substring(0, 6)).isEqualTo("200000");
        assertThat(r[0].substring(6, 14)).isEqualTo("55779911");
        assertThat(r[0].charAt(14)).isEqualTo('0');
        assertThat(r[0].substring(15, 17)).isEqualTo("99");
        assertThat(r[0].substring(17, 23)).isEqualTo("401234");
        assertThat(r[0].substring(23, 31)).isEqualTo("87654321");
        assertThat(r[0].substring(31, 35)).isEqualTo("    ");
        assertThat(r[0].substring(35, 46)).isEqualTo("00000123456");
        assertThat(r[0].substring(46, 64)).isEqualTo("ZORG & CO. LTD    ");
        assertThat(r[0].substring(64, 82)).isEqualTo("PAY 2026-04       ");
        // The apostrophe is not in Bacs' character set: a space.
        assertThat(r[0].substring(82, 100)).isEqualTo("M JANSEN-O NEIL   ");
        assertThat(r[1].substring(35, 46)).isEqualTo("00000000001");
        assertThat(r[2]).isEqualTo("401234" + "87654321" + "0" + "17" + "401234" + "87654321" + "    " + "00000123457"
                + "ZORG & CO. LTD    " + "CONTRA            " + "ZORG & CO. LTD    ");
        assertThat(file.credits()).isEqualTo(2);
        assertThat(file.total()).isEqualByComparingTo("1234.57");
    }

    @Test
    void zeroNegativeOrFractionalPenceAreRefused() {
        for (String bad : new String[] {"0.00", "-5.00", "1.005"}) {
            assertThatThrownBy(() -> BacsStandard18.write(US, List.of(new BacsStandard18.Credit("200000", "55779911",
                    "X", "R", new BigDecimal(bad))), "CONTRA")).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> BacsStandard18.write(US, List.of(new BacsStandard18.Credit("20000", "55779911",
                "X", "R", BigDecimal.ONE)), "CONTRA")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theWholeFileHasItsLabelsAndTheTrailerCarriesTheTotals() {
        // Processing on Wednesday 29 April 2026 (day 119: 31 + 28 + 31 + 29), file made on Monday 27th (day 117).
        var labels = new BacsStandard18.Labels("123456", "a1b2c3", java.time.LocalDate.parse("2026-04-27"),
                java.time.LocalDate.parse("2026-04-29"));
        var file = BacsStandard18.writeFile(US, labels, List.of(
                new BacsStandard18.Credit("200000", "55779911", "M Jansen", "PAY 2026-04", new BigDecimal("1234.56")),
                new BacsStandard18.Credit("309634", "10000001", "A B", "PAY 2026-04", new BigDecimal("0.01"))),
                "CONTRA");
        String[] r = file.content().split("\r\n");
        assertThat(r).hasSize(10);
        assertThat(r).extracting(String::length).containsExactly(80, 80, 80, 80, 100, 100, 100, 80, 80, 80);
        String sp = " ";
        assertThat(r[0]).isEqualTo("VOL1" + "A1B2C3" + sp + sp.repeat(30) + "123456" + sp.repeat(32) + "1");
        String hdr1 = "A123456S  123456 " + "123456" + "0001" + "0001" + sp.repeat(6) + " 26117" + " 26119" + sp
                + "000000" + sp.repeat(13) + sp.repeat(7);
        String hdr2 = "F" + "02000" + "00100" + sp.repeat(35) + "00" + sp.repeat(28);
        assertThat(r[1]).isEqualTo("HDR1" + hdr1);
        assertThat(r[2]).isEqualTo("HDR2" + hdr2);
        assertThat(r[3]).isEqualTo("UHL1" + " 26119" + "999999    " + "00" + "000000" + "1 DAILY  " + "001" + sp.repeat(40));
        assertThat(r[4].substring(15, 17)).isEqualTo("99");
        assertThat(r[6].substring(15, 17)).isEqualTo("17");
        assertThat(r[7]).isEqualTo("EOF1" + hdr1);
        assertThat(r[8]).isEqualTo("EOF2" + hdr2);
        // 1,234.56 + 0.01 = 1,234.57 = 123,457 pence: credits, and the one debit (the contra) balancing them.
        assertThat(r[9]).isEqualTo("UTL1" + "0000000123457" + "0000000123457" + "0000001" + "0000002" + sp.repeat(36));
        assertThat(file.total()).isEqualByComparingTo("1234.57");
    }

    @Test
    void theProcessingDayIsTheWorkingDayBeforeThePayDate() {
        // Thursday 30 April 2026 → Wednesday 29th.
        assertThat(BacsStandard18.processingDayFor(java.time.LocalDate.parse("2026-04-30"))).isEqualTo("2026-04-29");
        // Tuesday 7 April 2026: Monday is Easter Monday, the weekend before, Friday 3rd Good Friday → Thursday 2nd.
        assertThat(BacsStandard18.processingDayFor(java.time.LocalDate.parse("2026-04-07"))).isEqualTo("2026-04-02");
        // Monday 29 December 2025: the weekend, Boxing Day, Christmas Day → Wednesday 24th.
        assertThat(BacsStandard18.processingDayFor(java.time.LocalDate.parse("2025-12-29"))).isEqualTo("2025-12-24");
        assertThat(BacsStandard18.julian(java.time.LocalDate.parse("2026-04-02"))).isEqualTo(" 26092");
        assertThat(BacsStandard18.julian(java.time.LocalDate.parse("2027-12-31"))).isEqualTo(" 27365");
    }
}
