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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Keycloak distribution under test, started once for the whole suite (every test class of
 * the failsafe JVM shares it) on free ports, with the providers, the theme and the demo realms
 * that the build installed into {@code amp.keycloak.home}, exactly where an operator puts them.
 * It runs on an in-memory database, so each suite starts from the demo realms as shipped.
 */
public final class KeycloakServer {

    public static final String ADMIN_USERNAME = "admin";
    public static final String ADMIN_PASSWORD = "admin";
    private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(4);

    private static KeycloakServer instance;

    private final URI baseUri;
    private final Process process;
    private final Path log;
    private Keycloak admin;

    private KeycloakServer(URI baseUri, Process process, Path log) {
        this.baseUri = baseUri;
        this.process = process;
        this.log = log;
    }

    public static synchronized KeycloakServer get() {
        if (instance == null) {
            String home = System.getProperty("amp.keycloak.home");
            if (home == null) {
                throw new IllegalStateException("amp.keycloak.home is not set: run the end-to-end tests through Maven (mvn verify)");
            }
            instance = start(Path.of(home), "keycloak-server.log", List.of("--db=dev-mem"));
        }
        return instance;
    }

    /**
     * Another server of an installation on other ports, e.g. on PostgreSQL or as a cluster node;
     * the caller stops it. Its log is {@code logName} beside the installation. {@code args} come
     * after the suite's own; without a {@code --cache} option the server runs with a local cache.
     */
    public static KeycloakServer startAnother(Path home, String logName, List<String> args) {
        return start(home, logName, args);
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

    private static KeycloakServer start(Path installation, String logName, List<String> serverArgs) {
        Path home = installation.toAbsolutePath();
        Path script = home.resolve("bin/kc.sh");
        if (!Files.isExecutable(script)) {
            throw new IllegalStateException("No Keycloak distribution at " + home + ": run the tests through Maven (mvn verify)");
        }
        int httpPort = freePort();
        int managementPort = freePort();
        Path log = home.resolve("../" + logName).normalize();
        List<String> command = new ArrayList<>(List.of(script.toString(), "start-dev",
                "--http-port=" + httpPort,
                "--http-management-port=" + managementPort,
                "--import-realm",
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
        KeycloakServer server = new KeycloakServer(URI.create("http://127.0.0.1:" + httpPort + "/"), process, log);
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
        synchronized (this) {
            if (admin != null) {
                admin.close();
            }
        }
        if (!process.isAlive()) {
            return;
        }
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        process.destroy();
        tree.forEach(ProcessHandle::destroy);
        try {
            process.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
        }
        tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
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
