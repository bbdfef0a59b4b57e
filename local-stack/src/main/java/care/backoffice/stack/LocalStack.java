package care.backoffice.stack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The whole back office on one machine without Docker: a real PostgreSQL (zonky's embedded binaries, data in
 * the data folder), a real Keycloak (its Maven Central distribution, our realm imported, its data in the same
 * PostgreSQL), the four services and the gateway as separate JVMs. Used by {@code ./backoffice up} and by the
 * end-to-end tests, so both exercise the same start-up.
 */
public final class LocalStack implements AutoCloseable {

    /** Dev-only credentials of the local stack's databases; compose and real deployments set their own. */
    static String devPassword(String database) {
        return database + "-dev-only";
    }

    private final StackSettings settings;
    private final Consumer<String> progress;
    private final Instant started = Instant.now();
    private final List<ManagedProcess> processes = new ArrayList<>();
    /** The running JVM of each service ("billing" …), so one can be killed and started again on its own. */
    private final Map<String, ManagedProcess> services = new java.util.concurrent.ConcurrentHashMap<>();
    private Map<String, Path> jars;
    private EmbeddedPostgres postgres;

    private LocalStack(StackSettings settings, Consumer<String> progress) {
        this.settings = settings;
        this.progress = progress;
    }

    /** Starts everything and waits until all are healthy; on any failure stops what it started and throws. */
    public static LocalStack start(StackSettings settings, Consumer<String> progress) {
        LocalStack stack = new LocalStack(settings, progress);
        try {
            stack.startAll();
            return stack;
        } catch (RuntimeException | IOException e) {
            stack.say("FAILED: " + e.getMessage().lines().findFirst().orElse(""));
            stack.close();
            throw e instanceof RuntimeException r ? r : new UncheckedIOException((IOException) e);
        }
    }

    /**
     * A stack someone else started (./backoffice up with the same settings): the end-to-end tests can run
     * against it with -De2e.attach=true while a developer iterates; closing it stops nothing.
     */
    public static LocalStack attach(StackSettings settings) {
        return new LocalStack(settings, line -> { });
    }

    public StackSettings settings() {
        return settings;
    }

    private void startAll() throws IOException {
        Path data = settings.dataDir();
        Files.createDirectories(data);
        checkPortsFree();
        jars = findJars();
        Path keycloakHome = unpackKeycloak();

        say("PostgreSQL on port " + settings.postgresPort() + " (data in " + data.resolve("postgres") + ")");
        postgres = EmbeddedPostgres.builder()
                .setDataDirectory(data.resolve("postgres"))
                .setCleanDataDirectory(false)
                .setPort(settings.postgresPort())
                .setServerConfig("max_connections", "200")
                .start();
        createDatabases();
        say("PostgreSQL ready");

        say("Keycloak " + settings.keycloakVersion() + " on port " + settings.keycloakPort()
                + " (first start builds it: about a minute; later starts are faster)");
        List<Part> parts = new ArrayList<>();
        parts.add(new Part("keycloak", settings.keycloakPort(), settings.issuer() + "/.well-known/openid-configuration",
                Duration.ofSeconds(600), () -> startKeycloak(keycloakHome)));
        for (String s : StackSettings.SERVICES) {
            say(s + "-service on port " + settings.servicePorts().get(s));
            parts.add(servicePart(s));
        }
        say("gateway on port " + settings.gatewayPort());
        parts.add(new Part("gateway", settings.gatewayPort(), settings.gatewayUrl() + "/actuator/health/readiness",
                Duration.ofSeconds(300), () -> startJava("gateway", jars.get("gateway"), gatewayEnvironment())));
        Map<Part, ManagedProcess> started = new LinkedHashMap<>();
        for (Part part : parts) {
            started.put(part, part.launch().start());
        }
        awaitAll(started);
    }

    private interface Launch {
        ManagedProcess start() throws IOException;
    }

    /** A process of the stack: its port, where it says it is ready, how long it may take, how to start it. */
    private record Part(String name, int port, String url, Duration timeout, Launch launch) {}

    private Part servicePart(String service) {
        return new Part(service + "-service", settings.servicePorts().get(service), readiness(service),
                Duration.ofSeconds(300), () -> startService(service));
    }

    private ManagedProcess startService(String service) throws IOException {
        if (jars == null) {
            jars = findJars();
        }
        String name = service + "-service";
        ManagedProcess p = startJava(name, jars.get(name), serviceEnvironment(service, settings.servicePorts().get(service)));
        services.put(service, p);
        return p;
    }

