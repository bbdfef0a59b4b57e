package care.backoffice.payroll.rti;

import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The RTI Full Payment Submission body for one monthly run, elements in the schema's order as reference
 * uk-payroll.md §6 lists them (namespace {@code …/FullPaymentSubmission/<yy-yy>/1}). Plain Java (StAX).
 *
 * <p>Not here: the GovTalk envelope, the IRmark (a digest over the canonicalised body) and the transmission to the
 * Transaction Engine; HMRC's XSD could not be obtained, so each field format of the reference is tested instead.
 * Gender, required by HMRC, is not collected at onboarding yet and is left out.
 */
public final class FullPaymentSubmission {

    public record Employer(String officeNumber, String payeReference, String accountsOfficeReference) {}

    /** {@code payFrequency}: the engine's name (MONTHLY, WEEKLY …); {@code taxWeek}: the pay date's tax week. */
    public record Run(String taxYear, int taxMonth, LocalDate payDate, String payFrequency, Integer taxWeek) {

        public Run(String taxYear, int taxMonth, LocalDate payDate) {
            this(taxYear, taxMonth, payDate, "MONTHLY", null);
        }
    }

    /** One colleague's figures for the period and to date (YTD keys as the engine's YearToDate names them). */
    public record Employee(String niNumber, String givenName, String familyName, List<String> addressLines,
            String postcode, LocalDate birthDate, String payId, LocalDate startDate, String starterDeclaration,
            boolean studentLoanOnStart, LocalDate leavingDate, String hoursBand, String taxCode, boolean nonCumulative,
            BigDecimal taxablePay, BigDecimal payAfterStatutoryDeductions, BigDecimal pensionNetPayArrangement,
            BigDecimal pensionReliefAtSource, String studentLoanPlan, BigDecimal studentLoan,
            BigDecimal postgraduateLoan, BigDecimal tax, String niLetter, BigDecimal niablePay,
            BigDecimal employeeNi, BigDecimal employerNi, Map<String, BigDecimal> yearToDate,
            BigDecimal notTaxedPayments, BigDecimal deductionsFromNetPay) {

        /** A colleague without expenses or deductions from net pay in the period. */
        public Employee(String niNumber, String givenName, String familyName, List<String> addressLines,
                String postcode, LocalDate birthDate, String payId, LocalDate startDate, String starterDeclaration,
                boolean studentLoanOnStart, LocalDate leavingDate, String hoursBand, String taxCode,
                boolean nonCumulative, BigDecimal taxablePay, BigDecimal payAfterStatutoryDeductions,
                BigDecimal pensionNetPayArrangement, BigDecimal pensionReliefAtSource, String studentLoanPlan,
                BigDecimal studentLoan, BigDecimal postgraduateLoan, BigDecimal tax, String niLetter,
                BigDecimal niablePay, BigDecimal employeeNi, BigDecimal employerNi, Map<String, BigDecimal> yearToDate) {
            this(niNumber, givenName, familyName, addressLines, postcode, birthDate, payId, startDate,
                    starterDeclaration, studentLoanOnStart, leavingDate, hoursBand, taxCode, nonCumulative, taxablePay,
                    payAfterStatutoryDeductions, pensionNetPayArrangement, pensionReliefAtSource, studentLoanPlan,
                    studentLoan, postgraduateLoan, tax, niLetter, niablePay, employeeNi, employerNi, yearToDate, null,
                    null);
        }
    }

    private FullPaymentSubmission() {}

