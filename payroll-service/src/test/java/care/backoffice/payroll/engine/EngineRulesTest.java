package care.backoffice.payroll.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import care.backoffice.payroll.engine.NationalInsuranceCalculator.DirectorMethod;
import care.backoffice.payroll.engine.PensionCalculator.Arrangement;
import care.backoffice.payroll.engine.PensionCalculator.Basis;
import care.backoffice.payroll.engine.StudentLoanCalculator.Plan;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Hand-written cases from the reference's worked examples and rules (../shared/reference/uk-payroll.md). */
class EngineRulesTest {

    static final TaxYearParameters Y2025 = TaxYears.require("2025-26", "taxYear");
    static final TaxYearParameters Y2026 = TaxYears.require("2026-27", "taxYear");

    static BigDecimal £(String s) {
        return new BigDecimal(s);
    }

    static IncomeTaxCalculator.Result tax(TaxYearParameters y, PayFrequency f, int period, String code, boolean w1,
            String pay, String payToDate, String paidToDate) {
        return IncomeTaxCalculator.calculate(y.incomeTax(), new IncomeTaxCalculator.Input(f, period,
                TaxCode.parse(code, y.incomeTax(), "taxCode"), w1, £(pay), £(payToDate), £(paidToDate)));
    }

    @Nested
    class IncomeTax {

        @ParameterizedTest(name = "§1.4 example: {0} {1} p{2} £{3} → £{5}")
        @CsvSource({
                "1257L, MONTHLY, 1, 1156.25, 0,      21.40",
                "1001L, MONTHLY, 1, 5000.00, 0,    1037.66",
                "1000L, MONTHLY, 1, 3000.00, 0,     433.00",
                "K585,  MONTHLY, 1, 895.00,  0,     276.60",
                "145L W1, WEEKLY, 1, 2913.06, 0,   1032.92",
        })
        void workedExamples(String code, PayFrequency f, int period, String pay, String paid, String expected) {
            assertThat(tax(Y2025, f, period, code, false, pay, pay, paid).taxDue()).isEqualByComparingTo(expected);
        }

        @Test
        void brCumulativeMonthTwo() {
            // §1.4 example 6: 6,371 × 20% = 1,274.20 less 574.00 already paid.
            assertThat(tax(Y2025, PayFrequency.MONTHLY, 2, "BR", false, "3500.95", "6371.50", "574.00").taxDue())
                    .isEqualByComparingTo("700.20");
        }

        @Test
        void freePayByTheFiveHundredBlocksMethod() {
            assertThat(IncomeTaxCalculator.freePay(Y2025.incomeTax().freePay(), 1257, 12)).isEqualByComparingTo("1048.26");
            assertThat(IncomeTaxCalculator.freePay(Y2025.incomeTax().freePay(), 1257, 52)).isEqualByComparingTo("241.92");
            assertThat(IncomeTaxCalculator.freePay(Y2025.incomeTax().freePay(), 0, 12)).isEqualByComparingTo("0");
        }

        @Test
        void theFiftyPercentLimitHoldsTaxBackAndTheNextPeriodRecoversIt() {
            // K1000 monthly adds £834.09 a month. Month 1 pays only £200: tax on £1,034 is £206.80, but at most
            // 50% of £200 may be deducted.
            var m1 = tax(Y2026, PayFrequency.MONTHLY, 1, "K1000", false, "200.00", "200.00", "0.00");
            assertThat(m1.taxDue()).isEqualByComparingTo("100.00");
            assertThat(m1.heldBackByLimit()).isEqualByComparingTo("106.80");
            // Month 2 pays £3,000: cumulative tax on £3,200 + 2 × 834.09 = 4,868 → £973.60, less the £100 paid.
            var m2 = tax(Y2026, PayFrequency.MONTHLY, 2, "K1000", false, "3000.00", "3200.00", m1.taxDueToDate().toPlainString());
            assertThat(m2.taxDue()).isEqualByComparingTo("873.60");
            assertThat(m2.heldBackByLimit()).isEqualByComparingTo("0");
            assertThat(m2.taxDueToDate()).isEqualByComparingTo("973.60"); // all recovered
        }

