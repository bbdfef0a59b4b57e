package care.backoffice.stack;

import static org.assertj.core.api.Assertions.assertThat;

import care.backoffice.stack.api.Gateway;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;

/**
 * What an operator does with the billing and payroll runs of a month (start, follow, restart a run whose process
 * died, finalise), the kill at a chosen point of a run, and the checks that nothing was lost or done twice.
 */
final class FaultRuns {

    static final Duration RUN_TIMEOUT = Duration.ofMinutes(10);

    final LocalStack stack;
    final FaultOrganisation org;
    final Gateway.As dave;
    final Gateway.As fiona;

    FaultRuns(LocalStack stack, FaultOrganisation org) {
        this.stack = stack;
        this.org = org;
        this.dave = org.gateway.as("dave");
        this.fiona = org.gateway.as("fiona");
    }

    // ---------------------------------------------------------------- billing

    String startBilling(YearMonth month) {
        return dave.post("/api/billing/runs", Map.of("month", month.toString()), "faults-" + org.tag + "-billing-" + month)
                .expect("start the billing run for " + month, 202).json().get("id").asString();
    }

    /**
     * The run's progress as billing's own port shows it. The kill watch polls often, so it reads the runs list (no
     * invoice views) straight from the service rather than through the gateway's rate limit.
     */
    JsonNode billingProgress(String runId) {
        JsonNode list = direct("billing", "/api/billing/runs");
        for (JsonNode r : list) {
            if (runId.equals(r.path("id").asString())) {
                return r;
            }
        }
        throw new IllegalStateException("billing run " + runId + " is not in the runs list");
    }

    JsonNode followBilling(String runId) {
        return follow(() -> dave.get("/api/billing/runs/" + runId).expect("billing run", 200).json(), "billing " + runId);
    }

    /**
     * Every care visit of the month billed exactly once: each client of this organisation on exactly one line of
     * one issued invoice of the run, with exactly the visits and minutes the team submitted, and the invoices
     * adding up to the priced care. Returns the invoiced total.
     */
    BigDecimal assertBilledOnce(JsonNode run, FaultOrganisation.Month month) {
        assertThat(run.path("status").asString()).as("billing run " + run.path("failure").asString("")).isEqualTo("COMPLETED");
        JsonNode p = run.path("progress");
        assertThat(p.path("careRecordsDone").asInt()).as("care records priced ≤ total (" + p + ")")
                .isLessThanOrEqualTo(p.path("careRecordsTotal").asInt());
        assertThat(p.path("documentsIssued").asInt() + p.path("documentsRejected").asInt()).as("documents (" + p + ")")
                .isEqualTo(p.path("documentsTotal").asInt());
        Map<String, int[]> expected = month.perClient();
        Map<String, int[]> billed = new HashMap<>();
        List<String> wrong = new ArrayList<>();
        BigDecimal invoiced = BigDecimal.ZERO.setScale(2);
        for (JsonNode doc : run.path("documents")) {
            String funder = doc.path("funderId").asString();
            if (!funder.equals(org.selfFunders.id()) && !funder.equals(org.council.id())) {
                continue;
            }
            if (!"ISSUED".equals(doc.path("status").asString()) || !"INVOICE".equals(doc.path("kind").asString())) {
                wrong.add("document " + doc.path("number").asString() + " is " + doc.path("kind").asString() + " "
                        + doc.path("status").asString() + " " + doc.path("rejection").asString(""));
                continue;
            }
            JsonNode invoice = dave.get("/api/billing/invoices/" + doc.path("id").asString()).expect("invoice", 200).json();
            BigDecimal lines = BigDecimal.ZERO.setScale(2);
            for (JsonNode l : invoice.path("lines")) {
                int[] was = billed.put(l.path("clientId").asString(), new int[] {l.path("visits").asInt(), l.path("minutes").asInt()});
                if (was != null) {
                    wrong.add("client " + l.path("clientId").asString() + " on a second line (invoice " + doc.path("number").asString() + ")");
                }
                lines = lines.add(new BigDecimal(l.path("amount").asString()));
            }
            assertThat(new BigDecimal(invoice.path("total").asString())).as("invoice total = its lines").isEqualByComparingTo(lines);
            invoiced = invoiced.add(new BigDecimal(invoice.path("total").asString()));
        }
        for (var e : expected.entrySet()) {
            int[] b = billed.remove(e.getKey());
            if (b == null) {
                wrong.add("client " + e.getKey() + " not billed (" + e.getValue()[0] + " visits)");
            } else if (b[0] != e.getValue()[0] || b[1] != e.getValue()[1]) {
                wrong.add("client " + e.getKey() + " billed " + b[0] + " visits / " + b[1] + " min, submitted "
                        + e.getValue()[0] + " / " + e.getValue()[1]);
            }
        }
        billed.keySet().forEach(c -> wrong.add("client " + c + " billed without care this month"));
        assertThat(wrong).as("care billed other than exactly once").isEmpty();
        assertThat(invoiced).as("invoiced = the priced care of " + month.month())
                .isEqualByComparingTo(month.expectedInvoiced(org.clients));
        return invoiced;
    }

