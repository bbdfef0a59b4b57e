package care.backoffice.stack.monthend;

import care.backoffice.stack.api.Gateway;
import care.backoffice.stack.api.Gateway.Answer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Month-end as the back office and finance would do it by hand, in one go: the billing run (dave), the payroll
 * run (dave), the finance close (fiona), each followed on its progress endpoint; then every document the month
 * produced is downloaded into one folder with a one-page summary, and the figures are reconciled across the
 * services. A reconciliation that does not hold is reported with both figures, never smoothed over.
 */
public final class MonthEnd {

    static final String BACK_OFFICE = "dave";
    static final String FINANCE = "fiona";
    private static final BigDecimal ZERO = new BigDecimal("0.00");

    private final Gateway gateway;
    private final YearMonth month;
    private final Path folder;
    private final Consumer<String> out;
    private final Duration jobTimeout;
    private final String attempt = java.util.UUID.randomUUID().toString();

    private final List<String> teams;

    /** {@code teams}: whose care hand-off (payroll → billing) is checked complete before billing runs. */
    public MonthEnd(Gateway gateway, YearMonth month, Path folder, Consumer<String> out, Duration jobTimeout,
            List<String> teams) {
        this.teams = teams;
        this.gateway = gateway;
        this.month = month;
        this.folder = folder;
        this.out = out;
        this.jobTimeout = jobTimeout;
    }

    /** One reconciliation: two figures that must be equal, from two different places. */
    public record Check(String name, String leftLabel, BigDecimal left, String rightLabel, BigDecimal right) {
        public boolean holds() {
            return left != null && right != null && left.compareTo(right) == 0;
        }

        @Override
        public String toString() {
            return (holds() ? "OK      " : "FAILED  ") + name + ": " + leftLabel + " " + show(left) + (holds() ? " = " : " ≠ ")
                    + rightLabel + " " + show(right);
        }
    }

    public record Billing(String runId, String status, String failure, int invoices, BigDecimal invoiced,
            int creditNotes, BigDecimal credited, int rejected, BigDecimal unpaidAllRuns) {}

    public record Payroll(boolean available, String runId, String status, String failure, int people, BigDecimal gross,
            BigDecimal employerCosts, BigDecimal net, BigDecimal bankFileTotal) {}

    public record Close(String status, String failure, int stepsDone, int stepsTotal) {}

    public record Result(Billing billing, Payroll payroll, Close close, BigDecimal income, BigDecimal staffCosts,
            BigDecimal result, BigDecimal debtors, List<Check> checks, List<String> problems, Path folder) {

        public boolean reconciled() {
            return problems.isEmpty() && checks.stream().allMatch(Check::holds);
        }
    }

