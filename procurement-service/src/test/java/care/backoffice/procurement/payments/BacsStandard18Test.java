package care.backoffice.procurement.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class BacsStandard18Test {

    static final BacsStandard18.Originator US = new BacsStandard18.Originator("401234", "12345678", "Care Org CIC");

    @Test
    void eachPaymentIsOneHundredCharacterCreditRecordAndAContraBalancesThem() {
        String file = BacsStandard18.write(US, List.of(
                new BacsStandard18.Payment("200000", "55779911", "Medisupply Ltd", "inv-100/a", new BigDecimal("271.00")),
                new BacsStandard18.Payment("309999", "00012345", "O'Brien & Sons", "INV 7", new BigDecimal("0.05"))));
        String[] records = file.split("\r\n");
        assertThat(records).hasSize(3).allSatisfy(r -> assertThat(r).hasSize(100));
        assertThat(records[0]).isEqualTo("200000" + "55779911" + "0" + "99" + "401234" + "12345678" + "    "
                + "00000027100" + "CARE ORG CIC      " + "INV-100/A         " + "MEDISUPPLY LTD    ");
        assertThat(records[1].substring(35, 46)).isEqualTo("00000000005");
        assertThat(records[1].substring(82)).isEqualTo("O BRIEN & SONS    ");
        assertThat(records[2]).startsWith("401234" + "12345678" + "0" + "17" + "401234" + "12345678")
                .contains("00000027105").contains("CONTRA");
    }

    @Test
    void refusesWhatBacsCannotCarry() {
        assertThatThrownBy(() -> BacsStandard18.write(US, List.of(
                new BacsStandard18.Payment("20000", "55779911", "X", "R", BigDecimal.ONE))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BacsStandard18.write(US, List.of(
                new BacsStandard18.Payment("200000", "55779911", "X", "R", new BigDecimal("-1.00")))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
