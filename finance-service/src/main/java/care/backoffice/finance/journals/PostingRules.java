package care.backoffice.finance.journals;

import care.backoffice.finance.money.Money;
import care.backoffice.finance.periods.PeriodStatus;
import care.backoffice.support.problem.ApiException;
import care.backoffice.support.problem.Problems;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules a journal must meet before it enters the ledger. Plain Java: the structural checks need
 * nothing but the request; the ledger checks are given what the database knows (accounts, period).
 */
public final class PostingRules {

    public static final int MAX_LINES = 10_000;
    public static final Set<String> SOURCES = Set.of("billing", "payroll", "procurement", "manual");
    public static final Set<String> DIMENSIONS = Set.of("payerType", "supplier", "employee", "funder");
    private static final Pattern TEAM = Pattern.compile("[a-z0-9][a-z0-9-]{0,99}");

    /** A posting rule broken by a well-formed journal; {@code code} lets a client react without parsing text. */
    public record Violation(String code, String field, String reason) {}

    private PostingRules() {}

    /** Parses and normalises the request; a 400 naming every bad field otherwise. */
    public static NewJournal parse(JournalRequest r, Set<String> allowedSources) {
        Problems p = new Problems();
        if (r == null) {
            p.add("body", "is required").throwIfAny();
        }
        LocalDate date = null;
        if (r.date() == null || r.date().isBlank()) {
            p.add("date", "is required (yyyy-MM-dd)");
        } else {
            try {
                date = LocalDate.parse(r.date().trim());
                // ISO parsing accepts year 0 and negative years; no journal of ours is dated outside this range.
                if (date.getYear() < 1900 || date.getYear() > 2199) {
                    p.add("date", "must be a date from 1900 to 2199: " + r.date());
                    date = null;
                }
            } catch (DateTimeParseException e) {
                p.add("date", "is not a date in the form yyyy-MM-dd: " + r.date());
            }
        }
        if (r.description() == null || r.description().isBlank()) {
            p.add("description", "is required");
        } else if (r.description().length() > 500) {
            p.add("description", "is longer than 500 characters");
        }
        if (r.source() == null || !allowedSources.contains(r.source())) {
            p.add("source", "must be one of " + String.join(", ", allowedSources.stream().sorted().toList()));
        }
        if (r.sourceDocumentId() == null || r.sourceDocumentId().isBlank()) {
            p.add("sourceDocumentId", "is required: it makes the posting safe to retry");
        } else if (r.sourceDocumentId().length() > 200) {
            p.add("sourceDocumentId", "is longer than 200 characters");
        }
        List<NewJournal.NewLine> lines = new ArrayList<>();
        if (r.lines() == null || r.lines().size() < 2) {
            p.add("lines", "needs at least two lines");
        } else if (r.lines().size() > MAX_LINES) {
            p.add("lines", "has " + r.lines().size() + " lines; at most " + MAX_LINES + " per journal");
        } else {
            for (int i = 0; i < r.lines().size(); i++) {
                NewJournal.NewLine line = parseLine(r.lines().get(i), "lines[" + i + "]", p);
                if (line != null) {
                    lines.add(line);
                }
            }
        }
        p.throwIfAny();
        return new NewJournal(date, r.description().strip(), r.source(), r.sourceDocumentId().strip(), List.copyOf(lines));
    }

