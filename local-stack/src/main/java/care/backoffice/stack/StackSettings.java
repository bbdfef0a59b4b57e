package care.backoffice.stack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the local stack lives and which ports it takes. Everything can be changed from the environment
 * (BACKOFFICE_DATA, BACKOFFICE_PG_PORT, BACKOFFICE_KEYCLOAK_PORT, BACKOFFICE_GATEWAY_PORT,
 * BACKOFFICE_BILLING_PORT, …) so two stacks (a developer's and the end-to-end tests') can run side by side.
 */
public record StackSettings(Path root, Path dataDir, int postgresPort, int keycloakPort, int gatewayPort,
        Map<String, Integer> servicePorts, String keycloakVersion) {

    /** The four services, in the order they are started. */
    public static final String[] SERVICES = {"finance", "payroll", "billing", "procurement"};

    public static StackSettings fromEnvironment(Path root) {
        Map<String, String> env = System.getenv();
        Path data = Path.of(env.getOrDefault("BACKOFFICE_DATA", root.resolve(".run").toString())).toAbsolutePath();
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("billing", port(env, "BACKOFFICE_BILLING_PORT", 8081));
        ports.put("payroll", port(env, "BACKOFFICE_PAYROLL_PORT", 8082));
        ports.put("finance", port(env, "BACKOFFICE_FINANCE_PORT", 8083));
        ports.put("procurement", port(env, "BACKOFFICE_PROCUREMENT_PORT", 8084));
        return new StackSettings(root, data, port(env, "BACKOFFICE_PG_PORT", 55432),
                port(env, "BACKOFFICE_KEYCLOAK_PORT", 18080), port(env, "BACKOFFICE_GATEWAY_PORT", 8080), ports,
                System.getProperty("keycloak.version", "26.7.3"));
    }

    public StackSettings withDataDir(Path dir) {
        return new StackSettings(root, dir, postgresPort, keycloakPort, gatewayPort, servicePorts, keycloakVersion);
    }

    public StackSettings withPorts(int base) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("billing", base + 1);
        ports.put("payroll", base + 2);
        ports.put("finance", base + 3);
        ports.put("procurement", base + 4);
        return new StackSettings(root, dataDir, base + 10, base + 20, base, ports, keycloakVersion);
    }

    public String gatewayUrl() {
        return "http://localhost:" + gatewayPort;
    }

    public String issuer() {
        return "http://localhost:" + keycloakPort + "/realms/backoffice";
    }

    public String tokenUrl() {
        return issuer() + "/protocol/openid-connect/token";
    }

    public String serviceUrl(String service) {
        return "http://localhost:" + servicePorts.get(service);
    }

    /** The repository root: the folder with mvnw, from -Dbackoffice.root or found upwards from here. */
    public static Path findRoot() {
        String given = System.getProperty("backoffice.root");
        if (given != null && !given.isBlank()) {
            return Path.of(given).toAbsolutePath();
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("Run this from the repository (no mvnw found above " + Path.of("").toAbsolutePath() + ")");
        }
        return dir;
    }

    private static int port(Map<String, String> env, String name, int fallback) {
        String v = env.get(name);
        return v == null || v.isBlank() ? fallback : Integer.parseInt(v.trim());
    }
}