        @Test
        void theLimitIsLostOnANonCumulativeKCode() {
            var w1 = tax(Y2026, PayFrequency.MONTHLY, 5, "K1000 M1", false, "200.00", "9999.00", "500.00");
            assertThat(w1.taxDue()).isEqualByComparingTo("100.00");
            assertThat(w1.nonCumulativeBasis()).isTrue();
        }

        @Test
        void cumulativeNtRefundsAllTaxPaidAndNonCumulativeNtDeductsNothing() {
            var nt = tax(Y2026, PayFrequency.MONTHLY, 6, "NT", false, "3000.00", "18000.00", "2345.67");
            assertThat(nt.taxDue()).isEqualByComparingTo("-2345.67");
            assertThat(nt.taxDueToDate()).isEqualByComparingTo("0");
            var ntW1 = tax(Y2026, PayFrequency.MONTHLY, 6, "NT", true, "3000.00", "18000.00", "2345.67");
            assertThat(ntW1.taxDue()).isEqualByComparingTo("0");
        }

        @Test
        void nonCumulativeBasisGivesNoRefund() {
            var r = tax(Y2026, PayFrequency.WEEKLY, 20, "1257L", true, "100.00", "100.00", "900.00");
            assertThat(r.taxDue()).isEqualByComparingTo("0");
            assertThat(r.taxDueToDate()).isEqualByComparingTo("900.00");
        }

        @Test
        void weekFiftyThreeIsTaxedNonCumulativelyAsOneWeek() {
            // 1257L: week-1 free pay £241.92; £500 → £258 taxable → £51.60, whatever the year to date says.
            var w53 = tax(Y2026, PayFrequency.WEEKLY, 53, "1257L", false, "500.00", "26500.00", "4000.00");
            assertThat(w53.taxDue()).isEqualByComparingTo("51.60");
            assertThat(w53.nonCumulativeBasis()).isTrue();
            // Fortnight 27 (week 54) covers two weeks: free pay 2 × 241.92, bands for 2 weeks.
            var f27 = tax(Y2026, PayFrequency.FORTNIGHTLY, 27, "1257L", false, "1000.00", "27000.00", "4000.00");
            assertThat(f27.taxDue()).isEqualByComparingTo("103.20"); // (1000 − 483.84 → 516) × 20%
            // Four-week period 14 (week 56) covers four.
            var p14 = tax(Y2026, PayFrequency.FOUR_WEEKLY, 14, "1257L", false, "2000.00", "28000.00", "4000.00");
            assertThat(p14.taxDue()).isEqualByComparingTo("206.40"); // (2000 − 967.68 → 1032) × 20%
        }

        @Test
        void fortnightlyAndFourWeeklyUseTheWeeklyTablesWithTheWeekNumber() {
            // Fortnight 3 = tax week 6: free pay 6 × 241.92 = 1,451.52.
            var r = tax(Y2026, PayFrequency.FORTNIGHTLY, 3, "1257L", false, "1000.00", "3000.00", "206.40");
            assertThat(r.taxDueToDate()).isEqualByComparingTo("309.60"); // (3000 − 1451.52 → 1548) × 20%
            assertThat(r.taxDue()).isEqualByComparingTo("103.20");
        }

        @Test
        void scottishAndWelshCodesUseTheirOwnBandsIn2026() {
            // S1257L monthly £3,000 in 2026-27: T = 1,951; starter 3,967/12 = 330.5833 at 19%, basic at 20%.
            var s = tax(Y2026, PayFrequency.MONTHLY, 1, "S1257L", false, "3000.00", "3000.00", "0");
            // T = 1,951 is above the basic band's monthly limit 16,956/12 = 1,413, so 21% applies above it:
            // k2 = 62.8108 (starter) + 216.4833 (basic) = 279.2941; + (1951 − 1413) × 0.21 = 392.2741.
            assertThat(s.taxDue()).isEqualByComparingTo("392.27");
            var c = tax(Y2026, PayFrequency.MONTHLY, 1, "C1257L", false, "3000.00", "3000.00", "0");
            assertThat(c.taxDue()).isEqualByComparingTo("390.20"); // Wales = rUK: 1,951 × 20%
        }

