package care.backoffice.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * There is no Docker engine on our build machines, so docker-compose.yml cannot be run here. This keeps it honest
 * instead: every module, port, environment variable, mounted file, database and realm client it names must exist
 * in the repository, and docker-compose itself must accept the file.
 */
class DockerComposeFileTest {

    static final Map<String, Integer> DESIGN_PORTS = Map.of("gateway", 8080, "billing-service", 8081,
            "payroll-service", 8082, "finance-service", 8083, "procurement-service", 8084);

    static Path root;
    static Map<String, Object> compose;
    static Map<String, Map<String, Object>> services;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void load() throws IOException {
        root = StackSettings.findRoot();
        compose = new Yaml().load(Files.readString(root.resolve("docker-compose.yml")));
        services = (Map<String, Map<String, Object>>) compose.get("services");
    }

    @Test
    void everyPartOfTheProductIsAContainerOnItsDesignPort() {
        assertThat(services).containsKeys("postgres", "keycloak", "gateway", "billing-service", "payroll-service",
                "finance-service", "procurement-service");
        DESIGN_PORTS.forEach((name, port) -> {
            Map<String, Object> service = services.get(name);
            assertThat(env(service).get("PORT")).as(name + " PORT").isEqualTo(port.toString());
            assertThat((List<Object>) service.get("ports")).as(name + " published port")
                    .contains(port + ":" + port);
        });
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyBuiltImageIsAModuleOfTheBuild() throws IOException {
        String rootPom = Files.readString(root.resolve("pom.xml"));
        assertThat(root.resolve("Dockerfile")).exists();
        for (var e : services.entrySet()) {
            Object build = e.getValue().get("build");
            if (build == null) {
                continue;
            }
            Map<String, Object> b = (Map<String, Object>) build;
            String module = String.valueOf(((Map<String, Object>) b.get("args")).get("MODULE"));
            assertThat(module).as(e.getKey()).isEqualTo(e.getKey());
            assertThat(root.resolve(module).resolve("pom.xml")).as(module).exists();
            assertThat(rootPom).contains("<module>" + module + "</module>");
        }
    }

    @Test
    void everyVariableGivenToAServiceIsOneItReads() throws IOException {
        for (String name : DESIGN_PORTS.keySet()) {
            String config = Files.readString(root.resolve(name).resolve("src/main/resources/application.yml"));
            for (String variable : env(services.get(name)).keySet()) {
                if (variable.equals("JAVA_TOOL_OPTIONS")) {
                    continue;   // read by the JVM itself, not the service (billing-service sets its collector)
                }
                assertThat(config).as(name + " reads " + variable).contains("${" + variable + ":");
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyMountedFileExistsAndKeycloakImportsOurRealm() throws IOException {
        for (var e : services.entrySet()) {
            for (Object v : (List<Object>) e.getValue().getOrDefault("volumes", List.of())) {
                String host = String.valueOf(v).split(":")[0];
                if (host.startsWith("./")) {
                    assertThat(root.resolve(host.substring(2))).as(e.getKey() + " mounts " + host).exists();
                }
            }
        }
        List<Object> kcVolumes = (List<Object>) services.get("keycloak").get("volumes");
        assertThat(kcVolumes).anySatisfy(v -> assertThat(String.valueOf(v))
                .startsWith("./keycloak/backoffice-realm.json:/opt/keycloak/data/import/"));
        String realm = Files.readString(root.resolve("keycloak/backoffice-realm.json"));
        assertThat(realm).contains("\"realm\": \"backoffice\"");
        for (String name : DESIGN_PORTS.keySet()) {
            Map<String, String> env = env(services.get(name));
            assertThat(env.get("KEYCLOAK_ISSUER")).endsWith("/realms/backoffice");
            if (env.containsKey("OAUTH_CLIENT_ID")) {
                assertThat(realm).as("realm has client " + env.get("OAUTH_CLIENT_ID"))
                        .contains("\"clientId\": \"" + env.get("OAUTH_CLIENT_ID") + "\"");
            }
        }
    }

    @Test
    void theDatabaseInitScriptCreatesEveryDatabaseTheContainersUse() throws IOException {
        String script = Files.readString(root.resolve("deploy/postgres/init-databases.sh"));
        Matcher list = Pattern.compile("for db in ([a-z ]+);").matcher(script);
        assertThat(list.find()).isTrue();
        List<String> created = List.of(list.group(1).trim().split(" "));
        List<String> used = new ArrayList<>();
        for (var service : services.values()) {
            for (var e : env(service).entrySet()) {
                if (e.getKey().endsWith("DB_URL")) {
                    used.add(e.getValue().substring(e.getValue().lastIndexOf('/') + 1));
                }
            }
        }
        assertThat(used).hasSizeGreaterThanOrEqualTo(5);
        assertThat(created).containsAll(used);
        Map<String, String> pgEnv = env(services.get("postgres"));
        for (String db : created) {
            assertThat(pgEnv).as("postgres gets the password of " + db).containsKey(db.toUpperCase() + "_DB_PASSWORD");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyDependencyWaitedForHasAHealthCheck() {
        for (var e : services.entrySet()) {
            Object dependsOn = e.getValue().get("depends_on");
            if (dependsOn == null) {
                continue;
            }
            for (var dep : ((Map<String, Map<String, String>>) dependsOn).entrySet()) {
                assertThat(dep.getValue().get("condition")).as(e.getKey() + " waits for " + dep.getKey())
                        .isEqualTo("service_healthy");
                assertThat(services.get(dep.getKey())).as(dep.getKey()).containsKey("healthcheck");
            }
        }
    }

    @Test
    void dockerComposeAcceptsTheFile() throws Exception {
        boolean available = Files.isExecutable(Path.of("/usr/bin/docker-compose"));
        if (!available && !"true".equals(System.getenv("CI"))) {
            return; // a developer machine without docker-compose; CI installs it (.ci/run) and must run this
        }
        Process p = new ProcessBuilder("docker-compose", "-f", "docker-compose.yml", "config", "-q")
                .directory(root.toFile()).redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(new String(p.getInputStream().readAllBytes())).isZero();
    }

    @SuppressWarnings("unchecked")
    static Map<String, String> env(Map<String, Object> service) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        ((Map<String, Object>) service.getOrDefault("environment", Map.of()))
                .forEach((k, v) -> out.put(k, String.valueOf(v)));
        return out;
    }
}