    private static NewJournal.NewLine parseLine(JournalRequest.Line l, String at, Problems p) {
        if (l == null) {
            p.add(at, "is empty");
            return null;
        }
        int before = p.list().size();
        if (l.account() == null || l.account().isBlank()) {
            p.add(at + ".account", "is required");
        }
        boolean hasDebit = l.debit() != null && !l.debit().isBlank();
        boolean hasCredit = l.credit() != null && !l.credit().isBlank();
        BigDecimal debit = BigDecimal.ZERO.setScale(2);
        BigDecimal credit = BigDecimal.ZERO.setScale(2);
        if (hasDebit == hasCredit) {
            p.add(at, hasDebit ? "has both a debit and a credit; give exactly one" : "needs a debit or a credit");
        } else {
            String field = at + (hasDebit ? ".debit" : ".credit");
            BigDecimal amount = Money.parsePence(hasDebit ? l.debit() : l.credit()).orElse(null);
            if (amount == null) {
                p.add(field, "must be an amount in GBP with at most 2 decimals, e.g. \"120.00\"");
            } else if (amount.signum() <= 0) {
                p.add(field, "must be positive (use the other side for a negative amount)");
            } else if (amount.precision() - amount.scale() > 17) {
                p.add(field, "is too large");
            } else if (hasDebit) {
                debit = amount;
            } else {
                credit = amount;
            }
        }
        String team = l.team() == null || l.team().isBlank() ? null : l.team().strip();
        if (team != null && !TEAM.matcher(team).matches()) {
            p.add(at + ".team", "must be a team code such as team-arnhem-noord (lower case letters, digits, '-')");
        }
        Map<String, String> dims = l.dimensions() == null ? Map.of() : l.dimensions();
        for (Map.Entry<String, String> d : dims.entrySet()) {
            if (!DIMENSIONS.contains(d.getKey())) {
                p.add(at + ".dimensions." + d.getKey(), "is not a dimension; use payerType, supplier, employee or funder");
            } else if (d.getValue() != null && d.getValue().length() > 200) {
                p.add(at + ".dimensions." + d.getKey(), "is longer than 200 characters");
            }
        }
        if (p.list().size() > before) {
            return null;
        }
        return new NewJournal.NewLine(l.account().strip(), debit, credit, team, blank(dims.get("payerType")),
                blank(dims.get("supplier")), blank(dims.get("employee")), blank(dims.get("funder")));
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /**
     * The checks against the ledger: balance, accounts, period. All are reported together.
     *
     * @param accountOpen for each known account code, whether it is open
     */
    public static List<Violation> check(NewJournal j, Map<String, Boolean> accountOpen, PeriodStatus period) {
        List<Violation> found = new ArrayList<>();
        BigDecimal dr = j.totalDebit();
        BigDecimal cr = j.totalCredit();
        if (dr.compareTo(cr) != 0) {
            found.add(new Violation("UNBALANCED", "lines", "debits " + Money.format(dr) + " do not equal credits "
                    + Money.format(cr) + " (difference " + Money.format(dr.subtract(cr).abs()) + ")"));
        }
        for (int i = 0; i < j.lines().size(); i++) {
            String code = j.lines().get(i).account();
            Boolean open = accountOpen.get(code);
            if (open == null) {
                found.add(new Violation("UNKNOWN_ACCOUNT", "lines[" + i + "].account",
                        "account " + code + " is not in the chart of accounts"));
            } else if (!open) {
                found.add(new Violation("ACCOUNT_CLOSED", "lines[" + i + "].account",
                        "account " + code + " is closed for posting"));
            }
        }
        if (period != PeriodStatus.OPEN) {
            found.add(new Violation(period == PeriodStatus.HARD_LOCKED ? "PERIOD_LOCKED" : "PERIOD_CLOSED", "date",
                    "the period " + j.month() + " is " + (period == PeriodStatus.HARD_LOCKED
                            ? "locked (year end) and cannot take postings"
                            : "closed; finance can reopen it, or post into an open month")));
        }
        return found;
    }

    /** 422 naming every broken rule; the title names the rule when only one kind is broken. */
    public static void throwIfAny(List<Violation> violations) {
        if (violations.isEmpty()) {
            return;
        }
        Set<String> codes = new LinkedHashSet<>(violations.stream().map(Violation::code).toList());
        String title = codes.size() > 1 ? "The journal breaks posting rules" : switch (codes.iterator().next()) {
            case "UNBALANCED" -> "Debits do not equal credits";
            case "UNKNOWN_ACCOUNT" -> "Unknown account";
            case "ACCOUNT_CLOSED" -> "Account closed for posting";
            case "PERIOD_CLOSED" -> "Period closed";
            case "PERIOD_LOCKED" -> "Period locked";
            default -> "The journal breaks posting rules";
        };
        List<Map<String, String>> errors = violations.stream().map(v -> {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("field", v.field());
            m.put("code", v.code());
            m.put("reason", v.reason());
            return m;
        }).toList();
        String detail = String.join("; ", violations.stream().map(Violation::reason).toList());
        throw new ApiException(422, title, detail, Map.of("errors", errors, "codes", List.copyOf(codes)));
    }

    /** SHA-256 over the normalised journal: equal bodies (even "120" vs "120.00") give equal fingerprints. */
    public static String fingerprint(NewJournal j) {
        StringBuilder s = new StringBuilder();
        s.append(j.date()).append('\u001f').append(j.description()).append('\u001f').append(j.source())
                .append('\u001f').append(j.sourceDocumentId());
        for (NewJournal.NewLine l : j.lines()) {
            s.append('\u001e').append(l.account()).append('\u001f').append(l.debit().toPlainString()).append('\u001f')
                    .append(l.credit().toPlainString()).append('\u001f').append(l.team()).append('\u001f')
                    .append(l.payerType()).append('\u001f').append(l.supplier()).append('\u001f')
                    .append(l.employee()).append('\u001f').append(l.funder());
        }
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(s.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
