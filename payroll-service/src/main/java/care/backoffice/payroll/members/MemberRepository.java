package care.backoffice.payroll.members;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class MemberRepository {

    /** The employee with the tax setting and pay agreement in force today (the latest ones that have started). */
    private static final String SELECT = """
            select e.*, t.effective_from as tax_from, t.tax_code, t.non_cumulative, t.ni_category,
                   t.student_loan_plans, t.source as tax_source, t.changed_by as tax_changed_by,
                   a.effective_from as pay_from, a.kind, a.annual_salary, a.contracted_weekly_hours, a.hourly_rate,
                   a.night_enhancement_percent, a.weekend_enhancement_percent, a.bank_holiday_enhancement_percent,
                   a.night_start, a.night_end, a.pay_frequency as agreement_frequency
            from employee e
            left join lateral (select * from tax_setting t where t.employee_id = e.id
                               order by (t.effective_from <= current_date) desc, t.effective_from desc, t.id desc
                               limit 1) t on true
            left join lateral (select * from pay_agreement a where a.employee_id = e.id
                               order by (a.effective_from <= current_date) desc, a.effective_from desc, a.created_at desc
                               limit 1) a on true
            """;

    private final JdbcClient jdbc;

    public MemberRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(Member m) {
        Member.Details d = m.details();
        MemberRequest.Address a = d.address();
        jdbc.sql("""
                insert into employee (id, team_code, given_name, family_name, date_of_birth, start_date, ni_number,
                    created_by, created_at, email, address_line1, address_line2, address_line3, address_line4, postcode,
                    sort_code, account_number, account_name, starter_declaration, pension_choice, pay_frequency,
                    login_status, login_username)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(m.id(), m.team(), m.givenName(), m.familyName(), m.dateOfBirth(), m.startDate(),
                        m.niNumber(), m.createdBy(), Timestamp.from(m.createdAt()), d.email(), a.line1(), a.line2(),
                        a.line3(), a.line4(), a.postcode(), d.bankAccount().sortCode(), d.bankAccount().accountNumber(),
                        d.bankAccount().accountName(), d.starterDeclaration(), d.pension(), d.payFrequency(),
                        m.login().status(), m.login().username())
                .update();
        addPayAgreement(m.id(), d.payAgreement(), null, m.createdBy(), m.createdAt());
        addTaxSetting(m.id(), d.tax(), null, m.createdAt());
    }

    /** A pay agreement from its effective date; an earlier one stays, for the history and earlier periods. */
    public void addPayAgreement(UUID employee, Member.Pay pay, String reason, String by, Instant at) {
        Member.Enhancements e = pay.enhancements();
        jdbc.sql("""
                insert into pay_agreement (id, employee_id, effective_from, kind, annual_salary, contracted_weekly_hours,
                    hourly_rate, night_enhancement_percent, weekend_enhancement_percent, bank_holiday_enhancement_percent,
                    night_start, night_end, reason, created_by, created_at, pay_frequency)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(UUID.randomUUID(), employee, pay.effectiveFrom(), pay.kind(), pay.annualSalary(),
                        pay.contractedWeeklyHours(), pay.hourlyRate(), e == null ? null : e.nightPercent(),
                        e == null ? null : e.weekendPercent(), e == null ? null : e.bankHolidayPercent(),
                        e == null ? null : e.nightStart(), e == null ? null : e.nightEnd(), reason, by,
                        Timestamp.from(at), pay.payFrequency() == null ? "MONTHLY" : pay.payFrequency())
                .update();
    }

    /** One agreement in a colleague's history: what it says, why, who made it and when. */
    public record PayChange(Member.Pay agreement, String reason, String createdBy, Instant createdAt) {}

    /** Every pay agreement of the employee, oldest first. */
    public List<PayChange> payHistory(UUID employee) {
        return jdbc.sql("""
                select effective_from as pay_from, kind, annual_salary, contracted_weekly_hours, hourly_rate,
                       night_enhancement_percent, weekend_enhancement_percent, bank_holiday_enhancement_percent,
                       night_start, night_end, reason, created_by, created_at, pay_frequency as agreement_frequency
                from pay_agreement where employee_id = ? order by effective_from, created_at, id""")
                .param(employee)
                .query((rs, n) -> new PayChange(pay(rs), rs.getString("reason"), rs.getString("created_by"),
                        rs.getTimestamp("created_at").toInstant()))
                .list();
    }

    private static Member.Pay pay(ResultSet rs) throws SQLException {
        String kind = rs.getString("kind");
        if (kind == null) {
            return null;
        }
        BigDecimal night = rs.getBigDecimal("night_enhancement_percent");
        BigDecimal weekend = rs.getBigDecimal("weekend_enhancement_percent");
        BigDecimal bankHoliday = rs.getBigDecimal("bank_holiday_enhancement_percent");
        java.time.LocalTime start = rs.getObject("night_start", java.time.LocalTime.class);
        Member.Enhancements e = night == null && weekend == null && bankHoliday == null && start == null ? null
                : new Member.Enhancements(night, weekend, bankHoliday, start,
                        rs.getObject("night_end", java.time.LocalTime.class));
        return new Member.Pay(rs.getObject("pay_from", LocalDate.class), kind, rs.getBigDecimal("annual_salary"),
                rs.getBigDecimal("contracted_weekly_hours"), rs.getBigDecimal("hourly_rate"), e,
                rs.getString("agreement_frequency"));
    }

    public void addTaxSetting(UUID employee, Member.Tax t, String reason, Instant at) {
        jdbc.sql("""
                insert into tax_setting (employee_id, effective_from, tax_code, non_cumulative, ni_category,
                    student_loan_plans, source, reason, changed_by, changed_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(employee, t.effectiveFrom(), t.taxCode(), t.nonCumulative(), t.niCategory(),
                        String.join(",", t.studentLoanPlans()), t.source(), reason, t.changedBy(), Timestamp.from(at))
                .update();
    }

    /** Every tax setting of the employee, oldest first: the history the back office reads. */
    public List<TaxChange> taxHistory(UUID employee) {
        return jdbc.sql("""
                select effective_from, tax_code, non_cumulative, ni_category, student_loan_plans, source, reason,
                       changed_by, changed_at
                from tax_setting where employee_id = ? order by effective_from, id""")
                .param(employee)
                .query((rs, n) -> new TaxChange(new Member.Tax(rs.getObject(1, LocalDate.class), rs.getString(2),
                        rs.getBoolean(3), rs.getString(4), plans(rs.getString(5)), rs.getString(6), rs.getString(8)),
                        rs.getString(7), rs.getTimestamp(9).toInstant()))
                .list();
    }

    public record TaxChange(Member.Tax setting, String reason, Instant changedAt) {}

    public boolean currentEmployeeWithNiNumber(String niNumber) {
        return jdbc.sql("select count(*) from employee where ni_number = ? and leaving_date is null")
                .param(niNumber).query(Long.class).single() > 0;
    }

    public List<Member> inTeam(String team) {
        return jdbc.sql(SELECT + " where e.team_code = ? order by e.family_name, e.given_name, e.id")
                .param(team).query(MemberRepository::map).list();
    }

    public Optional<Member> find(UUID id) {
        return jdbc.sql(SELECT + " where e.id = ?").param(id).query(MemberRepository::map).optional();
    }

    /** Locks the employee row until the transaction ends (leaving, tax changes, login bookkeeping). */
    public boolean lock(UUID id) {
        return jdbc.sql("select id from employee where id = ? for update").param(id).query(UUID.class).optional()
                .isPresent();
    }

    public void recordLeaving(UUID id, LocalDate leavingDate, String by, Instant at) {
        jdbc.sql("update employee set leaving_date = ?, leaving_recorded_by = ?, leaving_recorded_at = ? where id = ?")
                .params(leavingDate, by, Timestamp.from(at), id).update();
    }

    // --- logins -------------------------------------------------------------------------------------------------

    public void loginCreated(UUID id, String userId) {
        jdbc.sql("update employee set login_status = 'CREATED', login_user_id = ? where id = ?").params(userId, id).update();
        jdbc.sql("delete from pending_login where employee_id = ?").param(id).update();
    }

    public void loginPending(UUID id, String error) {
        jdbc.sql("""
                insert into pending_login (employee_id, attempts, next_attempt_at, last_error) values (?, 1, now() + interval '30 seconds', ?)
                on conflict (employee_id) do nothing""").params(id, error).update();
    }

    private static Member map(ResultSet rs, int row) throws SQLException {
        Member.Pay pay = pay(rs);
        String code = rs.getString("tax_code");
        Member.Tax tax = code == null ? null : new Member.Tax(rs.getObject("tax_from", LocalDate.class), code,
                rs.getBoolean("non_cumulative"), rs.getString("ni_category"), plans(rs.getString("student_loan_plans")),
                rs.getString("tax_source"), rs.getString("tax_changed_by"));
        String sort = rs.getString("sort_code");
        Member.Details details = new Member.Details(rs.getString("email"),
                rs.getString("postcode") == null ? null : new MemberRequest.Address(rs.getString("address_line1"),
                        rs.getString("address_line2"), rs.getString("address_line3"), rs.getString("address_line4"),
                        rs.getString("postcode")),
                sort == null ? null : new Member.BankAccount(sort, rs.getString("account_number"),
                        rs.getString("account_name")),
                rs.getString("starter_declaration"), tax, pay, rs.getString("pension_choice"),
                pay != null ? pay.payFrequency() : rs.getString("pay_frequency"));
        String login = rs.getString("login_status");
        return new Member(rs.getObject("id", UUID.class), rs.getString("team_code"), rs.getString("given_name"),
                rs.getString("family_name"), rs.getObject("date_of_birth", LocalDate.class),
                rs.getObject("start_date", LocalDate.class), rs.getObject("leaving_date", LocalDate.class),
                rs.getString("ni_number"), rs.getString("created_by"), rs.getTimestamp("created_at").toInstant(),
                details, login == null ? null : new Member.Login(login, rs.getString("login_username")));
    }

    static List<String> plans(String csv) {
        return csv == null || csv.isBlank() ? List.of() : Arrays.asList(csv.split(","));
    }

    static Instant now() {
        // Microsecond precision, as PostgreSQL stores it, so the answer equals what a later read returns.
        return Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }
}
