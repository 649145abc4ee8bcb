package io.amp.keycloak.tokenbenchmark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What one run of {@code ./benchmark.sh} does, from its command line. The defaults are the issue's
 * method (three interleaved A/B rounds of 15 s, two concurrent clients, both databases), so that a
 * run without options is the run the results page reports; the options shorten it for a trial or
 * add the long parts (scale, profile) that a default run leaves out.
 *
 * @param seconds       length of each timed phase
 * @param rounds        A/B rounds per scenario (AMP then stock, each round)
 * @param clients       concurrent token clients in the benchmark process
 * @param warmupSeconds untimed load after each switch of arm, so the timed phase starts warm
 * @param prewarmSeconds untimed load in each arm before a scenario's first round, so that its code is compiled
 *                      (JIT) before anything is timed: otherwise the first AMP phase would pay for it
 * @param databases     the databases to run on, in order
 * @param scale         run the scale part (generator, consultants with many sites, admin calls) instead of the demo scenarios
 * @param scaleFraction fraction of the scale (1.0: 10,000 sites, 1,000 consultants, 100,000 grants); less for a trial
 * @param writers       concurrent writers of the admin-call phase of the scale part
 * @param adminSeconds  length of the admin-call phase
 * @param seedThreads   concurrent requests while seeding the scale data
 * @param scenarios     only these scenarios (names); empty: all
 * @param profile       the scenario whose AMP arm is recorded with JFR; null: no profile
 * @param sql           count SQL statements per token request (restarts Keycloak with SQL logging)
 * @param heap          the Keycloak JVM's heap settings (JAVA_OPTS_KC_HEAP), the same for every run
 * @param postgresUrl   JDBC URL of the PostgreSQL server, without a database name
 * @param distribution  the Keycloak installation the build left (server/target/keycloak-x.y.z), never modified
 * @param out           where scratch copies, logs and results go (token-benchmark/target)
 */
