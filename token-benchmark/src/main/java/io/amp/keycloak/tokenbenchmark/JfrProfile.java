package io.amp.keycloak.tokenbenchmark;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A JFR profile of the Keycloak JVM during the AMP arm of one scenario. The server starts with
 * frames kept accurate between safepoints and deep stacks (Keycloak's request stacks are deeper
 * than JFR's default 64 frames) through {@code JAVA_OPTS_APPEND}; a recording with JFR's
 * {@code profile} settings is started and stopped with {@code jcmd} around each timed AMP phase
 * of the scenario only, so nothing else the run does is in it. The recordings are read with
 * {@code jdk.jfr.consumer}.
 */
final class JfrProfile {

    /** For JAVA_OPTS_APPEND of a server that will be profiled. */
    static final String JAVA_OPTS = "-XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints -XX:FlightRecorderOptions:stackdepth=256";
    private static final String NAME = "amp-benchmark";

    private final String scenario;
    private final Path dir;
    private final List<Path> recordings = new ArrayList<>();

    JfrProfile(String scenario, Path dir) {
        this.scenario = scenario;
        this.dir = dir;
    }

    boolean covers(String name) {
        return scenario.equals(name);
    }

    String scenario() {
        return scenario;
    }

    void start(long pid) {
        jcmd(pid, "JFR.start", "name=" + NAME, "settings=profile");
    }

    void stop(long pid, String label) {
        Path file = dir.resolve("profile-" + label + ".jfr").toAbsolutePath();
        jcmd(pid, "JFR.stop", "name=" + NAME, "filename=" + file);
        recordings.add(file);
    }

    List<Path> recordings() {
        return List.copyOf(recordings);
    }

    /** The execution samples of every recording taken. */
    FrameCounts summarize() throws IOException {
        FrameCounts counts = new FrameCounts();
        for (Path recording : recordings) {
            if (!Files.exists(recording)) {
                continue;
            }
            for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
                if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
                    continue;
                }
                List<String> frames = new ArrayList<>();
                for (RecordedFrame frame : event.getStackTrace().getFrames()) {
                    if (frame.isJavaFrame()) {
                        frames.add(frame.getMethod().getType().getName() + "." + frame.getMethod().getName());
                    }
                }
                counts.add(frames);
            }
        }
        return counts;
    }

    private static void jcmd(long pid, String... command) {
        String java = ProcessHandle.of(pid).flatMap(handle -> handle.info().command()).orElse("java");
        Path jcmd = Path.of(java).resolveSibling("jcmd");
        List<String> args = new ArrayList<>(List.of(Files.isExecutable(jcmd) ? jcmd.toString() : "jcmd", Long.toString(pid)));
        args.addAll(List.of(command));
        try {
            Process process = new ProcessBuilder(args).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", args) + " failed: " + out);
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot run jcmd (the profile needs a JDK, not a JRE): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