    public Result run() {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> problems = new ArrayList<>();
        awaitCareHandOff(problems);
        Billing billing = billing(problems);
        Payroll payroll = payroll(problems);
        // Waiting for journals only makes sense when both runs produced them.
        Close close = close(problems, payroll.available() && "COMPLETED".equals(billing.status()));

        Gateway.As fiona = gateway.as(FINANCE);
        String from = month.toString();
        JsonNode pl = fiona.get("/api/finance/statements/profit-and-loss?from=" + from + "&to=" + from)
                .expect("profit and loss", 200).json();
        save("profit-and-loss.json", pl.toString().getBytes());
        BigDecimal income = plLine(pl, "TURNOVER").add(plLine(pl, "OTHER_OPERATING_INCOME"));
        BigDecimal staff = plLine(pl, "STAFF_COSTS");
        BigDecimal resultForMonth = plLine(pl, "PROFIT_FOR_THE_YEAR");
        JsonNode aged = fiona.get("/api/finance/statements/aged-debtors?at=" + month.atEndOfMonth())
                .expect("aged debtors", 200).json();
        save("aged-debtors.json", aged.toString().getBytes());
        BigDecimal debtors = aged.path("total").isNull() || aged.path("total").isMissingNode() ? ZERO
                : money(aged.path("total").path("total"));

        List<Check> checks = new ArrayList<>();
        checks.add(new Check("income in the P&L equals the invoices issued", "P&L income " + month, income,
                "invoices less credit notes of the month's runs", billing.invoiced().subtract(billing.credited())));
        if (payroll.available()) {
            checks.add(new Check("staff costs equal payroll gross + employer costs", "P&L staff costs", staff,
                    "payroll gross + employer costs", payroll.gross().add(payroll.employerCosts())));
            checks.add(new Check("the bank file pays exactly the net pay", "bank file total", payroll.bankFileTotal(),
                    "net pay", payroll.net()));
        }
        checks.add(new Check("debtors equal the unpaid invoices", "debtors (aged, account 1100)", debtors,
                "unpaid invoices (billing runs up to " + month + ")", billing.unpaidAllRuns()));

        Result r = new Result(billing, payroll, close, income, staff, resultForMonth, debtors, checks, problems, folder);
        String summary = summary(r);
        save("summary.txt", summary.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        out.accept("");
        out.accept(summary);
        return r;
    }

    /**
     * Payroll passes each care visit to billing through its outbox, a few seconds behind the teams' submission. A
     * billing run started before the hand-off has finished would leave the rest for next month's run, so wait until
     * billing holds every active care entry payroll holds for the month (per team), and say so if it never does.
     */
    private void awaitCareHandOff(List<String> problems) {
        Gateway.As dave = gateway.as(BACK_OFFICE);
        String from = month.atDay(1).toString();
        String to = month.atEndOfMonth().toString();
        Instant deadline = Instant.now().plus(jobTimeout);
        String last = null;
        while (true) {
            int atPayroll = 0;
            int atBilling = 0;
            for (String team : teams) {
                Answer hours = dave.get("/api/payroll/teams/" + team + "/hours?from=" + from + "&to=" + to);
                if (hours.status() == 404) {
                    return; // a payroll without the team hours list (before issue 5): nothing to compare
                }
                for (JsonNode e : hours.expect("hours of " + team, 200).json()) {
                    if ("CARE".equals(e.path("activity").asString()) && !"VOID".equals(e.path("status").asString())) {
                        atPayroll++;
                    }
                }
                atBilling += dave.get("/api/billing/teams/" + team + "/statistics?month=" + month)
                        .expect("billing statistics of " + team, 200).json().path("careRecords").asInt();
            }
            String line = String.format("%-8s %-10s %s care visits at billing", "hand-off",
                    atBilling >= atPayroll ? "COMPLETE" : "WAITING", bar(atBilling, atPayroll));
            if (!line.equals(last)) {
                out.accept(line);
                last = line;
            }
            if (atBilling >= atPayroll) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                problems.add("care hand-off incomplete: billing holds " + atBilling + " of the " + atPayroll
                        + " care visits payroll holds for " + month + "; the rest will be billed by a later run");
                return;
            }
            sleep(2000);
        }
    }

