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
}
