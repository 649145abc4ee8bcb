package io.amp.keycloak.e2e;

import org.keycloak.admin.client.Keycloak;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The Keycloak distribution under test, started once for the whole suite (every test class of
 * the failsafe JVM shares it) on free ports, with the providers, the theme and the demo realms
 * that the build installed into {@code amp.keycloak.home}, exactly where an operator puts them.
 * It runs on an in-memory database, so each suite starts from the demo realms as shipped; with
 * {@code -Damp.e2e.db=postgres} or {@code mariadb} it runs on a scratch database of that kind
 * instead (created before the server starts, dropped when the test JVM ends), so that every test
 * of the suite runs against that database.
 */
public final class KeycloakServer {

    public static final String ADMIN_USERNAME = "admin";
    public static final String ADMIN_PASSWORD = "admin";
    /** The Keycloak features AMP needs beyond the defaults: the declarative UI (SPI ui-tab) of the AMP tab. */
    public static final String FEATURES = "declarative-ui";
    private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(4);
    /** How long a stopped server may take to shut down cleanly before it is killed. */
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
    /** The database the suite's server runs on: dev-mem (default), postgres or mariadb. */
    public static final String SUITE_DATABASE = System.getProperty("amp.e2e.db", "").isBlank() ? "dev-mem"
            : System.getProperty("amp.e2e.db").trim();

    private static KeycloakServer instance;
    /** Why the suite's server did not start: every later test class gets this at once, not another 4-minute attempt. */
    private static RuntimeException startFailure;

    private final Path home;
    private final List<String> serverArgs;
    private final int httpPort;
    private final int managementPort;
    private final URI baseUri;
    private final Process process;
    private final Path log;
    private Keycloak admin;

    private KeycloakServer(Path home, List<String> serverArgs, int httpPort, int managementPort, Process process, Path log) {
        this.home = home;
        this.serverArgs = List.copyOf(serverArgs);
        this.httpPort = httpPort;
        this.managementPort = managementPort;
        this.baseUri = URI.create("http://127.0.0.1:" + httpPort + "/");
        this.process = process;
        this.log = log;
    }

    public static synchronized KeycloakServer get() {
        String running = System.getProperty("amp.e2e.port", "");
        if (instance == null && !running.isBlank()) {
            // A developer's own running server (./run.sh, with the same providers and realms), for
            // iterating on one test class: -Damp.e2e.port=8080. Nothing is started or stopped.
            int port = Integer.parseInt(running.trim());
            instance = new KeycloakServer(null, List.of(), port, port, null, null);
        }
        if (instance == null) {
            String home = System.getProperty("amp.keycloak.home");
            if (home == null) {
                throw new IllegalStateException("amp.keycloak.home is not set: run the end-to-end tests through Maven (mvn verify)");
            }
            if (startFailure != null) {
                throw new IllegalStateException("The suite's server failed to start earlier in this run: " + startFailure.getMessage(),
                        startFailure);
            }
            try {
                instance = "dev-mem".equals(SUITE_DATABASE)
                        ? start(Path.of(home), "keycloak-server.log", List.of("--db=dev-mem"), freePort(), freePort())
                        : onScratchDatabase(ScratchDatabase.Kind.of(SUITE_DATABASE));
            } catch (RuntimeException e) {
                startFailure = e;
                throw e;
            }
        }
        return instance;
    }

