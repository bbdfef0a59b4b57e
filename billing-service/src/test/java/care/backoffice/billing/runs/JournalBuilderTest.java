package care.backoffice.billing.runs;

import static org.assertj.core.api.Assertions.assertThat;

import care.backoffice.billing.funders.FunderType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class JournalBuilderTest {

    private final UUID council = UUID.randomUUID();
    private final UUID runId = UUID.randomUUID();

    private static BigDecimal sum(List<JournalBuilder.Line> lines, boolean debit) {
        return lines.stream().map(l -> debit ? l.debit() : l.credit()).filter(Objects::nonNull).map(BigDecimal::new)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    @Test
    void invoicesDebitDebtorsAndCreditIncomeByTeamAndFunderTypeAndCreditNotesNetAgainstThem() {
        UUID inv = UUID.randomUUID();
        UUID crn = UUID.randomUUID();
        var j = JournalBuilder.build(runId, "2026-11", LocalDate.of(2026, 12, 1), List.of(
                new JournalBuilder.TeamAmount(inv, false, "team-a", FunderType.LOCAL_AUTHORITY, council, new BigDecimal("31.88"),
                        new BigDecimal("70.13"), BigDecimal.ZERO.setScale(2)),
                new JournalBuilder.TeamAmount(inv, false, "team-b", FunderType.LOCAL_AUTHORITY, council, new BigDecimal("38.25"),
                        new BigDecimal("70.13"), BigDecimal.ZERO.setScale(2)),
                new JournalBuilder.TeamAmount(crn, true, "team-a", FunderType.LOCAL_AUTHORITY, council, new BigDecimal("19.13"),
                        new BigDecimal("37.13"), BigDecimal.ZERO.setScale(2)),
                new JournalBuilder.TeamAmount(crn, true, "team-b", FunderType.LOCAL_AUTHORITY, council, new BigDecimal("18.00"),
                        new BigDecimal("37.13"), BigDecimal.ZERO.setScale(2))));
        assertThat(j.sourceDocumentId()).isEqualTo("billing-run-" + runId);
        assertThat(j.lines()).extracting(l -> l.account() + " " + l.team() + " " + l.debit() + " " + l.credit())
                .containsExactly("1100 team-a 12.75 null", "4000 team-a null 12.75",
                        "1100 team-b 20.25 null", "4000 team-b null 20.25");
        assertThat(sum(j.lines(), true)).isEqualByComparingTo(sum(j.lines(), false));
    }

    @Test
    void aTeamWhoseCreditsExceedItsChargesGetsTheEntryReversed() {
        var j = JournalBuilder.build(runId, "2026-11", LocalDate.of(2026, 12, 1), List.of(
                new JournalBuilder.TeamAmount(UUID.randomUUID(), true, "team-a", FunderType.NHS_CHC, council,
                        new BigDecimal("22.50"), new BigDecimal("22.50"), BigDecimal.ZERO.setScale(2))));
        assertThat(j.lines()).extracting(l -> l.account() + " " + l.debit() + " " + l.credit())
                .containsExactly("1100 null 22.50", "4010 22.50 null");
    }

    @Test
    void standardRatedVatIsSplitOverTeamsSoThatThePartsAddUpToTheDocumentsVat() {
        UUID doc = UUID.randomUUID();
        // 10.01 + 10.01 + 10.01 = 30.03 net; VAT on the total 6.006 → 6.01; per team 2.002 → 2.00 each, remainder 0.01.
        var parts = List.of(
                new JournalBuilder.TeamAmount(doc, false, "team-a", FunderType.OTHER, council, new BigDecimal("10.01"),
                        new BigDecimal("30.03"), new BigDecimal("6.01")),
                new JournalBuilder.TeamAmount(doc, false, "team-b", FunderType.OTHER, council, new BigDecimal("10.01"),
                        new BigDecimal("30.03"), new BigDecimal("6.01")),
                new JournalBuilder.TeamAmount(doc, false, "team-c", FunderType.OTHER, council, new BigDecimal("10.01"),
                        new BigDecimal("30.03"), new BigDecimal("6.01")));
        var vat = JournalBuilder.vatByTeam(parts);
        assertThat(vat.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add)).isEqualByComparingTo("6.01");
        var j = JournalBuilder.build(runId, "2026-11", LocalDate.of(2026, 12, 1), parts);
        assertThat(sum(j.lines(), true)).isEqualByComparingTo("36.04");
        assertThat(sum(j.lines(), false)).isEqualByComparingTo("36.04");
        assertThat(j.lines()).filteredOn(l -> l.account().equals("4950")).hasSize(3);
        assertThat(j.lines()).filteredOn(l -> l.account().equals("2200")).hasSize(3);
    }
}