        @ParameterizedTest
        @ValueSource(strings = {"1257X", "K0", "K10000", "D2", "CD2", "SD4", "0L", "L", "12.5L", "", "1257LL", "BR1",
                "SNTX", "01257L", "1234567L"})
        void invalidCodesAreRefusedNotGuessed(String code) {
            assertThatThrownBy(() -> TaxCode.parse(code, Y2026.incomeTax(), "taxCode"))
                    .isInstanceOf(EngineInputException.class)
                    .satisfies(e -> assertThat(((EngineInputException) e).problems().get(0).field()).isEqualTo("taxCode"));
        }

        @ParameterizedTest
        @CsvSource({"1257L,RUK,ALLOWANCE,1257,false", "s1257l,SCOTLAND,ALLOWANCE,1257,false", "C1257L W1,WALES,ALLOWANCE,1257,true",
                "1257L M1,RUK,ALLOWANCE,1257,true", "1257LW1/M1,RUK,ALLOWANCE,1257,true", "1257L X,RUK,ALLOWANCE,1257,true",
                "0T,RUK,ALLOWANCE,0,false", "K475,RUK,K,475,false", "SK630,SCOTLAND,K,630,false", "BR,RUK,FIXED_RATE,0,false",
                "SD3,SCOTLAND,FIXED_RATE,0,false", "CD1,WALES,FIXED_RATE,0,false", "NT,RUK,NO_TAX,0,false",
                "999999T,RUK,ALLOWANCE,999999,false", "1383M,RUK,ALLOWANCE,1383,false", "1131N,RUK,ALLOWANCE,1131,false"})
        void validCodes(String text, TaxRegime regime, TaxCode.Kind kind, int number, boolean nonCumulative) {
            TaxCode c = TaxCode.parse(text, Y2026.incomeTax(), "taxCode");
            assertThat(c.regime()).isEqualTo(regime);
            assertThat(c.kind()).isEqualTo(kind);
            assertThat(c.number()).isEqualTo(number);
            assertThat(c.nonCumulativeMarker()).isEqualTo(nonCumulative);
        }

        @Test
        void scottishDCodesAreTheHigherScottishRates() {
            assertThat(TaxCode.parse("SD0", Y2026.incomeTax(), "c").fixedRate()).isEqualByComparingTo("0.21");
            assertThat(TaxCode.parse("SD3", Y2026.incomeTax(), "c").fixedRate()).isEqualByComparingTo("0.48");
            assertThat(TaxCode.parse("D1", Y2026.incomeTax(), "c").fixedRate()).isEqualByComparingTo("0.45");
        }
    }

    @Nested
    class NationalInsurance {

        static NationalInsuranceCalculator.Result ni(TaxYearParameters y, PayFrequency f, String cat, String pay) {
            return NationalInsuranceCalculator.calculate(y.nationalInsurance(),
                    new NationalInsuranceCalculator.Input(f, 1, cat, £(pay), null));
        }

        @Test
        void twoAndFourWeeklyThresholdsAreThePublishedOnesNotMultiplesOfWeekly() {
            // Reference §2.1 (from HMRC's 2- and 4-weekly NIC rows, which are not in our copy of the data).
            assertThat(ni(Y2025, PayFrequency.FOUR_WEEKLY, "A", "967.07").employee()).isEqualByComparingTo("0.00");
            assertThat(ni(Y2025, PayFrequency.FOUR_WEEKLY, "A", "967.08").employee()).isEqualByComparingTo("0.01");
            assertThat(ni(Y2025, PayFrequency.FORTNIGHTLY, "A", "193.04").employer()).isEqualByComparingTo("0.01");
        }

