package care.backoffice.payroll.members;

import care.backoffice.payroll.engine.EngineInputException;
import care.backoffice.payroll.engine.TaxCode;
import care.backoffice.payroll.engine.TaxYearParameters;
import care.backoffice.payroll.engine.TaxYears;
import care.backoffice.payroll.engine.StudentLoanCalculator;
import care.backoffice.support.problem.ApiException;
import care.backoffice.support.problem.Problems;
import care.backoffice.support.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The back office keeps each colleague's tax code (from HMRC coding notices), NI category and loan plans. A change
 * never overwrites: it is a new setting from its effective date, with its source, reason and who made it.
 */
@RestController
@RequestMapping("/api/payroll/members/{id}/tax-settings")
@Tag(name = "Team members")
public class TaxSettingsController {

    /** Absent fields keep their current value. {@code source}: HMRC_CODING_NOTICE (P6/P9), or BACK_OFFICE. */
    public record Change(String effectiveFrom, String taxCode, Boolean nonCumulative, String niCategory,
            List<String> studentLoanPlans, String source, String reason) {}

    /** NI category letters HMRC's tables have (reference §2.2), and X for no NI due. */
    static final Set<String> NI_CATEGORIES = Set.of("A", "B", "C", "D", "E", "F", "H", "I", "J", "K", "L", "M", "N",
            "S", "V", "X", "Z");

    private final MemberRepository members;
    private final TransactionTemplate tx;

    public TaxSettingsController(MemberRepository members, TransactionTemplate tx) {
        this.members = members;
        this.tx = tx;
    }

    @GetMapping
    @Operation(summary = "Every tax setting of a colleague, oldest first (back office)")
    @PreAuthorize("hasRole('back-office')")
    public List<MemberRepository.TaxChange> history(@PathVariable UUID id) {
        members.find(id).orElseThrow(() -> ApiException.notFound("employee " + id));
        return members.taxHistory(id);
    }

    @PostMapping
    @Operation(summary = "Change tax code, basis, NI category or loan plans from a date (back office)")
    @PreAuthorize("hasRole('back-office')")
    public ResponseEntity<List<MemberRepository.TaxChange>> change(@PathVariable UUID id,
            @RequestBody(required = false) Change body) {
        Change c = body == null ? new Change(null, null, null, null, null, null, null) : body;
        String by = CurrentUser.get().name();
        return ResponseEntity.status(201).body(tx.execute(s -> {
            if (!members.lock(id)) {
                throw ApiException.notFound("employee " + id);
            }
            Member m = members.find(id).orElseThrow();
            Problems p = new Problems();
            LocalDate from = Onboarding.date(p, "effectiveFrom", c.effectiveFrom());
            // Absent fields keep what is in force on the new setting's date (not today's).
            Member.Tax current = null;
            for (MemberRepository.TaxChange t : members.taxHistory(id)) {
                if (current == null || from == null || !t.setting().effectiveFrom().isAfter(from)) {
                    current = t.setting();
                }
            }
            if (from != null && from.isBefore(m.startDate())) {
                p.add("effectiveFrom", "is before the colleague's start date " + m.startDate());
            }
            String source = c.source() == null ? "BACK_OFFICE" : c.source();
            p.require(Set.of("HMRC_CODING_NOTICE", "BACK_OFFICE").contains(source), "source",
                    "must be HMRC_CODING_NOTICE or BACK_OFFICE");
            p.require(c.reason() == null || c.reason().length() <= 500, "reason", "must be at most 500 characters");
            String code = current == null ? null : current.taxCode();
            boolean nonCumulative = current != null && current.nonCumulative();
            if (c.taxCode() != null) {
                code = c.taxCode().strip().toUpperCase(Locale.ROOT);
                nonCumulative = c.nonCumulative() != null ? c.nonCumulative() : false;
                if (from != null) {
                    TaxYearParameters year = TaxYears.forDate(from).orElse(null);
                    if (year == null) {
                        p.add("effectiveFrom", "is in a tax year the payroll engine has no rates for");
                    } else {
                        try {
                            TaxCode parsed = TaxCode.parse(code, year.incomeTax(), "taxCode");
                            // "1257L W1/M1" and "1257L" with nonCumulative=true mean the same; keep the bare code.
                            nonCumulative = nonCumulative || parsed.nonCumulativeMarker();
                            code = parsed.text();
                        } catch (EngineInputException e) {
                            e.problems().forEach(x -> p.add(x.field(), x.reason()));
                        }
                    }
                }
            } else if (c.nonCumulative() != null) {
                nonCumulative = c.nonCumulative();
            }
            p.require(code != null, "taxCode", "is required: the colleague has no tax code yet");
            String category = current == null ? "A" : current.niCategory();
            if (c.niCategory() != null) {
                category = c.niCategory().strip().toUpperCase(Locale.ROOT);
                p.require(NI_CATEGORIES.contains(category), "niCategory", "must be one of " + NI_CATEGORIES);
            }
            List<String> plans = current == null ? List.of() : current.studentLoanPlans();
            if (c.studentLoanPlans() != null) {
                Set<String> out = new LinkedHashSet<>();
                for (int i = 0; i < c.studentLoanPlans().size(); i++) {
                    try {
                        out.add(StudentLoanCalculator.Plan.valueOf(c.studentLoanPlans().get(i)).name());
                    } catch (IllegalArgumentException | NullPointerException e) {
                        p.add("studentLoanPlans[" + i + "]", "must be one of "
                                + java.util.Arrays.toString(StudentLoanCalculator.Plan.values()));
                    }
                }
                plans = new ArrayList<>(out);
            }
            p.throwIfAny();
            members.addTaxSetting(id, new Member.Tax(from, code, nonCumulative, category, plans, source, by),
                    c.reason(), MemberRepository.now());
            return members.taxHistory(id);
        }));
    }
}
