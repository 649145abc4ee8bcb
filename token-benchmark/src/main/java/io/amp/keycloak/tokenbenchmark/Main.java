package io.amp.keycloak.tokenbenchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The token benchmark command ({@code ./benchmark.sh}, issue 13): for each database, a scratch
 * Keycloak in production mode, the data seeded through the admin API, the scenarios driven A/B
 * from this process, the SQL statements counted, and the results written as Markdown to
 * {@code token-benchmark/target/benchmark-results.md}. Keycloak is stopped and the scratch
 * database dropped on every way out: the end, a failure, Ctrl-C.
 */
public final class Main {

    private final Options options;
    private final Cleanup cleanup;
    private final Path logs;

    private Main(Options options, Cleanup cleanup) {
        this.options = options;
        this.cleanup = cleanup;
        this.logs = options.out().resolve("benchmark-logs").toAbsolutePath();
    }

    public static void main(String[] args) {
        if (List.of(args).contains("--help")) {
            System.out.print(Options.USAGE);
            return;
        }
        Options options;
        try {
            options = Options.parse(List.of(args));
            checkScenarioNames(options);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Cleanup cleanup = new Cleanup();
        Runtime.getRuntime().addShutdownHook(new Thread(cleanup::run, "benchmark-cleanup"));
        try {
            new Main(options, cleanup).run(commandLine(args));
            cleanup.run();
            System.exit(0);
        } catch (Exception e) {
            System.err.println("The benchmark stopped: " + e.getMessage());
            e.printStackTrace();
            cleanup.run();
            System.exit(1);
        }
    }

    private void run(String commandLine) throws Exception {
        Files.createDirectories(logs);
        Path results = options.out().resolve("benchmark-results.md").toAbsolutePath();
        String machine = Machine.describe(options.distribution());
        List<DatabaseRun> runs = new ArrayList<>();
        for (Database database : options.databases()) {
            DatabaseRun run = new DatabaseRun(database);
            runs.add(run);
            System.out.printf("%n== %s ==%n", database.label());
            runOn(run);
            Files.writeString(results, Report.render(options, commandLine, machine, runs));
        }
        String report = Report.render(options, commandLine, machine, runs);
        Files.writeString(results, report);
        System.out.printf("%n%s%nResults: %s%nServer logs: %s%n", report, results, logs);
    }

    private void runOn(DatabaseRun run) throws Exception {
        List<String> databaseArgs = List.of();
        if (run.database == Database.POSTGRES) {
            StringBuilder whyNot = new StringBuilder();
            Optional<PostgresScratch> scratch = PostgresScratch.create(options.postgresUrl(), whyNot);
            if (scratch.isEmpty()) {
                run.notice = "PostgreSQL does not answer at " + options.postgresUrl() + " (" + whyNot + "): skipped.";
                System.out.println("NOTICE: " + run.notice);
                return;
            }
            cleanup.database(scratch.get());
            databaseArgs = scratch.get().keycloakArgs();
            System.out.println("Scratch database " + scratch.get().url() + " created.");
        }
        Path home = Distribution.prepare(options.distribution(), options.out(), run.database);
        KeycloakProcess.Launch launch = KeycloakProcess.Launch.of(home, databaseArgs, options.heap(),
                options.profile() != null ? JfrProfile.JAVA_OPTS : "");
        System.out.printf("Starting Keycloak in production mode on %s (port %d, log %s) ...%n", run.database.label(), launch.httpPort(),
                logs.resolve("keycloak-" + run.database.key() + ".log"));
        KeycloakProcess[] server = {KeycloakProcess.start(launch, logs.resolve("keycloak-" + run.database.key() + ".log"), true, List.of())};
        cleanup.server(server[0]);
        run.startup = server[0].startup();
        System.out.printf("Keycloak ready in %d s (Java pid %d).%n", run.startup.toSeconds(), server[0].javaPid());

        AdminApi admin = new AdminApi(server[0].baseUri());
        ArmSwitch switches = new ArmSwitch(admin);
        DemoSeed demo = new DemoSeed(admin);
        JfrProfile profile = options.profile() == null ? null : new JfrProfile(options.profile(), logs);
        AbRun ab = new AbRun(switches, new LoadRunner(server[0].baseUri(), options.clients()), options, () -> server[0].javaPid(), profile);
        List<Scenario> scenarios;
        if (options.scale()) {
            ScalePlan plan = ScalePlan.of(options.scaleFraction());
            System.out.printf("Seeding the scale data (%,d sites, %,d consultants, %,d grants) with %d concurrent requests ...%n",
                    plan.sites(), plan.consultants(), plan.totalGrants(), options.seedThreads());
            ScaleSeed.Data data = new ScaleSeed(admin, plan, options.seedThreads()).seed(demo);
            scenarios = Scenarios.scale(plan).stream().filter(scenario -> options.runs(scenario.name())).toList();
            runScenarios(ab, scenarios, run);
            System.out.printf("Admin calls: %d writers, %d readers, %d s ...%n", options.writers(), options.clients(), options.adminSeconds());
            List<AdminLoad.Result> calls = new AdminLoad(server[0].baseUri(), plan, data)
                    .run(options.writers(), options.clients(), options.warmupSeconds(), options.adminSeconds());
            calls.forEach(call -> System.out.printf("  %-26s %6d calls  p50 %7.1f ms  p99 %7.1f ms  %d errors%n", call.operation().label,
                    call.calls(), call.p50(), call.p99(), call.errors()));
            run.scale = new DatabaseRun.Scale(plan, data.seconds(), calls, data.anomalies());
        } else {
            System.out.println("Seeding: 20 department roles holding the ehr catalog, user " + Scenarios.CATALOG_USER + ", client "
                    + DemoSeed.SERVICE_CLIENT + " ...");
            demo.catalogUser(Scenarios.CATALOG_USER, demo.catalogRoles());
            demo.serviceClient();
            scenarios = Scenarios.demo().stream().filter(scenario -> options.runs(scenario.name())).toList();
            runScenarios(ab, scenarios, run);
            System.out.println("Token sizes of every demo user, both arms ...");
            run.sizes.addAll(TokenSizes.measure(server[0].baseUri(), switches, home.resolve("data/import"),
                    List.of(new TokenSizes.Extra(DemoSeed.REALM, DemoSeed.CATALOG_CLIENT, Scenarios.CATALOG_USER))));
        }
        if (profile != null) {
            run.profile = profile.summarize();
            run.profileScenario = profile.scenario();
            run.notes.add("JFR recordings: " + profile.recordings());
        }
        if (options.sql() && !scenarios.isEmpty()) {
            System.out.println("SQL statements per token request (one restart) ...");
            SqlCount.Measured measured = SqlCount.measure(server[0], admin, switches, scenarios, logs, run.database.key(), restarted -> {
                server[0] = restarted;
                cleanup.server(restarted);
            });
            run.sql.addAll(measured.results());
        }
        cleanup.run();
    }

    private static void runScenarios(AbRun ab, List<Scenario> scenarios, DatabaseRun run) throws InterruptedException {
        for (Scenario scenario : scenarios) {
            System.out.printf("Scenario %s (%s): %s%n", scenario.name(), scenario.grant().label(), scenario.about());
            run.scenarios.add(ab.run(scenario));
        }
    }

    /** Refuses a --scenario or --profile name that no scenario of this kind of run has, before anything starts. */
    private static void checkScenarioNames(Options options) {
        List<String> known = (options.scale() ? Scenarios.scale(ScalePlan.of(options.scaleFraction())) : Scenarios.demo()).stream()
                .map(Scenario::name).toList();
        List<String> asked = new ArrayList<>(options.scenarios());
        if (options.profile() != null) {
            asked.add(options.profile());
        }
        for (String name : asked) {
            if (!known.contains(name)) {
                throw new IllegalArgumentException("No scenario '" + name + "' in this run; there are: " + String.join(", ", known));
            }
        }
    }

    /** The command as the user typed it: benchmark.sh adds --distribution and --out itself. */
    private static String commandLine(String[] args) {
        StringBuilder line = new StringBuilder("./benchmark.sh");
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--distribution") || args[i].equals("--out")) {
                i++;
                continue;
            }
            line.append(' ').append(args[i].contains(" ") ? "\"" + args[i] + "\"" : args[i]);
        }
        return line.toString();
    }
}