    // ---------------------------------------------------------------- payroll

    String startPayroll(YearMonth month) {
        LocalDate payDay = month.atEndOfMonth();
        while (payDay.getDayOfWeek().getValue() > 5) {
            payDay = payDay.minusDays(1);
        }
        return dave.post("/api/payroll/runs", Map.of("month", month.toString(), "payDate", payDay.toString()),
                "faults-" + org.tag + "-payroll-" + month).expect("start the payroll run for " + month, 202).json()
                .get("id").asString();
    }

    JsonNode payrollProgress(String runId) {
        return direct("payroll", "/api/payroll/runs/" + runId);
    }

    JsonNode followPayroll(String runId) {
        return follow(() -> dave.get("/api/payroll/runs/" + runId).expect("payroll run", 200).json(), "payroll " + runId);
    }

    /**
     * Everyone employed paid exactly once: as many payslips as people employed that month, the gross pay their
     * agreements and hours give, and a bank file paying the net pay with one credit per person. Returns the bank
     * file's total.
     */
    BigDecimal assertPaidOnce(String runId, FaultOrganisation.Expected expected) {
        JsonNode run = dave.get("/api/payroll/runs/" + runId).expect("payroll run", 200).json();
        assertThat(run.path("status").asString()).as("payroll run " + run.path("failure").asString(""))
                .isIn("COMPLETED", "FINALISED");
        JsonNode totals = run.path("totals");
        assertThat(totals.path("payslips").asInt()).as("payslips = people employed").isEqualTo(expected.people());
        assertThat(run.path("progress").path("employeesDone").asInt()).as("progress")
                .isEqualTo(run.path("progress").path("employeesTotal").asInt());
        assertThat(new BigDecimal(totals.path("grossPay").asString())).as("gross pay from agreements and hours")
                .isEqualByComparingTo(expected.gross());
        Gateway.Answer bacs = dave.get("/api/payroll/runs/" + runId + "/bacs").expect("bank file", 200);
        Map<String, Integer> creditsPerAccount = new HashMap<>();
        for (String rec : bacs.body().split("\r?\n")) {
            // Data records only (100 or 106 characters), as MonthEnd.bacsCredits: the labels have other fields there.
            if ((rec.length() == 100 || rec.length() == 106) && rec.startsWith("99", 15)) {
                creditsPerAccount.merge(rec.substring(0, 14), 1, Integer::sum);
            }
        }
        // Nobody paid twice: no account gets more credits than it has holders among the people employed.
        List<String> twice = creditsPerAccount.entrySet().stream()
                .filter(e -> e.getValue() > expected.accounts().getOrDefault(e.getKey(), 0))
                .map(e -> e.getKey() + " credited " + e.getValue() + " times for "
                        + expected.accounts().getOrDefault(e.getKey(), 0) + " holder(s)").toList();
        assertThat(twice).as("bank credits beyond one per person").isEmpty();
        assertThat(creditsPerAccount.values().stream().mapToInt(Integer::intValue).sum()).as("bank credits")
                .isLessThanOrEqualTo(expected.people());
        BigDecimal bank = care.backoffice.stack.monthend.MonthEnd.bacsCredits(bacs.body());
        assertThat(bank).as("bank file total = net pay").isEqualByComparingTo(new BigDecimal(totals.path("netPay").asString()));
        return bank;
    }

    void finalise(String runId) {
        dave.post("/api/payroll/runs/" + runId + "/finalise", "{}", null).expect("finalise payroll", 200, 202);
    }

    // ---------------------------------------------------------------- the kill

    /** Where in a run the kill landed: the progress the service showed just before, or that it finished first. */
    record Kill(boolean killed, String progress, long afterMillis) {}

    /**
     * Polls the run on the service's own port and SIGKILLs the service's JVM as soon as {@code now} holds for a
     * run that is still RUNNING. If the run finishes first, nothing is killed.
     */
    Kill killWhen(String service, java.util.function.Supplier<JsonNode> progress, Predicate<JsonNode> now) {
        Instant t0 = Instant.now();
        Instant deadline = t0.plus(RUN_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            JsonNode p = progress.get();
            String status = p.path("status").asString();
            String overshoot = progressBeyondTotal(p.path("progress"));
            if (overshoot != null) {
                progressProblems.add(service + " " + status + ": " + overshoot);
            }
            if ("RUNNING".equals(status) && now.test(p)) {
                stack.kill(service);
                return new Kill(true, status + " " + p.path("progress"), Duration.between(t0, Instant.now()).toMillis());
            }
            if (!List.of("STARTING", "RUNNING").contains(status)) {
                return new Kill(false, status + " " + p.path("progress"), Duration.between(t0, Instant.now()).toMillis());
            }
            FaultOrganisation.sleep(25);
        }
        throw new AssertionError(service + " run did not reach the kill point within " + RUN_TIMEOUT);
    }

    /** Progress figures seen beyond their totals while watching runs (a progress bar past 100 %). */
    final List<String> progressProblems = java.util.Collections.synchronizedList(new ArrayList<>());