    public static String write(Employer employer, Run run, List<Employee> employees) {
        String yy = run.taxYear().substring(2); // "2026-27" → "26-27"
        String ns = "http://www.govtalk.gov.uk/taxation/PAYE/RTI/FullPaymentSubmission/" + yy + "/1";
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter x = XMLOutputFactory.newInstance().createXMLStreamWriter(out);
            x.writeStartDocument("UTF-8", "1.0");
            x.writeStartElement("IRenvelope");
            x.writeDefaultNamespace(ns);
            x.writeStartElement("IRheader");
            x.writeStartElement("Keys");
            key(x, "TaxOfficeNumber", employer.officeNumber());
            key(x, "TaxOfficeReference", employer.payeReference());
            x.writeEndElement();
            el(x, "PeriodEnd", "20" + yy.substring(3) + "-04-05");
            el(x, "DefaultCurrency", "GBP");
            el(x, "Sender", "Employer");
            x.writeEndElement();
            x.writeStartElement("FullPaymentSubmission");
            x.writeStartElement("EmpRefs");
            el(x, "OfficeNo", employer.officeNumber());
            el(x, "PayeRef", employer.payeReference());
            el(x, "AORef", employer.accountsOfficeReference());
            x.writeEndElement();
            el(x, "RelatedTaxYear", yy);
            for (Employee e : employees) {
                employee(x, run, e);
            }
            x.writeEndElement();
            x.writeEndElement();
            x.writeEndDocument();
            x.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }

    private static void employee(XMLStreamWriter x, Run run, Employee e) throws XMLStreamException {
        Map<String, BigDecimal> ytd = e.yearToDate();
        x.writeStartElement("Employee");
        x.writeStartElement("EmployeeDetails");
        if (e.niNumber() != null) {
            el(x, "NINO", e.niNumber());
        }
        x.writeStartElement("Name");
        el(x, "Fore", name(e.givenName()));
        el(x, "Sur", name(e.familyName()));
        x.writeEndElement();
        if (e.postcode() != null) {
            x.writeStartElement("Address");
            for (String line : e.addressLines()) {
                el(x, "Line", line);
            }
            el(x, "UKPostcode", e.postcode());
            x.writeEndElement();
        }
        el(x, "BirthDate", e.birthDate().toString());
        x.writeEndElement();

        x.writeStartElement("Employment");
        if (e.startDate() != null) {
            x.writeStartElement("Starter");
            el(x, "StartDate", e.startDate().toString());
            if (e.starterDeclaration() != null) {
                el(x, "StartDec", e.starterDeclaration());
            }
            if (e.studentLoanOnStart()) {
                el(x, "StudentLoan", "yes");
            }
            x.writeEndElement();
        }
        el(x, "PayId", e.payId());
        if (e.leavingDate() != null) {
            el(x, "LeavingDate", e.leavingDate().toString());
        }
        x.writeStartElement("FiguresToDate");
        el(x, "TaxablePay", money(ytd.get("taxablePay")));
        el(x, "TotalTax", money(ytd.get("tax")));
        el(x, "StudentLoansTD", money(ytd.get("studentLoan")));
        el(x, "PostgradLoansTD", money(ytd.get("postgraduateLoan")));
        el(x, "EmpeePenContribnsPaidYTD", money(ytd.get("employeePensionBeforeTax")));
        el(x, "EmpeePenContribnsNotPaidYTD", money(ytd.get("employeePensionFromNetPay")));
        el(x, "SMPYTD", money(ytd.get("smp")));
        x.writeEndElement();

        x.writeStartElement("Payment");
        el(x, "PayFreq", payFrequency(run.payFrequency()));
        el(x, "PmtDate", run.payDate().toString());
        if ("MONTHLY".equals(run.payFrequency())) {
            el(x, "MonthNo", Integer.toString(run.taxMonth()));
        } else {
            // Week-based pay reports the tax week the payment date falls in (HMRC: the payment date and the week
            // number must agree with the tax calendar), also for 2- and 4-weekly pay.
            el(x, "WeekNo", Integer.toString(run.taxWeek()));
        }
        el(x, "PeriodsCovered", "1");
        el(x, "HoursWorked", e.hoursBand());
        x.writeStartElement("TaxCode");
        if (e.nonCumulative()) {
            x.writeAttribute("BasisNonCumulative", "yes");
        }
        String code = e.taxCode();
        if (code.startsWith("S") || code.startsWith("C")) {
            // The regime travels as an attribute; the code itself carries no S/C prefix (reference §6).
            x.writeAttribute("TaxRegime", code.substring(0, 1));
            code = code.substring(1);
        }
        x.writeCharacters(code);
        x.writeEndElement();
        el(x, "TaxablePay", money(e.taxablePay()));
        // Optional fields, sent when there is something to report (schema order: TaxablePay, NonTaxOrNICPmt,
        // DednsFromNetPay, PayAfterStatDedns).
        if (e.notTaxedPayments() != null && e.notTaxedPayments().signum() != 0) {
            el(x, "NonTaxOrNICPmt", money(e.notTaxedPayments()));
        }
        if (e.deductionsFromNetPay() != null && e.deductionsFromNetPay().signum() != 0) {
            el(x, "DednsFromNetPay", money(e.deductionsFromNetPay()));
        }
        el(x, "PayAfterStatDedns", money(e.payAfterStatutoryDeductions()));
        el(x, "EmpeePenContribnsPaid", money(e.pensionNetPayArrangement()));
        el(x, "EmpeePenContribnsNotPaid", money(e.pensionReliefAtSource()));
        if (e.studentLoan().signum() != 0) {
            x.writeStartElement("StudentLoanRecovered");
            x.writeAttribute("PlanType", planType(e.studentLoanPlan()));
            x.writeCharacters(money(e.studentLoan()));
            x.writeEndElement();
        }
        if (e.postgraduateLoan().signum() != 0) {
            el(x, "PostgradLoanRecovered", money(e.postgraduateLoan()));
        }
        el(x, "TaxDeductedOrRefunded", money(e.tax()));
        x.writeEndElement();

        x.writeStartElement("NIlettersAndValues");
        el(x, "NIletter", e.niLetter());
        el(x, "GrossEarningsForNICsInPd", money(e.niablePay()));
        el(x, "GrossEarningsForNICsYTD", money(ytd.get("niablePay")));
        el(x, "AtLELYTD", money(ytd.get("earningsAtLel")));
        el(x, "LELtoPTYTD", money(ytd.get("earningsLelToPt")));
        el(x, "PTtoUELYTD", money(ytd.get("earningsPtToUel")));
        el(x, "TotalEmpNICInPd", money(e.employerNi()));
        el(x, "TotalEmpNICYTD", money(ytd.get("employerNi")));
        el(x, "EmpeeContribnsInPd", money(e.employeeNi()));
        el(x, "EmpeeContribnsYTD", money(ytd.get("employeeNi")));
        x.writeEndElement();
        x.writeEndElement();
        x.writeEndElement();
    }