        @ParameterizedTest
        @ValueSource(strings = {"B", "E", "I"})
        void eachBandIsRoundedOnItsOwn(String cat) {
            // 2-weekly £1,934.05: 1,450 × 1.85% = 26.825 → 26.82, plus 0.05 × 2% = 0.001 → 0.00. Summing first gives 26.83.
            assertThat(ni(Y2025, PayFrequency.FORTNIGHTLY, cat, "1934.05").employee()).isEqualByComparingTo("26.82");
        }

        @Test
        void roundingOnTheThirdDecimal() {
            assertThat(Rounding.niBand(£("0.0056"))).isEqualByComparingTo("0.00");
            assertThat(Rounding.niBand(£("0.0064"))).isEqualByComparingTo("0.01");
            assertThat(Rounding.niBand(£("0.0256"))).isEqualByComparingTo("0.02");
            assertThat(Rounding.niBand(£("52.6558"))).isEqualByComparingTo("52.65");
            assertThat(Rounding.niBand(£("52.6562"))).isEqualByComparingTo("52.66");
        }

        @Test
        void categoryXPaysNothing() {
            var r = ni(Y2026, PayFrequency.MONTHLY, "X", "5000.00");
            assertThat(r.employee()).isEqualByComparingTo("0");
            assertThat(r.employer()).isEqualByComparingTo("0");
        }

        @Test
        void theLowerEarningsLimitRoseIn2026() {
            assertThat(ni(Y2026, PayFrequency.WEEKLY, "A", "129.00").earningsAtLel()).isEqualByComparingTo("129.00");
            assertThat(ni(Y2026, PayFrequency.WEEKLY, "A", "128.99").earningsAtLel()).isEqualByComparingTo("0");
            assertThat(ni(Y2026, PayFrequency.MONTHLY, "A", "1048.08").employee()).isEqualByComparingTo("0.01");
        }

        @Test
        void directorsOnAnAnnualEarningsPeriod() {
            // Reference §2.4: annual Cat A director on £52,000 → £3,050.60 / £7,050.00.
            var annual = NationalInsuranceCalculator.calculate(Y2025.nationalInsurance(), new NationalInsuranceCalculator.Input(
                    PayFrequency.MONTHLY, 12, "A", £("4000.00"), new NationalInsuranceCalculator.Director(
                            DirectorMethod.STANDARD, 52, £("52000.00"), £("0"), £("0"))));
            assertThat(annual.employee()).isEqualByComparingTo("3050.60");
            assertThat(annual.employer()).isEqualByComparingTo("7050.00");
            // Pro-rata 48 weeks, Cat M, £48,000 → £2,815.92 / £239.40 (PT 11,604, UEL 46,404, rounded up).
            var proRata = NationalInsuranceCalculator.calculate(Y2025.nationalInsurance(), new NationalInsuranceCalculator.Input(
                    PayFrequency.MONTHLY, 12, "M", £("4000.00"), new NationalInsuranceCalculator.Director(
                            DirectorMethod.STANDARD, 48, £("48000.00"), £("0"), £("0"))));
            assertThat(proRata.employee()).isEqualByComparingTo("2815.92");
            assertThat(proRata.employer()).isEqualByComparingTo("239.40");
        }