public record Options(int seconds, int rounds, int clients, int warmupSeconds, int prewarmSeconds, List<Database> databases, boolean scale,
                      double scaleFraction, int writers, int adminSeconds, int seedThreads, Set<String> scenarios,
                      String profile, boolean sql, String heap, String postgresUrl, Path distribution, Path out) {

    public static final String USAGE = """
            Usage: ./benchmark.sh [options]
              --seconds N          length of each timed phase (default 15)
              --rounds N           interleaved A/B rounds per scenario (default 3)
              --clients N          concurrent token clients (default 2)
              --warmup N           seconds of untimed load after each switch of arm (default 3)
              --prewarm N          seconds of untimed load per arm before a scenario's first round (default 10)
              --db all|embedded|postgres
                                   databases to run on (default all: the embedded H2 database, then
                                   PostgreSQL at 127.0.0.1:5432 when it answers)
              --scenario a,b       only these scenarios (see the results page for the names)
              --no-sql             skip the SQL statement count (saves a restart per database)
              --scale              the scale part instead of the demo scenarios: 10,000 sites, 1,000
                                   consultants, 100 groups, 100,000 grants, token cost by sites held,
                                   admin calls with 20 concurrent writers
              --scale-fraction F   a fraction of that size, e.g. 0.01 for a quick check (default 1)
              --writers N          concurrent writers of the admin calls (default 20)
              --admin-seconds N    length of the admin-call phase (default 30)
              --seed-threads N     concurrent requests while seeding (default 6)
              --profile NAME       record the AMP arm of scenario NAME with JFR, print the top frames
              --heap "OPTS"        Keycloak heap settings (default "-Xms1g -Xmx1g")
              --postgres URL       PostgreSQL server (default jdbc:postgresql://127.0.0.1:5432/)
              --no-build           (benchmark.sh) use what the last build left, build nothing
            """;

    public static Options parse(List<String> args) {
        int seconds = 15;
        int rounds = 3;
        int clients = 2;
        int warmup = 3;
        int prewarm = 10;
        List<Database> databases = List.of(Database.EMBEDDED, Database.POSTGRES);
        boolean scale = false;
        double fraction = 1.0;
        int writers = 20;
        int adminSeconds = 30;
        int seedThreads = 6;
        Set<String> scenarios = Set.of();
        String profile = null;
        boolean sql = true;
        String heap = "-Xms1g -Xmx1g";
        String postgres = "jdbc:postgresql://127.0.0.1:5432/";
        Path distribution = null;
        Path out = Path.of("token-benchmark/target");
        List<String> rest = new ArrayList<>(args);
        while (!rest.isEmpty()) {
            String option = rest.remove(0);
            switch (option) {
                case "--seconds" -> seconds = positive(option, value(option, rest));
                case "--rounds" -> rounds = positive(option, value(option, rest));
                case "--clients" -> clients = positive(option, value(option, rest));
                case "--warmup" -> warmup = atLeastZero(option, value(option, rest));
                case "--prewarm" -> prewarm = atLeastZero(option, value(option, rest));
                case "--db" -> databases = databases(value(option, rest));
                case "--scale" -> scale = true;
                case "--scale-fraction" -> fraction = fraction(value(option, rest));
                case "--writers" -> writers = positive(option, value(option, rest));
                case "--admin-seconds" -> adminSeconds = positive(option, value(option, rest));
                case "--seed-threads" -> seedThreads = positive(option, value(option, rest));
                case "--scenario" -> scenarios = Set.of(value(option, rest).split(","));
                case "--profile" -> profile = value(option, rest);
                case "--no-sql" -> sql = false;
                case "--heap" -> heap = value(option, rest);
                case "--postgres" -> postgres = value(option, rest);
                case "--distribution" -> distribution = Path.of(value(option, rest));
                case "--out" -> out = Path.of(value(option, rest));
                default -> throw new IllegalArgumentException("Unknown option '" + option + "'\n" + USAGE);
            }
        }
        if (distribution == null) {
            throw new IllegalArgumentException("--distribution is missing (benchmark.sh sets it)");
        }
        if (profile != null && !scenarios.isEmpty() && !scenarios.contains(profile)) {
            throw new IllegalArgumentException("--profile " + profile + " names a scenario that --scenario leaves out");
        }
        return new Options(seconds, rounds, clients, warmup, prewarm, databases, scale, fraction, writers, adminSeconds, seedThreads,
                scenarios, profile, sql, heap, postgres.endsWith("/") ? postgres : postgres + "/", distribution, out);
    }

    /** Whether scenario {@code name} is to run. */
    public boolean runs(String name) {
        return scenarios.isEmpty() || scenarios.contains(name);
    }

    private static String value(String option, List<String> rest) {
        if (rest.isEmpty() || rest.get(0).startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value\n" + USAGE);
        }
        return rest.remove(0);
    }

    private static int positive(String option, String value) {
        int parsed = integer(option, value);
        if (parsed < 1) {
            throw new IllegalArgumentException(option + " must be at least 1, but is " + value);
        }
        return parsed;
    }

    private static int atLeastZero(String option, String value) {
        int parsed = integer(option, value);
        if (parsed < 0) {
            throw new IllegalArgumentException(option + " must not be negative, but is " + value);
        }
        return parsed;
    }

    private static int integer(String option, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a whole number, but is '" + value + "'");
        }
    }

    private static double fraction(String value) {
        try {
            double parsed = Double.parseDouble(value);
            if (parsed > 0 && parsed <= 1) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--scale-fraction must be a number above 0 and at most 1, but is '" + value + "'");
    }

    private static List<Database> databases(String value) {
        return switch (value) {
            case "all" -> List.of(Database.EMBEDDED, Database.POSTGRES);
            case "embedded" -> List.copyOf(EnumSet.of(Database.EMBEDDED));
            case "postgres" -> List.copyOf(EnumSet.of(Database.POSTGRES));
            default -> throw new IllegalArgumentException("--db must be all, embedded or postgres, but is '" + value + "'");
        };
    }
}