    /** HMRC's PayFreq codes: W1 weekly, W2 fortnightly, W4 four-weekly, M1 monthly. */
    static String payFrequency(String frequency) {
        return switch (frequency) {
            case "WEEKLY" -> "W1";
            case "FORTNIGHTLY" -> "W2";
            case "FOUR_WEEKLY" -> "W4";
            case "MONTHLY" -> "M1";
            default -> throw new IllegalArgumentException("no FPS pay frequency for " + frequency);
        };
    }

    /** HMRC's plan type codes: 01 Plan 1, 02 Plan 2, 04 Plan 4, 05 Plan 5. */
    static String planType(String plan) {
        return switch (plan == null ? "" : plan) {
            case "PLAN_1" -> "01";
            case "PLAN_2" -> "02";
            case "PLAN_4" -> "04";
            case "PLAN_5" -> "05";
            default -> throw new IllegalArgumentException("no student loan plan for a student loan deduction");
        };
    }

    /** The FPS money pattern {@code -?(([1-9][0-9]*)|0)\.[0-9]{2}}: two decimals, no leading zeros, no '+'. */
    static String money(BigDecimal amount) {
        BigDecimal a = amount == null ? BigDecimal.ZERO : amount;
        return a.setScale(2, java.math.RoundingMode.UNNECESSARY).toPlainString();
    }

    /** FPS names: letters, spaces, hyphen and apostrophe, at most 35 (onboarding keeps names to this already). */
    static String name(String s) {
        String n = s.replaceAll("[^\\p{L} '\\-]", " ").strip();
        return n.length() > 35 ? n.substring(0, 35) : n;
    }

    private static void key(XMLStreamWriter x, String type, String value) throws XMLStreamException {
        x.writeStartElement("Key");
        x.writeAttribute("Type", type);
        x.writeCharacters(value);
        x.writeEndElement();
    }

    private static void el(XMLStreamWriter x, String name, String value) throws XMLStreamException {
        x.writeStartElement(name);
        x.writeCharacters(value);
        x.writeEndElement();
    }
}
