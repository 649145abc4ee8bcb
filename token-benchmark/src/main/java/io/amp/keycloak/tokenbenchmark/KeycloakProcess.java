package io.amp.keycloak.tokenbenchmark;

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
import java.util.concurrent.TimeUnit;

/**
 * One Keycloak server of a run: {@code kc.sh start --optimized} in production mode on a scratch
 * installation, HTTP on free ports, the local cache (a single node: no cluster traffic, and no
 * clash with another engineer's cluster on the same machine), its console output in a log file.
 * {@link #restart} starts it again on the same ports and database, e.g. with SQL logging.
 * {@link #stop} ends the whole process tree ({@code kc.sh} runs Java as a child, not through exec).
 */
public final class KeycloakProcess {

    private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(5);

    /** What stays the same across restarts. */
    public record Launch(Path home, List<String> databaseArgs, String heap, String javaOptsAppend, int httpPort,
                         int httpsPort, int managementPort) {

        public static Launch of(Path home, List<String> databaseArgs, String heap, String javaOptsAppend) {
            return new Launch(home, databaseArgs, heap, javaOptsAppend, freePort(), freePort(), freePort());
        }

        URI baseUri() {
            return URI.create("http://127.0.0.1:" + httpPort + "/");
        }
    }

    private final Launch launch;
    private final Process process;
    private final Path log;
    private final long javaPid;
    private final Duration startup;

    private KeycloakProcess(Launch launch, Process process, Path log, long javaPid, Duration startup) {
        this.launch = launch;
        this.process = process;
        this.log = log;
        this.javaPid = javaPid;
        this.startup = startup;
    }

    /**
     * Starts Keycloak and waits until the last demo realm answers (they are imported before it
     * listens). {@code importRealms}: the first start of a fresh database imports the demo realms.
     */
    public static KeycloakProcess start(Launch launch, Path log, boolean importRealms, List<String> extraArgs)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(launch.home().resolve("bin/kc.sh").toString(), "start", "--optimized",
                "--http-enabled=true",
                "--hostname-strict=false",
                "--http-host=127.0.0.1",
                "--http-port=" + launch.httpPort(),
                "--https-port=" + launch.httpsPort(),
                "--http-management-port=" + launch.managementPort(),
                "--cache=local"));
        command.addAll(launch.databaseArgs());
        if (importRealms) {
            command.add("--import-realm");
        }
        command.addAll(extraArgs);
        ProcessBuilder builder = new ProcessBuilder(command).directory(launch.home().toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        KeycloakEnvironment.forServer(builder.environment(), launch.heap(), launch.javaOptsAppend());
        Instant started = Instant.now();
        Process process = builder.start();
        try {
            awaitReady(launch, process, log);
        } catch (RuntimeException e) {
            destroyTree(process);
            throw e;
        }
        long javaPid = process.descendants()
                .filter(handle -> handle.info().command().map(path -> path.endsWith("/java")).orElse(false))
                .mapToLong(ProcessHandle::pid).findFirst().orElse(process.pid());
        return new KeycloakProcess(launch, process, log, javaPid, Duration.between(started, Instant.now()));
    }

    /** Stops this server and starts it again on the same ports and database, with {@code extraArgs}. */
    public KeycloakProcess restart(Path newLog, List<String> extraArgs) throws IOException {
        stop();
        return start(launch, newLog, false, extraArgs);
    }

    public URI baseUri() {
        return launch.baseUri();
    }

    /** The Keycloak JVM (the java child of kc.sh): its CPU time is what the benchmark reads. */
    public long javaPid() {
        return javaPid;
    }

    public Path log() {
        return log;
    }

    public Duration startup() {
        return startup;
    }

    /** Ends Keycloak and every process under kc.sh: a clean shutdown first, then forcibly after 30 s. */
    public void stop() {
        destroyTree(process);
    }

    private static void destroyTree(Process process) {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            for (ProcessHandle handle : tree) {
                handle.onExit().get(30, TimeUnit.SECONDS);
            }
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
        tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }

    private static void awaitReady(Launch launch, Process process, Path log) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest probe = HttpRequest.newBuilder(launch.baseUri().resolve("realms/portal/.well-known/openid-configuration"))
                .timeout(Duration.ofSeconds(5)).build();
        Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with " + process.exitValue() + " before it was ready:\n" + tail(log));
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
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for Keycloak", e);
            }
        }
        throw new IllegalStateException("Keycloak was not ready within " + STARTUP_TIMEOUT.toMinutes() + " minutes:\n" + tail(log));
    }

    static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log at " + log + ")";
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