        @Test
        void directorsStandardMethodDeductsWhatIsDueToDateLessWhatWasPaid() {
            // Month 1 of £5,000: cumulative earnings 5,000 are below the annual PT, so no employee NI yet.
            var m1 = NationalInsuranceCalculator.calculate(Y2026.nationalInsurance(), new NationalInsuranceCalculator.Input(
                    PayFrequency.MONTHLY, 1, "A", £("5000.00"), new NationalInsuranceCalculator.Director(
                            DirectorMethod.STANDARD, 52, £("5000.00"), £("0"), £("0"))));
            assertThat(m1.employee()).isEqualByComparingTo("0");
            assertThat(m1.employer()).isEqualByComparingTo("0"); // 5,000 = annual ST
            // Alternative method: month 1 as an ordinary monthly employee.
            var alt = NationalInsuranceCalculator.calculate(Y2026.nationalInsurance(), new NationalInsuranceCalculator.Input(
                    PayFrequency.MONTHLY, 1, "A", £("5000.00"), new NationalInsuranceCalculator.Director(
                            DirectorMethod.ALTERNATIVE, 52, £("5000.00"), £("0"), £("0"))));
            assertThat(alt.employee()).isEqualByComparingTo("267.50"); // 3,141 × 8% + 811 × 2%
            // … and in month 12 the annual recalculation: £60,000 for the year, £3,000 paid on account.
            var altFinal = NationalInsuranceCalculator.calculate(Y2026.nationalInsurance(), new NationalInsuranceCalculator.Input(
                    PayFrequency.MONTHLY, 12, "A", £("5000.00"), new NationalInsuranceCalculator.Director(
                            DirectorMethod.ALTERNATIVE, 52, £("60000.00"), £("3000.00"), £("7000.00"))));
            assertThat(altFinal.employee()).isEqualByComparingTo("210.60"); // 3,016 + 194.60 − 3,000
            assertThat(altFinal.employer()).isEqualByComparingTo("1250.00"); // 55,000 × 15% − 7,000
        }
    }

    @Nested
    class StudentLoans {

        @Test
        void planFiveFrom2026() {
            // Monthly threshold 25,000 / 12 = 2,083.33; £2,500 → 416.67 × 9% = 37.50 → £37.
            var r = StudentLoanCalculator.calculate(Y2026, PayFrequency.MONTHLY, Set.of(Plan.PLAN_5), £("2500.00"));
            assertThat(r.planDeduction()).isEqualByComparingTo("37");
            assertThat(StudentLoanCalculator.periodThreshold(Y2026.studentLoans().plans().get("PLAN_5"), PayFrequency.WEEKLY))
                    .isEqualByComparingTo("480.76");
        }

        @Test
        void planFiveIsNotCollectedIn2025() {
            var problems = new EngineInputException.Collector();
            StudentLoanCalculator.check(Y2025, Set.of(Plan.PLAN_5), "studentLoans", problems);
            assertThat(problems.isEmpty()).isFalse();
        }

        @Test
        void onlyOneUndergraduatePlanButPostgraduateAlongside() {
            var problems = new EngineInputException.Collector();
            StudentLoanCalculator.check(Y2026, EnumSet.of(Plan.PLAN_1, Plan.PLAN_2), "studentLoans", problems);
            assertThat(problems.isEmpty()).isFalse();
            var ok = new EngineInputException.Collector();
            StudentLoanCalculator.check(Y2026, EnumSet.of(Plan.PLAN_2, Plan.POSTGRADUATE), "studentLoans", ok);
            assertThat(ok.isEmpty()).isTrue();
            var r = StudentLoanCalculator.calculate(Y2026, PayFrequency.MONTHLY, EnumSet.of(Plan.PLAN_2, Plan.POSTGRADUATE),
                    £("3000.00"));
            assertThat(r.planDeduction()).isEqualByComparingTo("49"); // (3000 − 2448.75) × 9% = 49.61
            assertThat(r.postgraduate()).isEqualByComparingTo("75");  // (3000 − 1750) × 6% = 75.00
        }

        @Test
        void publishedPeriodThresholdsAreReproduced() {
            var plans = Y2025.studentLoans().plans();
            assertThat(StudentLoanCalculator.periodThreshold(plans.get("PLAN_1"), PayFrequency.MONTHLY)).isEqualByComparingTo("2172.08");
            assertThat(StudentLoanCalculator.periodThreshold(plans.get("PLAN_4"), PayFrequency.WEEKLY)).isEqualByComparingTo("629.71");
            assertThat(StudentLoanCalculator.periodThreshold(plans.get("POSTGRADUATE"), PayFrequency.WEEKLY)).isEqualByComparingTo("403.84");
            var p26 = Y2026.studentLoans().plans();
            assertThat(StudentLoanCalculator.periodThreshold(p26.get("PLAN_1"), PayFrequency.MONTHLY)).isEqualByComparingTo("2241.66");
            assertThat(StudentLoanCalculator.periodThreshold(p26.get("PLAN_2"), PayFrequency.WEEKLY)).isEqualByComparingTo("565.09");
        }
    }