    private Billing billing(List<String> problems) {
        Gateway.As dave = gateway.as(BACK_OFFICE);
        // A key per month-end, not per month: a later month-end must bill care that arrived since (the run itself
        // never bills a care record twice); the key only makes a resent request within this one harmless.
        JsonNode started = dave.post("/api/billing/runs", Map.of("month", month.toString()), "month-end-billing-" + month + "-" + attempt)
                .expect("start the billing run", 200, 201, 202).json();
        String id = started.get("id").asString();
        JsonNode run = follow("billing", () -> dave.get("/api/billing/runs/" + id).expect("billing run", 200).json(),
                j -> !List.of("STARTING", "RUNNING").contains(j.path("status").asString()),
                j -> {
                    JsonNode p = j.path("progress");
                    int total = p.path("careRecordsTotal").isNull() ? 0 : p.path("careRecordsTotal").asInt();
                    return bar(p.path("careRecordsDone").asInt(), total) + " care records priced, "
                            + p.path("documentsIssued").asInt() + "/" + p.path("documentsTotal").asInt() + " documents issued";
                });
        if ("FAILED".equals(run.path("status").asString())) {
            out.accept("billing run failed (" + run.path("failure").asString() + "); restarting it once");
            dave.post("/api/billing/runs/" + id + "/restart", "{}", null).expect("restart billing", 200, 202);
            run = follow("billing", () -> dave.get("/api/billing/runs/" + id).expect("billing run", 200).json(),
                    j -> !List.of("STARTING", "RUNNING").contains(j.path("status").asString()),
                    j -> j.path("status").asString());
        }
        String status = run.path("status").asString();
        if (!"COMPLETED".equals(status)) {
            problems.add("billing run " + id + " ended " + status + ": " + run.path("failure").asString(""));
        }
        // The month's figures come from every run for the month (an earlier month-end may have billed most of
        // it already; each care record is billed once, by whichever run got it). Debtors: no payment of invoices
        // is recorded yet, so every invoice of the runs for this month and earlier is still owed at month end.
        int invoices = 0;
        int credits = 0;
        int rejected = 0;
        BigDecimal invoiced = ZERO;
        BigDecimal credited = ZERO;
        BigDecimal unpaid = ZERO;
        for (JsonNode r : dave.get("/api/billing/runs").expect("billing runs", 200).json()) {
            YearMonth runMonth = YearMonth.parse(r.path("month").asString());
            if (r.path("dryRun").asBoolean() || runMonth.isAfter(month)) {
                continue;
            }
            JsonNode full = dave.get("/api/billing/runs/" + r.path("id").asString()).expect("billing run", 200).json();
            for (JsonNode doc : full.path("documents")) {
                boolean issued = "ISSUED".equals(doc.path("status").asString());
                boolean credit = "CREDIT_NOTE".equals(doc.path("kind").asString());
                BigDecimal total = money(doc.path("total"));
                if (issued) {
                    unpaid = credit ? unpaid.subtract(total) : unpaid.add(total);
                }
                if (!runMonth.equals(month)) {
                    continue;
                }
                if (!issued) {
                    rejected++;
                    problems.add("invoice for funder " + doc.path("funderId").asString() + " rejected: "
                            + doc.path("rejection").asString(""));
                    continue;
                }
                if (credit) {
                    credits++;
                    credited = credited.add(total);
                } else {
                    invoices++;
                    invoiced = invoiced.add(total);
                }
                for (JsonNode kind : doc.path("documents")) {
                    Answer file = dave.get("/api/billing/invoices/" + doc.path("id").asString() + "/documents/" + kind.asString());
                    if (file.status() == 200) {
                        save("invoices/" + doc.path("number").asString() + "." + extension(file, kind.asString()), file.bytes());
                    } else {
                        problems.add("invoice " + doc.path("number").asString() + " " + kind.asString() + " could not be "
                                + "downloaded: " + file.status());
                    }
                }
            }
        }
        save("billing-run.json", run.toString().getBytes());
        return new Billing(id, status, run.path("failure").asString(null), invoices, invoiced, credits, credited,
                rejected, unpaid);
    }

    private Payroll payroll(List<String> problems) {
        Gateway.As dave = gateway.as(BACK_OFFICE);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("month", month.toString());
        body.put("payDate", payDay().toString());
        Answer a = dave.post("/api/payroll/runs", body, "month-end-payroll-" + month + "-" + attempt);
        if (a.status() == 404 || a.status() == 405) {
            problems.add("payroll: POST /api/payroll/runs answers " + a.status()
                    + " — this build has no payroll run yet (issue 5), so nobody is paid and staff costs are not reconciled");
            return new Payroll(false, null, null, null, 0, ZERO, ZERO, ZERO, ZERO);
        }
        String id;
        Path remembered = folder.resolve("payroll-run-id");
        if (a.status() == 409 && Files.exists(remembered)) {
            // One live run per month: an earlier month-end started it; carry on with that one.
            id = read(remembered);
            out.accept("payroll  the month already has run " + id + " (from an earlier month-end); continuing with it");
        } else {
            id = a.expect("start the payroll run", 200, 201, 202).json().get("id").asString();
            save("payroll-run-id", id.getBytes());
        }
        JsonNode run = followPayroll(dave, id);
        if ("FAILED".equals(run.path("status").asString())) {
            out.accept("payroll run failed (" + run.path("failure").asString() + "); restarting it once");
            dave.post("/api/payroll/runs/" + id + "/restart", "{}", null).expect("restart payroll", 200, 202);
            run = followPayroll(dave, id);
        }
        if ("COMPLETED".equals(run.path("status").asString())) {
            // Finalising makes the month a paid period and queues the payroll journal for finance.
            dave.post("/api/payroll/runs/" + id + "/finalise", "{}", null).expect("finalise the payroll run", 200, 202);
            run = dave.get("/api/payroll/runs/" + id).expect("payroll run", 200).json();
            out.accept(String.format("%-8s %-10s", "payroll", run.path("status").asString()));
        }
        String status = run.path("status").asString();
        if (!"FINALISED".equals(status)) {
            problems.add("payroll run " + id + " ended " + status + ": " + run.path("failure").asString(""));
        }
        BigDecimal bank = ZERO;
        for (String file : List.of("payslips.pdf", "bacs", "pain001.xml", "pension.csv", "fps.xml")) {
            Answer f = dave.get("/api/payroll/runs/" + id + "/" + file);
            if (f.status() == 200) {
                save("payroll/" + (file.equals("bacs") ? "bacs-standard18.txt" : file), f.bytes());
                if (file.equals("bacs")) {
                    bank = bacsCredits(f.body());
                }
            } else {
                problems.add("payroll " + file + " could not be downloaded: " + f.status());
            }
        }
        save("payroll-run.json", run.toString().getBytes());
        JsonNode totals = run.path("totals");
        return new Payroll(true, id, status, run.path("failure").asString(null), totals.path("payslips").asInt(),
                money(totals.path("grossPay")), money(totals.path("employerNi")).add(money(totals.path("pensionEmployer"))),
                money(totals.path("netPay")), bank);
    }

