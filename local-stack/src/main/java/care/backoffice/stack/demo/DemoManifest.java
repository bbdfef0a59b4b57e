package care.backoffice.stack.demo;

import care.backoffice.stack.api.Gateway;
import care.backoffice.stack.demo.DemoOrganisation.Demo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * What the generator created, kept in the data folder ({@code demo/organisation-<month>.json}): the teams, who signs
 * in for each, their colleagues' and clients' ids, and how long each phase took. Month-end reads the team list
 * from it (to check the care hand-off of every team), and the benchmarks read the teams, logins and colleagues
 * they send hours and orders for. Nothing in it is needed to use the organisation: it is all in the services.
 */
public final class DemoManifest {

    /** One team as the benchmarks need it. */
    public record Team(String code, String login, List<String> members, List<String> clients, List<String> careTypes,
            int careEntries) {}

    public record Manifest(String size, long seed, YearMonth month, List<Team> teams, List<String> suppliers,
            long hoursEntries, Map<String, Double> phaseSeconds) {

        public int colleagues() {
            return teams.stream().mapToInt(t -> t.members().size()).sum();
        }

        public int clients() {
            return teams.stream().mapToInt(t -> t.clients().size()).sum();
        }

        public long careEntries() {
            return teams.stream().mapToLong(Team::careEntries).sum();
        }

        public List<String> teamCodes() {
            return teams.stream().map(Team::code).toList();
        }
    }

    public static Path file(Path dataDir, YearMonth month) {
        return dataDir.resolve("demo").resolve("organisation-" + month + ".json");
    }

    public static void write(Path dataDir, String size, Demo demo) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("size", size);
        m.put("seed", demo.seed());
        m.put("month", demo.month().toString());
        m.put("suppliers", demo.supplierIds());
        m.put("hoursEntries", demo.hoursCount());
        m.put("phaseSeconds", demo.phaseSeconds());
        List<Map<String, Object>> teams = new ArrayList<>();
        for (DemoOrganisation.Team t : demo.teams()) {
            Map<String, Object> team = new LinkedHashMap<>();
            team.put("code", t.code());
            team.put("login", t.signedInAs());
            team.put("members", t.members().stream().map(DemoOrganisation.Member::id).toList());
            team.put("clients", t.clients().stream().map(DemoOrganisation.Client::id).toList());
            team.put("careTypes", t.clients().stream().map(DemoOrganisation.Client::careType).toList());
            team.put("careEntries", t.hours().stream().filter(h -> "CARE".equals(h.activity())).count());
            teams.add(team);
        }
        m.put("teams", teams);
        Path f = file(dataDir, demo.month());
        try {
            Files.createDirectories(f.getParent());
            Files.write(f, Gateway.JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(m));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The organisation loaded for {@code month}, or null when none was generated into this data folder. */
    public static Manifest read(Path dataDir, YearMonth month) {
        Path f = file(dataDir, month);
        if (!Files.exists(f)) {
            return null;
        }
        JsonNode j;
        try {
            j = Gateway.JSON.readTree(Files.readAllBytes(f));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Team> teams = new ArrayList<>();
        for (JsonNode t : j.path("teams")) {
            teams.add(new Team(t.path("code").asString(), t.path("login").asString(), strings(t.path("members")),
                    strings(t.path("clients")), strings(t.path("careTypes")), t.path("careEntries").asInt()));
        }
        Map<String, Double> phases = new LinkedHashMap<>();
        j.path("phaseSeconds").properties().forEach(e -> phases.put(e.getKey(), e.getValue().asDouble()));
        return new Manifest(j.path("size").asString(), j.path("seed").asLong(), YearMonth.parse(j.path("month").asString()),
                teams, strings(j.path("suppliers")), j.path("hoursEntries").asLong(), phases);
    }

    /** The teams whose month-end hand-off to check: the loaded organisation's, else the small one's. */
    public static List<String> teamsFor(Path dataDir, YearMonth month) {
        Manifest m = read(dataDir, month);
        return m != null ? m.teamCodes() : DemoOrganisation.SMALL_TEAMS.keySet().stream().sorted().toList();
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asString()));
        return out;
    }

    private DemoManifest() {
    }
}