    @Nested
    class Pensions {

        static PensionCalculator.Result pension(Arrangement a, String pay) {
            return PensionCalculator.calculate(Y2026.pension(), PayFrequency.MONTHLY,
                    new PensionCalculator.Scheme(a, Basis.QUALIFYING_EARNINGS, £("0.05"), £("0.03"), null), £(pay));
        }

        @ParameterizedTest(name = "monthly £{0} → qualifying earnings £{1}")
        @CsvSource({"0.00,0.00", "520.00,0.00", "520.01,0.01", "620.00,100.00", "4189.00,3669.00", "4189.01,3669.00",
                "9000.00,3669.00"})
        void qualifyingEarningsBandAtItsEdges(String pay, String qualifying) {
            assertThat(PensionCalculator.qualifyingEarnings(Y2026.pension(), PayFrequency.MONTHLY, £(pay)))
                    .isEqualByComparingTo(qualifying);
        }

        @Test
        void weeklyBandEdges() {
            assertThat(PensionCalculator.qualifyingEarnings(Y2025.pension(), PayFrequency.WEEKLY, £("120.00"))).isEqualByComparingTo("0");
            assertThat(PensionCalculator.qualifyingEarnings(Y2025.pension(), PayFrequency.WEEKLY, £("967.00"))).isEqualByComparingTo("847.00");
            assertThat(PensionCalculator.qualifyingEarnings(Y2025.pension(), PayFrequency.FOUR_WEEKLY, £("3867.00"))).isEqualByComparingTo("3387.00");
        }

        @Test
        void reliefAtSourceTakesEightyPercentFromNetPay() {
            // Reference §4: £620 a month → £100 qualifying → employer £3, employee £4 from net pay (+ £1 relief).
            var r = pension(Arrangement.RELIEF_AT_SOURCE, "620.00");
            assertThat(r.employer()).isEqualByComparingTo("3.00");
            assertThat(r.employeeGross()).isEqualByComparingTo("5.00");
            assertThat(r.fromNetPay()).isEqualByComparingTo("4.00");
            assertThat(r.beforeTax()).isEqualByComparingTo("0");
        }

        @Test
        void netPayArrangementComesOffBeforeTaxButNotBeforeNi() {
            var year = Y2026;
            var slip = PayslipCalculator.calculate(year, new PayslipCalculator.Input(PayFrequency.MONTHLY, 1, "1257L", false,
                    "A", £("3000.00"), null, null, Set.of(), new PensionCalculator.Scheme(Arrangement.NET_PAY,
                            Basis.QUALIFYING_EARNINGS, £("0.05"), £("0.03"), null), null, null));
            assertThat(slip.pension().employeeFromPay()).isEqualByComparingTo("124.00"); // (3000 − 520) × 5%
            assertThat(slip.taxablePay()).isEqualByComparingTo(£("3000.00").subtract(slip.pension().employeeFromPay()));
            assertThat(slip.niablePay()).isEqualByComparingTo("3000.00");
        }

