package care.backoffice.payroll.hours;

import static org.assertj.core.api.Assertions.assertThat;

import care.backoffice.support.problem.InvalidRequestException.FieldProblem;
import care.backoffice.support.problem.Problems;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The intake's rules against stored data, in plain Java: nights across midnight, touching entries, stored ones. */
class IntakeRulesTest {

    static final LocalDate DAY = LocalDate.of(2026, 3, 10);
    static final UUID ANNA = UUID.randomUUID();
    static final UUID BRAM = UUID.randomUUID();
    static final UUID CLEO = UUID.randomUUID();

    final Map<UUID, HoursRepository.Employee> employees = Map.of(
            ANNA, new HoursRepository.Employee(ANNA, "team-a", DAY.minusYears(1), null, "MONTHLY"),
            BRAM, new HoursRepository.Employee(BRAM, "team-a", DAY.minusDays(3), DAY.plusDays(2), "MONTHLY"),
            CLEO, new HoursRepository.Employee(CLEO, "team-b", DAY.minusYears(1), null, "WEEKLY"));
    final List<HoursRepository.Stored> stored = new ArrayList<>();
    final List<LocalDate[]> paid = new ArrayList<>();

    final IntakeRules.Facts facts = new IntakeRules.Facts() {
        @Override
        public Map<UUID, HoursRepository.Employee> lockEmployees(Collection<UUID> ids) {
            return employees;
        }

        @Override
        public List<LocalDate[]> paidPeriods(LocalDate from, LocalDate to, String payFrequency) {
            return "MONTHLY".equals(payFrequency) ? paid : List.of();
        }

        @Override
        public List<HoursRepository.Stored> activeEntries(Collection<UUID> ids, LocalDate from, LocalDate to) {
            return stored.stream().filter(s -> ids.contains(s.employeeId())).toList();
        }
    };

    static HoursEntry entry(UUID who, LocalDate date, String start, int minutes) {
        return new HoursEntry(who, date, LocalTime.parse(start), minutes, Activity.ADMIN, null, null);
    }

    List<FieldProblem> check(String team, HoursEntry... entries) {
        Problems problems = new Problems();
        IntakeRules.check(new ArrayList<>(Arrays.asList(entries)), Optional.ofNullable(team), facts, problems);
        return problems.list();
    }

    @Test
    void aNightRunsPastMidnightIntoTheNextDaysEntries() {
        assertThat(check("team-a",
                entry(ANNA, DAY, "22:00", 480),                  // until 06:00 the next day
                entry(ANNA, DAY.plusDays(1), "05:00", 60),       // overlaps the night
                entry(ANNA, DAY.plusDays(1), "06:00", 60)))      // starts as the night ends: fine
                .containsExactly(new FieldProblem("entries[1].start", "overlaps entries[0] for the same person"));
    }

    @Test
    void entriesThatTouchOrBelongToDifferentPeopleDoNotOverlap() {
        assertThat(check("team-a",
                entry(ANNA, DAY, "08:00", 60),
                entry(ANNA, DAY, "09:00", 30),
                entry(BRAM, DAY, "08:00", 90))).isEmpty();
    }

    @Test
    void aStoredNightFromTheDayBeforeIsSeenAndNamed() {
        UUID night = UUID.randomUUID();
        long from = HoursEntry.from(DAY.minusDays(1), LocalTime.of(23, 0));
        stored.add(new HoursRepository.Stored(night, ANNA, from, HoursEntry.until(from, 120)));   // until 01:00
        assertThat(check("team-a", entry(ANNA, DAY, "00:30", 30), entry(ANNA, DAY, "01:00", 30)))
                .containsExactly(new FieldProblem("entries[0].start",
                        "overlaps entry " + night + ", already submitted for the same person"));
    }

    @Test
    void everyOtherRuleNamesTheEntryAndItsReason() {
        paid.add(new LocalDate[] {DAY.minusDays(40), DAY.minusDays(10)});
        UUID stranger = UUID.randomUUID();
        assertThat(check("team-a",
                entry(stranger, DAY, "08:00", 60),
                entry(CLEO, DAY, "08:00", 60),
                entry(BRAM, DAY.minusDays(4), "08:00", 60),
                entry(BRAM, DAY.plusDays(3), "08:00", 60),
                entry(ANNA, DAY.minusDays(20), "08:00", 60)))
                .extracting(FieldProblem::field)
                .containsExactly("entries[0].employeeId", "entries[1].employeeId", "entries[2].date", "entries[3].date",
                        "entries[4].date");
        assertThat(check(null, entry(stranger, DAY, "08:00", 60), entry(CLEO, DAY, "08:00", 60)))
                .containsExactly(new FieldProblem("entries[0].employeeId", "is not a known employee"));
    }

    @Test
    void aPaidPeriodClosesTheHoursOfItsOwnScheduleOnly() {
        // A finalised monthly run covering the day: Anna (monthly) may no longer add hours there; Cleo is paid weekly,
        // her week is not paid yet, so her hours on the same day are still taken.
        paid.add(new LocalDate[] {DAY.minusDays(20), DAY.minusDays(1)});
        assertThat(check("team-a", entry(ANNA, DAY.minusDays(5), "08:00", 60)))
                .extracting(FieldProblem::field).containsExactly("entries[0].date");
        assertThat(check("team-b", entry(CLEO, DAY.minusDays(5), "08:00", 60))).isEmpty();
    }
}
