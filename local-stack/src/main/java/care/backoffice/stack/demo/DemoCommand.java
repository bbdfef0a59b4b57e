package care.backoffice.stack.demo;

import care.backoffice.stack.StackSettings;
import care.backoffice.stack.api.Gateway;
import java.time.YearMonth;

/**
 * {@code ./backoffice demo small|buurtzorg [--seed N] [--month yyyy-MM] [--teams N] [--clients N]}: the demo
 * organisation through the running stack's gateway (and, for buurtzorg, Keycloak's admin API for the teams).
 */
public final class DemoCommand {

    public static final String USAGE = "demo small|buurtzorg [--seed N] [--month yyyy-MM] [--teams N] [--clients N]";

    public static int run(StackSettings settings, Gateway gateway, String defaultMonth, String[] args) {
        String size = args.length > 1 && !args[1].startsWith("--") ? args[1] : "small";
        long seed = Long.parseLong(option(args, "--seed", "1"));
        YearMonth month = YearMonth.parse(option(args, "--month", defaultMonth));
        Size s;
        switch (size) {
            case "small" -> s = Size.SMALL;
            case "buurtzorg" -> s = Size.buurtzorg(Integer.parseInt(option(args, "--teams", "1250")),
                    // Six clients keep both cores busy without the services queueing (measured at 20 teams).
                    Integer.parseInt(option(args, "--clients", "6")));
            default -> {
                System.err.println("usage: ./backoffice " + USAGE);
                return 2;
            }
        }
        KeycloakAdmin keycloak = new KeycloakAdmin("http://localhost:" + settings.keycloakPort(), "backoffice",
                System.getenv().getOrDefault("BACKOFFICE_KEYCLOAK_ADMIN_PASSWORD", "admin-dev-only"));
        try {
            DemoOrganisation.Demo demo = new DemoOrganisation(gateway, keycloak, seed, month, System.out::println).generate(s);
            DemoManifest.write(settings.dataDir(), s.name(), demo);
            System.out.println("What was created is listed in " + DemoManifest.file(settings.dataDir(), month)
                    + " (month-end and bench read the teams from it)");
            return 0;
        } catch (RuntimeException e) {
            System.err.println("The demo organisation could not be created: " + e.getMessage());
            System.err.println("Is the stack up (./backoffice up in another terminal)? Everything created so far stays; "
                    + "run the same command again to carry on (it replays what exists).");
            return 1;
        }
    }

    static String option(String[] args, String name, String fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }

    private DemoCommand() {
    }
}