        @Test
        void salarySacrificeLowersPayForTaxNiAndLoans() {
            var slip = PayslipCalculator.calculate(Y2026, new PayslipCalculator.Input(PayFrequency.MONTHLY, 1, "1257L", false,
                    "A", £("3000.00"), null, null, Set.of(Plan.PLAN_2), new PensionCalculator.Scheme(Arrangement.SALARY_SACRIFICE,
                            Basis.QUALIFYING_EARNINGS, £("0.05"), £("0.03"), null), null, null));
            assertThat(slip.grossPay()).isEqualByComparingTo("2876.00"); // 3000 − 5% of 2,480
            assertThat(slip.niablePay()).isEqualByComparingTo("2876.00");
            assertThat(slip.taxablePay()).isEqualByComparingTo("2876.00");
            assertThat(slip.pension().employer()).isEqualByComparingTo("198.40"); // 74.40 + 124.00 sacrificed
            assertThat(slip.studentLoans().planDeduction()).isEqualByComparingTo("38"); // (2876 − 2448.75) × 9% = 38.45
        }
    }

    @Nested
    class StatutoryPay {

        @Test
        void sspUnderThe2025RulesHasWaitingDaysAndTheLelTest() {
            var r = StatutoryPayCalculator.ssp(Y2025, new StatutoryPayCalculator.SspInput(LocalDate.of(2026, 1, 12), 5, 10,
                    0, 0, £("400.00")));
            assertThat(r.waitingDaysServed()).isEqualTo(3);
            assertThat(r.daysPaid()).isEqualTo(7);
            assertThat(r.amount()).isEqualByComparingTo("166.25"); // 7 × 118.75 / 5
            var low = StatutoryPayCalculator.ssp(Y2025, new StatutoryPayCalculator.SspInput(LocalDate.of(2026, 1, 12), 5, 10,
                    0, 0, £("124.99")));
            assertThat(low.amount()).isEqualByComparingTo("0");
            assertThat(low.notPayableReason()).contains("lower earnings limit");
        }

        @Test
        void sspUnderThe2026RulesIsPaidFromDayOneAtTheLowerOfFlatRateOrEightyPercent() {
            var r = StatutoryPayCalculator.ssp(Y2026, new StatutoryPayCalculator.SspInput(LocalDate.of(2026, 5, 4), 5, 10,
                    0, 0, £("400.00")));
            assertThat(r.waitingDaysServed()).isZero();
            assertThat(r.amount()).isEqualByComparingTo("246.50"); // 10 × 123.25 / 5
            var low = StatutoryPayCalculator.ssp(Y2026, new StatutoryPayCalculator.SspInput(LocalDate.of(2026, 5, 4), 5, 10,
                    0, 0, £("100.00")));
            assertThat(low.weeklyRate()).isEqualByComparingTo("80.00"); // 80% of £100, no LEL test any more
            assertThat(low.amount()).isEqualByComparingTo("160.00");
        }

        @Test
        void anAbsenceThatBeganBefore6April2026KeepsTheOldRulesAtTheNewRate() {
            var r = StatutoryPayCalculator.ssp(Y2026, new StatutoryPayCalculator.SspInput(LocalDate.of(2026, 4, 1), 7, 7,
                    3, 0, £("400.00")));
            assertThat(r.waitingDaysServed()).isZero(); // served in March
            assertThat(r.amount()).isEqualByComparingTo("123.25");
        }

        @Test
        void sspDailyAmountsRoundUpToThePenny() {
            // 7 qualifying days: 2 × 123.25 / 7 = 35.2142… → £35.22
            var r = StatutoryPayCalculator.ssp(Y2026, new StatutoryPayCalculator.SspInput(LocalDate.of(2026, 5, 4), 7, 2,
                    0, 0, £("400.00")));
            assertThat(r.amount()).isEqualByComparingTo("35.22");
        }

        @Test
        void sspStopsAfterTwentyEightWeeks() {
            var r = StatutoryPayCalculator.ssp(Y2026, new StatutoryPayCalculator.SspInput(LocalDate.of(2026, 5, 4), 5, 10,
                    0, 28 * 5 - 3, £("400.00")));
            assertThat(r.daysPaid()).isEqualTo(3);
        }

