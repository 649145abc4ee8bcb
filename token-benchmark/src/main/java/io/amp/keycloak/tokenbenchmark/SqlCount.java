package io.amp.keycloak.tokenbenchmark;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SQL statements per token request, counted in Keycloak's log. The server is restarted once with
 * {@code --log-level=INFO,org.hibernate.SQL:debug} (SQL logging would slow the timed phases, so
 * only this part has it). Then, for each scenario and each arm: the arm is switched, Keycloak's
 * realm, user and keys caches are emptied through the admin API ({@code clear-realm-cache},
 * {@code clear-user-cache}, {@code clear-keys-cache}), and the first request is counted ("cold");
 * after three more, the mean of three requests ("warm"). Emptying the caches rather than
 * restarting gives every scenario the same cold start, whichever scenario ran before it, and
 * needs one restart instead of one per scenario and arm. The session of a refresh scenario is
 * opened before the caches are emptied, so the counted refresh is the first request after it.
 *
 * <p>The statements counted are those of request threads ({@code executor-thread}), as in the
 * end-to-end suite's {@code SqlStatements}: the server's scheduled tasks query on their own clock.
 * The suite also leaves out the user-session tables ({@code OFFLINE_USER_SESSION},
 * {@code OFFLINE_CLIENT_SESSION}), which Keycloak writes in batches and no AMP code touches; both
 * counts are kept. The statements of each cold request are written to
 * {@code benchmark-logs/sql-<database>-<scenario>-<arm>-cold.txt}, to see what a difference is made of.
 */
final class SqlCount {

    static final String SQL_LOG_LEVEL = "--log-level=INFO,org.hibernate.SQL:debug";
    private static final Pattern TABLE = Pattern.compile("\\b(?:from|into|update)\\s+([A-Za-z_0-9]+)", Pattern.CASE_INSENSITIVE);
    private static final int WARM_UP = 3;
    private static final int WARM_COUNTED = 3;
    private static final long SETTLE_MILLIS = 300;

    /** Statements of one request, with and without the user-session tables. */
    record Count(int statements, int withSessionTables) {
    }

    /**
     * One scenario in one arm. {@code warm} and {@code warmWithSessions} are means over
     * {@value #WARM_COUNTED} requests; {@code error} says why a request failed (counts are then partial).
     */
    record Result(String scenario, Arm arm, Count cold, double warm, double warmWithSessions, String error,
                  Map<String, Integer> coldByTable) {
    }

    /** What {@link #measure} leaves: the results, and the server, now running with SQL logging. */
    record Measured(List<Result> results, KeycloakProcess server) {
    }

    private SqlCount() {
    }

    static Measured measure(KeycloakProcess server, AdminApi admin, ArmSwitch switches, List<Scenario> scenarios, Path logDir,
                            String label, Consumer<KeycloakProcess> onRestart) throws IOException, InterruptedException {
        System.out.println("  restarting Keycloak with SQL logging ...");
        KeycloakProcess current = server.restart(logDir.resolve("keycloak-" + label + "-sql.log"), List.of(SQL_LOG_LEVEL));
        onRestart.accept(current);
        TokenClient client = new TokenClient(current.baseUri());
        List<Result> results = new ArrayList<>();
        for (Scenario scenario : scenarios) {
            for (Arm arm : Arm.values()) {
                switches.apply(scenario.realm(), scenario.clientId(), arm);
                Scenario.Session session = scenario.open(client);
                for (String cache : List.of("clear-realm-cache", "clear-user-cache", "clear-keys-cache")) {
                    admin.expect("POST", "admin/realms/" + scenario.realm() + "/" + cache, null, 204);
                }
                results.add(count(current.log(), scenario, arm, session,
                        logDir.resolve("sql-" + label + "-" + scenario.name() + "-" + arm.name().toLowerCase() + "-cold.txt")));
            }
            switches.apply(scenario.realm(), scenario.clientId(), Arm.AMP);
        }
        return new Measured(results, current);
    }

    private static Result count(Path log, Scenario scenario, Arm arm, Scenario.Session session, Path coldFile)
            throws IOException, InterruptedException {
        String[] error = {null};
        long mark = Files.size(log);
        note(session.next(), error);
        Thread.sleep(SETTLE_MILLIS);
        List<String> coldLines = readFrom(log, mark);
        Count cold = count(coldLines);
        Files.write(coldFile, statements(coldLines));
        for (int i = 0; i < WARM_UP; i++) {
            note(session.next(), error);
        }
        int warm = 0;
        int warmWithSessions = 0;
        for (int i = 0; i < WARM_COUNTED; i++) {
            Count count = countOne(log, session, error);
            warm += count.statements();
            warmWithSessions += count.withSessionTables();
        }
        Result result = new Result(scenario.name(), arm, cold, warm / (double) WARM_COUNTED, warmWithSessions / (double) WARM_COUNTED,
                error[0], byTable(statements(coldLines)));
        System.out.printf("  %-22s %-5s SQL statements: cold %d, warm %.1f (with session tables: %d, %.1f)%s%n", scenario.name(),
                arm.label(), cold.statements(), result.warm(), cold.withSessionTables(), result.warmWithSessions(),
                error[0] == null ? "" : "  error: " + error[0]);
        return result;
    }

    private static Count countOne(Path log, Scenario.Session session, String[] error) throws IOException, InterruptedException {
        long mark = Files.size(log);
        note(session.next(), error);
        Thread.sleep(SETTLE_MILLIS);
        return count(readFrom(log, mark));
    }

    /** The request threads' statements among log lines, without the log prefix: what the cold request ran, for reading. */
    static List<String> statements(List<String> lines) {
        return lines.stream().filter(line -> line.contains("[org.hibernate.SQL]") && line.contains("(executor-thread-"))
                .map(line -> line.substring(line.indexOf(") ", line.indexOf("(executor-thread-")) + 2)).toList();
    }

    /** Statements by the first table each names (after from, into or update), session tables left out as in {@link #count}. */
    static Map<String, Integer> byTable(List<String> statements) {
        Map<String, Integer> tables = new TreeMap<>();
        for (String statement : statements) {
            Matcher table = TABLE.matcher(statement);
            String name = table.find() ? table.group(1).toUpperCase(Locale.ROOT) : "?";
            if (!name.startsWith("OFFLINE_USER_SESSION") && !name.startsWith("OFFLINE_CLIENT_SESSION")) {
                tables.merge(name, 1, Integer::sum);
            }
        }
        return tables;
    }

    /** Counts the request threads' SQL statements in log lines. */
    static Count count(List<String> lines) {
        int statements = 0;
        int withSessions = 0;
        for (String line : lines) {
            if (line.contains("[org.hibernate.SQL]") && line.contains("(executor-thread-")) {
                withSessions++;
                if (!line.contains("OFFLINE_USER_SESSION") && !line.contains("OFFLINE_CLIENT_SESSION")) {
                    statements++;
                }
            }
        }
        return new Count(statements, withSessions);
    }

    private static void note(Outcome outcome, String[] error) {
        if (!outcome.ok() && error[0] == null) {
            error[0] = outcome.error();
        }
    }

    private static List<String> readFrom(Path log, long offset) throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            file.seek(offset);
            byte[] bytes = new byte[(int) (file.length() - offset)];
            file.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8).lines().toList();
        }
    }
}
