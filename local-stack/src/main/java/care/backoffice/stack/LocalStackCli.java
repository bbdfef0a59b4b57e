package care.backoffice.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

/**
 * {@code ./backoffice up | down | status}. {@code up} stays in the foreground; Ctrl-C (or {@code down} from
 * another terminal) stops everything it started, by PID.
 */
public final class LocalStackCli {

    public static void main(String[] args) throws Exception {
        String command = args.length == 0 ? "up" : args[0];
        StackSettings settings = StackSettings.fromEnvironment(StackSettings.findRoot());
        switch (command) {
            case "up" -> up(settings);
            case "down" -> down(settings);
            case "status" -> status(settings);
            case "demo" -> System.exit(demo(settings, args));
            case "month-end" -> System.exit(monthEnd(settings, args));
            case "bench" -> System.exit(care.backoffice.stack.bench.Bench.run(settings, gateway(settings), DEFAULT_DEMO_MONTH, args));
            default -> {
                System.err.println("usage: ./backoffice up | down | status | " + care.backoffice.stack.demo.DemoCommand.USAGE
                        + " | month-end yyyy-MM | " + care.backoffice.stack.bench.Bench.USAGE);
                System.exit(2);
            }
        }
    }

    static void up(StackSettings settings) throws Exception {
        Path pids = settings.dataDir().resolve("pids");
        Optional<ProcessHandle> running = readPid(pids.resolve("stack.pid"));
        if (running.isPresent()) {
            System.err.println("A stack is already running (PID " + running.get().pid() + "). Stop it with ./backoffice down.");
            System.exit(1);
        }
        System.out.println("Starting the back office (data folder: " + settings.dataDir() + ")");
        LocalStack stack;
        try {
            stack = LocalStack.start(settings, System.out::println);
        } catch (RuntimeException e) {
            System.err.println();
            System.err.println("The stack did not start: " + e.getMessage());
            System.err.println("Everything that had started was stopped. Logs: " + settings.dataDir().resolve("logs"));
            System.exit(1);
            return;
        }
        Files.createDirectories(pids);
        Files.writeString(pids.resolve("stack.pid"), Long.toString(ProcessHandle.current().pid()));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nStopping the back office …");
            stack.close();
            try {
                Files.deleteIfExists(pids.resolve("stack.pid"));
            } catch (IOException ignored) {
                // stale file: `down` checks the PID before using it
            }
            System.out.println("Stopped.");
            stopped.countDown();
        }));
        loadDemoOnce(settings);
        printWelcome(settings);
        stopped.await();
    }

    /**
     * A fresh data folder gets the `small` demo organisation once, so a newcomer can run month-end straight
     * after `up`; later starts keep whatever the data folder holds (BACKOFFICE_DEMO=none skips it).
     */
    static void loadDemoOnce(StackSettings settings) {
        Path marker = settings.dataDir().resolve("demo-loaded");
        if (Files.exists(marker) || "none".equals(System.getenv("BACKOFFICE_DEMO"))) {
            return;
        }
        System.out.println("Loading the demo organisation 'small' for " + DEFAULT_DEMO_MONTH + " (first start only) …");
        try {
            new care.backoffice.stack.demo.DemoOrganisation(gateway(settings), 1, java.time.YearMonth.parse(DEFAULT_DEMO_MONTH),
                    line -> System.out.println("  " + line)).small();
            Files.writeString(marker, "small seed 1 month " + DEFAULT_DEMO_MONTH + "\n");
        } catch (RuntimeException | IOException e) {
            System.out.println("The demo organisation was not loaded: " + e.getMessage());
            System.out.println("The stack is up anyway; try ./backoffice demo small from another terminal.");
        }
    }

    static care.backoffice.stack.api.Gateway gateway(StackSettings s) {
        return new care.backoffice.stack.api.Gateway(s.gatewayUrl(), s.tokenUrl(), "dev-only");
    }

    /** {@code demo small|buurtzorg …}: the demo organisation, through the running stack's gateway. */
    static int demo(StackSettings settings, String[] args) {
        return care.backoffice.stack.demo.DemoCommand.run(settings, gateway(settings), DEFAULT_DEMO_MONTH, args);
    }

    /** {@code month-end yyyy-MM}: billing, payroll and the close, then the documents, summary and reconciliation. */
    static int monthEnd(StackSettings settings, String[] args) {
        if (args.length < 2) {
            System.err.println("usage: ./backoffice month-end yyyy-MM");
            return 2;
        }
        java.time.YearMonth month = java.time.YearMonth.parse(args[1]);
        Path folder = settings.dataDir().resolve("month-end").resolve(month.toString());
        try {
            // The hand-off is checked for every team of the organisation loaded for the month (the small one's by
            // default); a large organisation's runs take longer than ten minutes on a small machine.
            var teams = care.backoffice.stack.demo.DemoManifest.teamsFor(settings.dataDir(), month);
            var result = new care.backoffice.stack.monthend.MonthEnd(gateway(settings), month, folder,
                    System.out::println, java.time.Duration.ofMinutes(teams.size() > 2 ? 60 : 10), teams).run();
            return result.reconciled() ? 0 : 1;
        } catch (RuntimeException e) {
            System.err.println("Month-end stopped: " + e.getMessage());
            return 1;
        }
    }

    /** The month the demo organisation works in: October 2026, the month the README's month-end example closes. */
    static final String DEFAULT_DEMO_MONTH = "2026-10";

    static String option(String[] args, String name, String fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }

    static void printWelcome(StackSettings s) {
        String gw = s.gatewayUrl();
        System.out.println("""

                The back office is up.
                  Gateway (the one entry point)  %s
                  API docs (all services)        %s/api-docs/ui.html
                  Keycloak                       http://localhost:%d  (admin console: admin / admin-dev-only)

                Demo users (realm 'backoffice', password for all: dev-only — for this local stack only):
                  anna, bram   team-member of team-arnhem-noord
                  chloe        team-member of team-leeds-east
                  dave         back-office
                  fiona        finance

                Try it:
                  TOKEN=$(curl -s %s -d grant_type=password -d client_id=backoffice-app \\
                            -d username=anna -d password=dev-only | sed 's/.*"access_token":"\\([^"]*\\)".*/\\1/')
                  curl -H "Authorization: Bearer $TOKEN" %s/api/payroll/teams/team-arnhem-noord/members
                  curl -i %s/api/finance/accounts          # no token: 401

                Month-end for the demo organisation (billing, payroll, the close, documents and reconciliation):
                  ./backoffice month-end 2026-10

                Ctrl-C (or ./backoffice down) stops everything.
                """.formatted(gw, gw, s.keycloakPort(), s.tokenUrl(), gw, gw));
    }

    static void down(StackSettings settings) throws Exception {
        Path pids = settings.dataDir().resolve("pids");
        Optional<ProcessHandle> launcher = readPid(pids.resolve("stack.pid"));
        if (launcher.isPresent()) {
            System.out.println("Stopping the stack (PID " + launcher.get().pid() + ") …");
            launcher.get().destroy();
            launcher.get().onExit().get(60, java.util.concurrent.TimeUnit.SECONDS);
        }
        // Whatever is left (the launcher was killed hard, say): stop each remembered process by PID.
        if (Files.isDirectory(pids)) {
            try (Stream<Path> files = Files.list(pids)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".pid")).toList()) {
                    readPid(f).ifPresent(h -> {
                        System.out.println("Stopping " + f.getFileName().toString().replace(".pid", "") + " (PID " + h.pid() + ")");
                        ManagedProcess.stop(h);
                    });
                    Files.deleteIfExists(f);
                }
            }
        }
        readPid(settings.dataDir().resolve("postgres/postmaster.pid")).ifPresent(h -> {
            System.out.println("Stopping PostgreSQL (PID " + h.pid() + ")");
            ManagedProcess.stop(h);
        });
        System.out.println("Stopped.");
    }

    static void status(StackSettings settings) throws IOException {
        Path pids = settings.dataDir().resolve("pids");
        if (!Files.isDirectory(pids)) {
            System.out.println("Not running.");
            return;
        }
        try (Stream<Path> files = Files.list(pids)) {
            for (Path f : files.sorted().toList()) {
                String name = f.getFileName().toString().replace(".pid", "");
                System.out.println(name + ": " + readPid(f).map(h -> "running (PID " + h.pid() + ")").orElse("not running"));
            }
        }
    }

    /** The live process named in a PID file (PostgreSQL's postmaster.pid has the PID on its first line). */
    static Optional<ProcessHandle> readPid(Path file) {
        try {
            if (!Files.exists(file)) {
                return Optional.empty();
            }
            List<String> lines = Files.readAllLines(file);
            if (lines.isEmpty()) {
                return Optional.empty();
            }
            return ProcessHandle.of(Long.parseLong(lines.get(0).trim())).filter(ProcessHandle::isAlive);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