    /**
     * The suite's server on a scratch database, from a copy of the installation (the database kind
     * is a build option, and PostgresIT and MariaDbIT copy the installation while this one runs).
     * Asked for explicitly, a database that does not answer fails the run instead of skipping it.
     */
    private static KeycloakServer onScratchDatabase(ScratchDatabase.Kind kind) {
        ScratchDatabase database;
        try {
            database = ScratchDatabase.create(kind);
        } catch (ScratchDatabase.NotReachable e) {
            throw new IllegalStateException("-Damp.e2e.db=" + kind.label + " asks for the suite on " + kind.label + ", but "
                    + e.getMessage(), e);
        }
        System.out.println("The suite's server runs on " + kind.label + ": " + database.where());
        KeycloakServer server;
        try {
            server = start(copyInstallation("suite-" + kind.label), "keycloak-server.log", database.serverArgs(), freePort(), freePort());
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
        // One hook for both, in this order: the database is dropped only once the server is gone.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            database.close();
        }, "keycloak-suite-database-drop"));
        return server;
    }

    /**
     * A fresh copy of the installation beside it, named {@code <installation>-<name>}, for a server
     * on another database or a cluster node: the database kind is a build option, and rebuilding
     * the installation the suite's server runs from would pull it from under that server. A copy
     * left by an earlier run is replaced; the embedded database's files are not copied.
     */
    public static Path copyInstallation(String name) {
        Path home = Path.of(System.getProperty("amp.keycloak.home")).toAbsolutePath().normalize();
        Path copy = home.resolveSibling(home.getFileName() + "-" + name);
        deleteTree(copy);
        try (Stream<Path> paths = Files.walk(home)) {
            for (Path source : (Iterable<Path>) paths::iterator) {
                Path relative = home.relativize(source);
                if (relative.startsWith("data/h2") || relative.startsWith("data/tmp") || relative.startsWith("data/transaction-logs")) {
                    continue;
                }
                Path target = copy.resolve(relative);
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return copy;
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Another server of an installation on other ports, e.g. on PostgreSQL or as a cluster node;
     * the caller stops it. Its log is {@code logName} beside the installation. {@code args} come
     * after the suite's own; without a {@code --cache} option the server runs with a local cache.
     */
    public static KeycloakServer startAnother(Path home, String logName, List<String> args) {
        return start(home, logName, args, freePort(), freePort());
    }

    /**
     * Stops this server the way an operator does (SIGTERM: Keycloak shuts down and the process
     * exits by itself, never killed) and starts the same installation again with the same options
     * on the same ports, so that its issuer URL, and with it every token issued before, stays valid.
     * The new run logs to {@code logName}, so its log holds only what the restart did.
     */
    public KeycloakServer restart(String logName) {
        stopGracefully();
        return start(home, logName, serverArgs, httpPort, managementPort);
    }

    /** The server's log, for tests that read what the server did. */
    public Path log() {
        return log;
    }

    public URI baseUri() {
        return baseUri;
    }

    public URI uri(String path) {
        return baseUri.resolve(path.startsWith("/") ? path.substring(1) : path);
    }

    public String realmUrl(String realm) {
        return uri("realms/" + realm).toString();
    }

    /** The master admin's client, shared by the whole suite and closed with the server. */
    public synchronized Keycloak admin() {
        if (admin == null) {
            admin = Keycloak.getInstance(baseUri.toString(), "master", ADMIN_USERNAME, ADMIN_PASSWORD, "admin-cli");
        }
        return admin;
    }

    private static KeycloakServer start(Path installation, String logName, List<String> serverArgs, int httpPort, int managementPort) {
        Path home = installation.toAbsolutePath();
        Path script = home.resolve("bin/kc.sh");
        if (!Files.isExecutable(script)) {
            throw new IllegalStateException("No Keycloak distribution at " + home + ": run the tests through Maven (mvn verify)");
        }
        Path log = home.resolve("../" + logName).normalize();
        List<String> command = new ArrayList<>(List.of(script.toString(), "start-dev",
                "--http-port=" + httpPort,
                "--http-management-port=" + managementPort,
                "--import-realm",
                // Keycloak's declarative UI, which shows the AMP tab of the realm settings (as ./run.sh and the Dockerfile do).
                "--features=" + FEATURES,
                // Every SQL statement in the log, so QueryCountIT can count what a token costs.
                "--log-level=INFO,org.hibernate.SQL:debug",
                // Ended access-request assignments are cleaned up every 2 s instead of every minute.
                "--spi-jpa-entity-provider--amp-requests--cleanup-interval-seconds=2",
                // Records of ended elevations are closed every 2 s instead of every minute.
                "--spi-jpa-entity-provider--amp-elevations--cleanup-interval-seconds=2"));
        if (serverArgs.stream().noneMatch(arg -> arg.startsWith("--cache="))) {
            command.add("--cache=local");
        }
        command.addAll(serverArgs);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN_USERNAME);
        env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
        env.keySet().removeIf(name -> name.startsWith("KC_DB"));
        Instant started = Instant.now();
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + script, e);
        }
        KeycloakServer server = new KeycloakServer(home, serverArgs, httpPort, managementPort, process, log);
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "keycloak-server-stop"));
        server.awaitReady(started);
        System.out.printf("Keycloak %s ready at %s in %d s (log: %s)%n", System.getProperty("keycloak.dist.version", ""),
                server.baseUri, Duration.between(started, Instant.now()).toSeconds(), log);
        return server;
    }

    private void awaitReady(Instant started) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        // The demo realms are imported before the server listens, so the last one answering means all are there.
        HttpRequest probe = HttpRequest.newBuilder(uri("realms/portal/.well-known/openid-configuration"))
                .timeout(Duration.ofSeconds(5)).build();
        while (Duration.between(started, Instant.now()).compareTo(STARTUP_TIMEOUT) < 0) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with " + process.exitValue() + " before it was ready:\n" + logTail());
            }
            try {
                if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for Keycloak", e);
            }
            sleep(Duration.ofMillis(500));
        }
        stop();
        throw new IllegalStateException("Keycloak was not ready within " + STARTUP_TIMEOUT + ":\n" + logTail());
    }

    public void stop() {
        if (process != null) {
            terminate();
        }
    }

    /**
     * Stops the server and fails unless it shut down by itself within {@link #STOP_TIMEOUT}: for
     * tests whose point is what a clean stop leaves behind. Returns the exit status of kc.sh.
     */
    public int stopGracefully() {
        if (!process.isAlive()) {
            throw new AssertionError("Keycloak had exited already (status " + process.exitValue() + "):\n" + logTail());
        }
        if (!terminate()) {
            throw new AssertionError("Keycloak did not stop within " + STOP_TIMEOUT + " of SIGTERM and was killed:\n" + logTail());
        }
        return process.exitValue();
    }

    /**
     * Kills the server's JVM with SIGKILL, as a crash or the kernel's OOM killer would: no shutdown,
     * no goodbye to the cluster. kc.sh runs java as its child (then kc.sh exits by itself), or, after
     * an implicit re-augmentation (a copied installation with other build options), replaces itself
     * with java; the JVM is what is killed. Returns once it and kc.sh are gone, with its pid.
     */
    public long kill() {
        ProcessHandle jvm = Stream.concat(Stream.of(process.toHandle()), process.descendants())
                .filter(child -> child.info().command().map(command -> command.endsWith("/java")).orElse(false))
                .findFirst().orElseThrow(() -> new IllegalStateException("No java process at or below kc.sh (pid " + process.pid() + ")"));
        if (!jvm.destroyForcibly()) {
            throw new IllegalStateException("SIGKILL to java (pid " + jvm.pid() + ") was not delivered");
        }
        try {
            jvm.onExit().get(STOP_TIMEOUT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
            process.onExit().get(STOP_TIMEOUT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Keycloak (java pid " + jvm.pid() + ") did not exit after SIGKILL", e);
        }
        return jvm.pid();
    }

    /** SIGTERM to kc.sh and the JVM it started; SIGKILL after {@link #STOP_TIMEOUT}. True when no kill was needed. */
    private boolean terminate() {
        synchronized (this) {
            if (admin != null) {
                admin.close();
                admin = null;
            }
        }
        if (!process.isAlive()) {
            return true;
        }
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        process.destroy();
        tree.forEach(ProcessHandle::destroy);
        boolean clean = true;
        try {
            process.onExit().get(STOP_TIMEOUT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
            for (ProcessHandle child : tree) {
                child.onExit().get(STOP_TIMEOUT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            clean = false;
            process.destroyForcibly();
        }
        for (ProcessHandle child : tree) {
            if (child.isAlive()) {
                clean = false;
                child.destroyForcibly();
            }
        }
        return clean;
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log at " + log + ")";
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