    /** A progress figure above its total, in a billing or payroll run's progress; null if none. */
    static String progressBeyondTotal(JsonNode p) {
        int priced = p.path("careRecordsDone").asInt();
        int records = p.path("careRecordsTotal").asInt();
        int documents = p.path("documentsIssued").asInt() + p.path("documentsRejected").asInt();
        int paid = p.path("employeesDone").asInt();
        if (!p.path("careRecordsTotal").isNull() && p.has("careRecordsTotal") && priced > records) {
            return "care records priced " + priced + " of " + records + " " + p;
        }
        if (documents > p.path("documentsTotal").asInt()) {
            return "documents " + documents + " of " + p.path("documentsTotal").asInt() + " " + p;
        }
        if (p.has("employeesTotal") && !p.path("employeesTotal").isNull() && paid > p.path("employeesTotal").asInt()) {
            return "payslips " + paid + " of " + p.path("employeesTotal").asInt() + " " + p;
        }
        return null;
    }

    /**
     * After the kill: the service started again and marked the run failed (its process died with it: a run left
     * RUNNING refused every later run with 409), and the operator restarts it through the API; it continues where it
     * stopped.
     */
    void restartService(String service) {
        stack.start(service);
    }

    void restartRun(String service, String runId) {
        String path = "/api/" + service + "/runs/" + runId;
        String before = dave.get(path).expect(service + " run", 200).json().path("status").asString();
        assertThat(before).as("a run whose process died is marked failed when its service starts again")
                .isEqualTo("FAILED");
        dave.post(path + "/restart", "{}", null).expect("restart the " + service + " run", 200, 202);
    }

    // ---------------------------------------------------------------- finance

    /** The month's trial balance, account → net (debit positive). */
    Map<String, BigDecimal> trialBalance(YearMonth month) {
        JsonNode tb = fiona.get("/api/finance/statements/trial-balance?from=" + month + "&to=" + month)
                .expect("trial balance", 200).json();
        Map<String, BigDecimal> net = new HashMap<>();
        for (JsonNode l : tb.path("lines")) {
            BigDecimal d = money(l.path("debit"));
            BigDecimal c = money(l.path("credit"));
            net.merge(l.path("account").asString(), d.subtract(c), BigDecimal::add);
        }
        return net;
    }

    /** Waits until finance's ledger holds the run's journal (its outbox delivers it) and returns the month's balances. */
    Map<String, BigDecimal> awaitJournal(String source, String runId, YearMonth month, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (journals(source, runId) == 0) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(source + " journal of run " + runId + " did not reach finance within "
                        + timeout.toSeconds() + " s; its outbox: " + outbox(source, runId));
            }
            FaultOrganisation.sleep(1000);
        }
        return trialBalance(month);
    }

    /** Journals finance holds for the run (its database: the API finds a journal by id only). */
    long journals(String source, String runId) {
        return Long.parseLong(query("finance", "select count(*) from journal where source = ? and source_document_id = ?",
                source, source + "-run-" + runId).get(0).get(0));
    }

    /** The run's journal message in its service's outbox: status, attempts, last error. */
    List<String> outbox(String service, String runId) {
        List<List<String>> rows = query(service, "select status, attempts, coalesce(last_error, '') from outbox_message "
                + "where destination = 'finance' and message_key = ?", service + "-run-" + runId);
        return rows.isEmpty() ? List.of() : rows.get(0);
    }

    /** A read-only look into a service's own database, for what no endpoint shows (outbox, journal count). */
    List<List<String>> query(String database, String sql, Object... params) {
        String url = "jdbc:postgresql://localhost:" + stack.settings().postgresPort() + "/" + database;
        try (Connection c = DriverManager.getConnection(url, database, LocalStack.devPassword(database));
                PreparedStatement s = c.prepareStatement(sql)) {
            c.setReadOnly(true);
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            List<List<String>> rows = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    List<String> row = new ArrayList<>();
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        row.add(rs.getString(i));
                    }
                    rows.add(row);
                }
            }
            return rows;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("query on " + database + " failed: " + e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------- plumbing

    JsonNode direct(String service, String path) {
        try {
            HttpResponse<String> r = RunningStack.HTTP.send(HttpRequest.newBuilder(URI.create(stack.settings().serviceUrl(service) + path))
                    .header("Authorization", "Bearer " + org.gateway.token("dave")).timeout(Duration.ofSeconds(30)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(service + " " + path + ": " + r.body()).isEqualTo(200);
            return Gateway.JSON.readTree(r.body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    interface Poll {
        JsonNode get();
    }

    static JsonNode follow(Poll poll, String what) {
        Instant deadline = Instant.now().plus(RUN_TIMEOUT);
        while (true) {
            JsonNode j = poll.get();
            if (!List.of("STARTING", "RUNNING").contains(j.path("status").asString())) {
                return j;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(what + " did not finish within " + RUN_TIMEOUT.toMinutes() + " min: " + j);
            }
            FaultOrganisation.sleep(500);
        }
    }

    static BigDecimal money(JsonNode n) {
        return n == null || n.isMissingNode() || n.isNull() || n.asString().isBlank() ? BigDecimal.ZERO.setScale(2)
                : new BigDecimal(n.asString());
    }
}