        @Test
        void smpSixWeeksAtNinetyPercentThenTheLowerOfTheStandardRate() {
            // AWE £500: 90% = £450 for weeks 1–6; then £194.32 (2026-27).
            assertThat(StatutoryPayCalculator.smp(Y2026, new StatutoryPayCalculator.SmpInput(£("500.00"), 5, 4)).amount())
                    .isEqualByComparingTo("1288.64"); // 450 + 450 + 194.32 + 194.32
            // AWE £200: 90% = £180 is below the standard rate, so £180 throughout.
            assertThat(StatutoryPayCalculator.smp(Y2025, new StatutoryPayCalculator.SmpInput(£("200.00"), 7, 2)).amount())
                    .isEqualByComparingTo("360.00");
            assertThat(StatutoryPayCalculator.smp(Y2025, new StatutoryPayCalculator.SmpInput(£("124.00"), 1, 4)).amount())
                    .isEqualByComparingTo("0");
        }
    }

    @Nested
    class Payslips {

        @Test
        void aWholeMonthAddsUpAndCarriesTheYearToDate() {
            var in = new PayslipCalculator.Input(PayFrequency.MONTHLY, 1, "1257L", false, "A", £("2500.00"), null, null,
                    EnumSet.of(Plan.PLAN_5), null, null, null);
            var m1 = PayslipCalculator.calculate(Y2026, in);
            assertThat(m1.tax()).isEqualByComparingTo("290.20");       // (2500 − 1048.26 → 1451) × 20%
            assertThat(m1.employeeNi()).isEqualByComparingTo("116.16"); // (2500 − 1048) × 8%
            assertThat(m1.employerNi()).isEqualByComparingTo("312.45"); // (2500 − 417) × 15%
            assertThat(m1.studentLoans().planDeduction()).isEqualByComparingTo("37");
            assertThat(m1.netPay()).isEqualByComparingTo("2056.64");
            assertThat(m1.employerCost()).isEqualByComparingTo("2812.45");
            assertThat(m1.yearToDate().earningsAtLel()).isEqualByComparingTo("559.00");
            var m2 = PayslipCalculator.calculate(Y2026, new PayslipCalculator.Input(PayFrequency.MONTHLY, 2, "1257L", false,
                    "A", £("2500.00"), null, null, EnumSet.of(Plan.PLAN_5), null, null, m1.yearToDate()));
            assertThat(m2.yearToDate().tax()).isEqualByComparingTo("580.60"); // cumulative: 5000 − 2 × 1048.26 → 2,903 × 20%
            assertThat(m2.tax()).isEqualByComparingTo("290.40");
            assertThat(m2.yearToDate().grossPay()).isEqualByComparingTo("5000.00");
            assertThat(m2.yearToDate().netPay()).isEqualByComparingTo(m1.netPay().add(m2.netPay()));
            assertThat(m2.yearToDate().earningsAtLel()).isEqualByComparingTo("1118.00");
        }

        @Test
        void sickPayIsPartOfGrossPay() {
            var slip = PayslipCalculator.calculate(Y2026, new PayslipCalculator.Input(PayFrequency.MONTHLY, 2, "1257L", false,
                    "A", £("1000.00"), new StatutoryPayCalculator.SspInput(LocalDate.of(2026, 5, 4), 5, 10, 0, 0, £("400.00")),
                    null, Set.of(), null, null, null));
            assertThat(slip.ssp()).isEqualByComparingTo("246.50");
            assertThat(slip.grossPay()).isEqualByComparingTo("1246.50");
        }

        @Test
        void badInputIsNamedFieldByField() {
            assertThatThrownBy(() -> PayslipCalculator.calculate(Y2025, new PayslipCalculator.Input(PayFrequency.MONTHLY, 13,
                    "1257Q", false, "Q", £("-1.00"), null, null, EnumSet.of(Plan.PLAN_5), null, null, null)))
                    .isInstanceOf(EngineInputException.class)
                    .satisfies(e -> assertThat(((EngineInputException) e).problems()).extracting(EngineInputException.Problem::field)
                            .containsExactlyInAnyOrder("period", "grossPay", "taxCode", "niCategory", "studentLoans"));
        }
    }
}