    private String readiness(String service) {
        return settings.serviceUrl(service) + "/actuator/health/readiness";
    }

    /**
     * Kills one service's JVM at once (SIGKILL: no shutdown hook, no graceful shutdown, open transactions cut
     * off), as a crash, the kernel's OOM killer or a lost machine would; returns when the process is gone. The
     * fault tests use it to prove that work in flight is resumed without doing anything twice.
     */
    public void kill(String service) {
        ProcessHandle h = handle(service);
        say(service + "-service killed (SIGKILL, PID " + h.pid() + ")");
        h.destroyForcibly();
        awaitExit(service, h);
    }

    /** Stops one service the way an orchestrator would (SIGTERM, graceful shutdown), e.g. for maintenance. */
    public void stop(String service) {
        ProcessHandle h = handle(service);
        say(service + "-service stopped (PID " + h.pid() + ")");
        ManagedProcess.stop(h);
        awaitExit(service, h);
    }

    /** Starts one service again (after {@link #kill} or {@link #stop}) with the same settings; waits until it is ready. */
    public void start(String service) {
        if (isRunning(service)) {
            throw new IllegalStateException(service + "-service is already running");
        }
        try {
            say(service + "-service starting again on port " + settings.servicePorts().get(service));
            Part part = servicePart(service);
            awaitHealthy(part, part.launch().start());
            say(service + "-service healthy again");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean isRunning(String service) {
        return handleIfAny(service).map(ProcessHandle::isAlive).orElse(false);
    }

    /** The service's process: the one this stack started, or (attached to ./backoffice up) the one in its PID file. */
    private ProcessHandle handle(String service) {
        return handleIfAny(service).filter(ProcessHandle::isAlive)
                .orElseThrow(() -> new IllegalStateException(service + "-service is not running"));
    }

    private java.util.Optional<ProcessHandle> handleIfAny(String service) {
        if (!settings.servicePorts().containsKey(service)) {
            throw new IllegalArgumentException("No service " + service + "; the services are " + settings.servicePorts().keySet());
        }
        ManagedProcess p = services.get(service);
        if (p != null) {
            return java.util.Optional.of(p.handle());
        }
        return LocalStackCli.readPid(pids().resolve(service + "-service.pid"));
    }

    private void awaitExit(String service, ProcessHandle h) {
        try {
            h.onExit().get(60, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(service + "-service (PID " + h.pid() + ") did not exit: " + e, e);
        }
        ManagedProcess p = services.remove(service);
        if (p != null) {
            p.forgetPid();
            synchronized (processes) {
                processes.remove(p);
            }
        }
    }

    private void awaitAll(Map<Part, ManagedProcess> started) {
        ExecutorService pool = Executors.newFixedThreadPool(started.size());
        try {
            Map<Part, Future<?>> waits = new LinkedHashMap<>();
            started.forEach((part, p) -> waits.put(part, pool.submit(() -> {
                awaitHealthy(part, p);
                say(part.name() + " healthy");
            })));
            for (var e : waits.entrySet()) {
                try {
                    e.getValue().get();
                } catch (java.util.concurrent.ExecutionException ex) {
                    throw ex.getCause() instanceof RuntimeException r ? r : new IllegalStateException(ex.getCause());
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", ex);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Waits until the part is ready (the timeouts are generous: on the shared 2-core machine at a load average near
     * 30, Keycloak's first start took over 4 minutes). Each part binds its port only late in its start; with ports in
     * Linux's ephemeral range (32768-60999) an outgoing connection of another part can meanwhile be given that number
     * as its local port, and the part exits with "Port … already bound / in use". It is then started once more, as
     * soon as the port is free again.
     */
    private ManagedProcess awaitHealthy(Part part, ManagedProcess first) {
        ManagedProcess p = first;
        for (int attempt = 1; ; attempt++) {
            try {
                p.awaitHealthy(part.url(), part.timeout());
                return p;
            } catch (IllegalStateException e) {
                String tail = p.tail(40);
                if (attempt > 1 || p.isAlive() || !(tail.contains("already bound") || tail.contains("already in use"))) {
                    throw e;
                }
            }
            say(part.name() + "'s port " + part.port() + " was taken while it started (an outgoing connection's local "
                    + "port?); starting it again once the port is free");
            Instant deadline = Instant.now().plusSeconds(300);
            while (!bindable(part.port())) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException(part.name() + "'s port " + part.port() + " stayed taken; choose ports "
                            + "below 32768");
                }
                ManagedProcess.sleep(1000);
            }
            synchronized (processes) {
                processes.remove(p);
            }
            try {
                p = part.launch().start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName("localhost"))) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void checkPortsFree() {
        Map<String, Integer> wanted = new LinkedHashMap<>();
        wanted.put("PostgreSQL", settings.postgresPort());
        wanted.put("Keycloak", settings.keycloakPort());
        settings.servicePorts().forEach((s, p) -> wanted.put(s + "-service", p));
        wanted.put("gateway", settings.gatewayPort());
        List<String> taken = new ArrayList<>();
        wanted.forEach((what, port) -> {
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName("localhost"))) {
                socket.setReuseAddress(true);
            } catch (IOException e) {
                taken.add("port " + port + " (wanted by " + what + ") is already in use");
            }
        });
        if (!taken.isEmpty()) {
            throw new IllegalStateException(String.join("; ", taken)
                    + ". Stop what uses it (./backoffice down, if it is an earlier stack) or choose other ports "
                    + "with BACKOFFICE_*_PORT.");
        }
    }

    private Map<String, Path> findJars() throws IOException {
        Map<String, Path> jars = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        List<String> modules = new ArrayList<>();
        for (String s : StackSettings.SERVICES) {
            modules.add(s + "-service");
        }
        modules.add("gateway");
        for (String module : modules) {
            Path target = settings.root().resolve(module).resolve("target");
            Path jar = null;
            if (Files.isDirectory(target)) {
                try (Stream<Path> files = Files.list(target)) {
                    jar = files.filter(f -> f.getFileName().toString().matches(module + "-[0-9].*\\.jar"))
                            .findFirst().orElse(null);
                }
            }
            if (jar == null) {
                missing.add(module);
            } else {
                jars.put(module, jar);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Not built yet: " + missing + ". Run ./mvnw -DskipTests package first "
                    + "(./backoffice up does this for you).");
        }
        return jars;
    }

    private Path unpackKeycloak() throws IOException {
        Path home = settings.dataDir().resolve("keycloak-" + settings.keycloakVersion());
        if (Files.exists(home.resolve("bin/kc.sh"))) {
            return home;
        }
        Path zip = settings.root().resolve("local-stack/target/keycloak/keycloak-quarkus-dist.zip");
        if (!Files.exists(zip)) {
            throw new IllegalStateException("The Keycloak distribution is missing (" + zip + "). Run ./mvnw -DskipTests package.");
        }
        say("Unpacking Keycloak into " + home);
        Path staging = Files.createTempDirectory(settings.dataDir(), "keycloak-unpack");
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                Path out = staging.resolve(e.getName()).normalize();
                if (!out.startsWith(staging)) {
                    throw new IOException("Refusing zip entry outside the target: " + e.getName());
                }
                if (e.isDirectory()) {
                    Files.createDirectories(out);
                } else {
                    Files.createDirectories(out.getParent());
                    Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        Path unpacked;
        try (Stream<Path> top = Files.list(staging)) {
            unpacked = top.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        try (Stream<Path> scripts = Files.list(unpacked.resolve("bin"))) {
            scripts.filter(f -> f.toString().endsWith(".sh")).forEach(f -> f.toFile().setExecutable(true));
        }
        Files.move(unpacked, home);
        Files.delete(staging);
        return home;
    }

    private void createDatabases() {
        String admin = "jdbc:postgresql://localhost:" + settings.postgresPort() + "/postgres";
        try (Connection c = DriverManager.getConnection(admin, "postgres", "postgres"); Statement s = c.createStatement()) {
            List<String> databases = new ArrayList<>(List.of(StackSettings.SERVICES));
            databases.add("keycloak");
            for (String db : databases) {
                boolean exists;
                try (var rs = s.executeQuery("select 1 from pg_roles where rolname = '" + db + "'")) {
                    exists = rs.next();
                }
                if (!exists) {
                    s.execute("create role " + db + " login password '" + devPassword(db) + "'");
                    s.execute("create database " + db + " owner " + db);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create the service databases: " + e.getMessage(), e);
        }
    }

    private ManagedProcess startKeycloak(Path home) throws IOException {
        Path realm = settings.root().resolve("keycloak/backoffice-realm.json");
        Files.createDirectories(home.resolve("data/import"));
        Files.copy(realm, home.resolve("data/import/backoffice-realm.json"), StandardCopyOption.REPLACE_EXISTING);
        Map<String, String> env = new LinkedHashMap<>();
        env.put("JAVA_HOME", keycloakJavaHome());
        env.put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
        env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", "admin-dev-only");
        env.put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
        List<String> cmd = List.of(home.resolve("bin/kc.sh").toString(), "start-dev",
                "--http-port=" + settings.keycloakPort(),
                // Tokens name this issuer whatever host the caller used, so the services' issuer check holds.
                "--hostname=http://localhost:" + settings.keycloakPort(),
                "--import-realm",
                "--db=postgres",
                "--db-url=jdbc:postgresql://localhost:" + settings.postgresPort() + "/keycloak",
                "--db-username=keycloak", "--db-password=" + devPassword("keycloak"));
        return track(ManagedProcess.start("keycloak", cmd, env, home, logs(), pids()));
    }

    /** Keycloak supports Java 25 officially (17 is deprecated); use a JDK 25 when the machine has one. */
    static String keycloakJavaHome() {
        for (String candidate : List.of("/usr/lib/jvm/temurin-25-jdk-amd64", "/usr/lib/jvm/java-25-openjdk-amd64")) {
            if (Files.exists(Path.of(candidate, "bin/java"))) {
                return candidate;
            }
        }
        return System.getProperty("java.home");
    }

    private ManagedProcess startJava(String name, Path jar, Map<String, String> env) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java));
        String opts = System.getenv().getOrDefault("BACKOFFICE_JAVA_OPTS", "-Xmx256m -XX:TieredStopAtLevel=1");
        cmd.addAll(List.of(opts.trim().split("\\s+")));
        if (name.equals("billing-service") && !opts.contains("GC")) {
            // As in docker-compose.yml: G1 took 7.0 CPU s of a billing run's 24 to collect its garbage, this 2.5.
            cmd.add("-XX:+UseParallelGC");
        }
        cmd.add("-Duser.timezone=Europe/London");
        cmd.addAll(List.of("-jar", jar.toString()));
        return track(ManagedProcess.start(name, cmd, env, settings.root(), logs(), pids()));
    }

    private Map<String, String> serviceEnvironment(String service, int port) {
        Map<String, String> env = commonEnvironment();
        String up = service.toUpperCase();
        env.put("PORT", Integer.toString(port));
        env.put(up + "_DB_URL", "jdbc:postgresql://localhost:" + settings.postgresPort() + "/" + service);
        env.put(up + "_DB_USER", service);
        env.put(up + "_DB_PASSWORD", devPassword(service));
        env.put("OAUTH_CLIENT_ID", service + "-service");
        env.put("OAUTH_CLIENT_SECRET", service + "-service-dev-only-secret");
        if (service.equals("payroll")) {
            // payroll creates each new colleague's login in Keycloak (admin API), on whatever port it runs
            env.put("KEYCLOAK_URL", "http://localhost:" + settings.keycloakPort());
        }
        return env;
    }

    private Map<String, String> gatewayEnvironment() {
        Map<String, String> env = commonEnvironment();
        env.put("PORT", Integer.toString(settings.gatewayPort()));
        return env;
    }

    private Map<String, String> commonEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("KEYCLOAK_ISSUER", settings.issuer());
        env.put("KEYCLOAK_JWKS_URI", settings.issuer() + "/protocol/openid-connect/certs");
        env.put("KEYCLOAK_TOKEN_URI", settings.tokenUrl());
        for (String s : StackSettings.SERVICES) {
            env.put(s.toUpperCase() + "_URL", settings.serviceUrl(s));
        }
        return env;
    }

    private ManagedProcess track(ManagedProcess p) {
        synchronized (processes) {
            processes.add(p);
        }
        return p;
    }

    /** Stops everything this stack started, services first, PostgreSQL last. */
    @Override
    public void close() {
        List<ManagedProcess> toStop;
        synchronized (processes) {
            toStop = new ArrayList<>(processes);
            processes.clear();
        }
        java.util.Collections.reverse(toStop);
        toStop.parallelStream().forEach(ManagedProcess::stop);
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                say("PostgreSQL did not stop cleanly: " + e.getMessage());
            }
            postgres = null;
        }
    }

    public List<ManagedProcess> processes() {
        synchronized (processes) {
            return List.copyOf(processes);
        }
    }

    Path logs() {
        return settings.dataDir().resolve("logs");
    }

    Path pids() {
        return settings.dataDir().resolve("pids");
    }

    private void say(String line) {
        long s = Duration.between(started, Instant.now()).toSeconds();
        progress.accept(String.format("[%3ds] %s", s, line));
    }
}
