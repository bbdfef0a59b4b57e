package care.backoffice.payroll.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import care.backoffice.payroll.journal.PayrollJournal;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The run's journal, without Spring: balanced, by team, no zero lines, refunds on the other side. */
class PayrollJournalTest {

    static BigDecimal m(String s) {
        return new BigDecimal(s);
    }

    @Test
    void aTeamWhoseRefundsExceedItsTaxHasPayeOnTheDebitSideAndZeroLinesAreLeftOut() {
        // gross 1,000.00 = net 1,050.00 + tax −50.00 (a refund) + NI 0 + pension 0 + loans 0
        var j = PayrollJournal.of(LocalDate.parse("2026-05-29"), "May", "payroll-run-x", List.of(
                new PayrollJournal.TeamTotals("team-a", m("1000.00"), m("-50.00"), m("0.00"), m("0.00"), m("0.00"),
                        m("0.00"), m("0.00"), m("1050.00"))));
        assertThat(j.lines()).extracting(PayrollJournal.Line::account, PayrollJournal.Line::debit,
                PayrollJournal.Line::credit).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("6000", "1000.00", null),
                        org.assertj.core.groups.Tuple.tuple("2220", null, "1050.00"),
                        org.assertj.core.groups.Tuple.tuple("2210", "50.00", null));
    }

    @Test
    void anUnbalancedJournalIsNeverBuilt() {
        assertThatThrownBy(() -> PayrollJournal.of(LocalDate.parse("2026-05-29"), "May", "x", List.of(
                new PayrollJournal.TeamTotals("team-a", m("1000.00"), m("100.00"), m("50.00"), m("80.00"), m("0.00"),
                        m("0.00"), m("0.00"), m("850.01")))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("does not balance");
    }
}