    private JsonNode followPayroll(Gateway.As dave, String id) {
        return follow("payroll", () -> dave.get("/api/payroll/runs/" + id).expect("payroll run", 200).json(),
                j -> !List.of("STARTING", "RUNNING").contains(j.path("status").asString()),
                j -> bar(j.path("progress").path("employeesDone").asInt(), j.path("progress").path("employeesTotal").asInt())
                        + " colleagues paid");
    }

    private static String read(Path f) {
        try {
            return Files.readString(f).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Close close(List<String> problems, boolean journalsOnTheirWay) {
        Gateway.As fiona = gateway.as(FINANCE);
        String path = "/api/finance/close/" + month;
        // The runs hand their journals to finance through outboxes; the close checks they arrived, so a close that
        // fails only on a source still in flight is tried again (it resumes at the failed step) until the deadline.
        Instant deadline = Instant.now().plusSeconds(journalsOnTheirWay ? 45 : 0);
        JsonNode p;
        while (true) {
            fiona.post(path, "{}", null).expect("start the month-end close", 200, 201, 202);
            p = follow("close", () -> fiona.get(path).expect("close progress", 200).json(),
                    j -> List.of("COMPLETED", "FAILED", "STOPPED", "ABANDONED").contains(j.path("status").asString()),
                    j -> bar(j.path("stepsDone").asInt(), j.path("stepsTotal").asInt()) + " steps");
            if (!"FAILED".equals(p.path("status").asString()) || Instant.now().isAfter(deadline)) {
                break;
            }
            out.accept("close failed: " + p.path("failure").asString("") + " — trying again in 10 s");
            sleep(10_000);
        }
        if (!"COMPLETED".equals(p.path("status").asString())) {
            problems.add("finance close of " + month + " ended " + p.path("status").asString() + ": "
                    + p.path("failure").asString(""));
        }
        if (p.path("packAvailable").asBoolean()) {
            for (String format : List.of("pdf", "xlsx")) {
                Answer f = fiona.get(path + "/pack?format=" + format);
                if (f.status() == 200) {
                    save("statement-pack-" + month + "." + format, f.bytes());
                } else {
                    problems.add("statement pack (" + format + ") could not be downloaded: " + f.status());
                }
            }
        } else {
            problems.add("no statement pack for " + month + " (the close did not get that far)");
        }
        return new Close(p.path("status").asString(), p.path("failure").asString(null), p.path("stepsDone").asInt(),
                p.path("stepsTotal").asInt());
    }

    interface Poll {
        JsonNode get();
    }

    private JsonNode follow(String job, Poll poll, java.util.function.Predicate<JsonNode> done,
            java.util.function.Function<JsonNode, String> line) {
        Instant deadline = Instant.now().plus(jobTimeout);
        String last = null;
        while (true) {
            JsonNode j = poll.get();
            String now = String.format("%-8s %-10s %s", job, j.path("status").asString(), line.apply(j));
            if (!now.equals(last)) {
                out.accept(now);
                last = now;
            }
            if (done.test(j)) {
                return j;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(job + " did not finish within " + jobTimeout.toSeconds() + " s: " + j);
            }
            sleep(1000);
        }
    }

    static String bar(int done, int total) {
        int width = 20;
        int filled = total <= 0 ? 0 : (int) Math.min(width, (long) done * width / total);
        return "[" + "#".repeat(filled) + ".".repeat(width - filled) + "] " + done + "/" + total;
    }

    /** The last working day of the month: when the bank pays the people. */
    private java.time.LocalDate payDay() {
        java.time.LocalDate d = month.atEndOfMonth();
        while (d.getDayOfWeek().getValue() > 5) {
            d = d.minusDays(1);
        }
        return d;
    }

    /**
     * Sum of the credit records (transaction code 99) of a Bacs Standard 18 file; the contra (17) is the other side.
     * Only data records count (100 characters, 106 in a multi-day file): the 80-character labels around them have other
     * fields at these positions (UHL1's receiving party is "999999").
     */
    public static BigDecimal bacsCredits(String file) {
        BigDecimal sum = ZERO;
        for (String rec : file.split("\r?\n")) {
            if ((rec.length() == 100 || rec.length() == 106) && rec.startsWith("99", 15)) {
                sum = sum.add(new BigDecimal(rec.substring(35, 46)).movePointLeft(2));
            }
        }
        return sum;
    }

    public static BigDecimal plLine(JsonNode pl, String key) {
        for (JsonNode l : pl.path("lines")) {
            if (key.equals(l.path("key").asString())) {
                return money(l.path("current"));
            }
        }
        return ZERO;
    }

    static BigDecimal money(JsonNode n) {
        if (n == null || n.isMissingNode() || n.isNull() || n.asString().isBlank()) {
            return ZERO;
        }
        return new BigDecimal(n.asString()).setScale(2);
    }

    private static String extension(Answer file, String kind) {
        String type = String.valueOf(file.header("Content-Type"));
        if (type.contains("pdf")) {
            return "pdf";
        }
        if (type.contains("xml")) {
            return "xml";
        }
        if (type.contains("csv")) {
            return "csv";
        }
        if (type.contains("spreadsheet")) {
            return "xlsx";
        }
        return kind.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]", "") + ".txt";
    }

    private void save(String name, byte[] bytes) {
        try {
            Path f = folder.resolve(name);
            Files.createDirectories(f.getParent());
            Files.write(f, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String show(BigDecimal b) {
        return b == null ? "(none)" : "£" + String.format("%,.2f", b);
    }

    static String summary(Result r) {
        StringBuilder s = new StringBuilder();
        Billing b = r.billing();
        Payroll p = r.payroll();
        s.append("Month-end ").append(r.folder().getFileName()).append("\n");
        s.append("=".repeat(60)).append("\n");
        s.append(String.format("Invoices issued     %5d   total %s%n", b.invoices(), show(b.invoiced())));
        if (b.creditNotes() > 0) {
            s.append(String.format("Credit notes        %5d   total %s%n", b.creditNotes(), show(b.credited())));
        }
        if (b.rejected() > 0) {
            s.append(String.format("Documents rejected  %5d%n", b.rejected()));
        }
        if (p.available()) {
            s.append(String.format("People paid         %5d   net pay %s (gross %s, employer costs %s)%n", p.people(),
                    show(p.net()), show(p.gross()), show(p.employerCosts())));
        } else {
            s.append("People paid             -   (no payroll run in this build)\n");
        }
        s.append(String.format("Income              %s%n", show(r.income())));
        s.append(String.format("Staff costs         %s%n", show(r.staffCosts())));
        s.append(String.format("Result for the month %s%n", show(r.result())));
        s.append(String.format("Debtors at month end %s%n", show(r.debtors())));
        s.append(String.format("Finance close       %s (%d/%d steps)%s%n", r.close().status(), r.close().stepsDone(),
                r.close().stepsTotal(), r.close().failure() == null ? "" : ": " + r.close().failure()));
        s.append("\nReconciliations\n");
        r.checks().forEach(c -> s.append("  ").append(c).append("\n"));
        if (!r.problems().isEmpty()) {
            s.append("\nProblems\n");
            r.problems().forEach(x -> s.append("  - ").append(x).append("\n"));
        }
        s.append("\n").append(r.reconciled() ? "RECONCILED" : "NOT RECONCILED").append(" — documents in ")
                .append(r.folder()).append("\n");
        return s.toString();
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    static String firstGroup(Pattern p, String s) {
        Matcher m = p.matcher(s);
        return m.find() ? m.group(1) : null;
    }
}
