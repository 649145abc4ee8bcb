package io.amp.keycloak.tokenbenchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * CPU time of a process, user plus system, as Linux accounts it in {@code /proc/<pid>/stat}
 * (fields 14 and 15, in clock ticks): every thread of the Keycloak JVM, JIT and GC included. Read
 * before and after a phase, the difference is what the phase cost the server, whatever the load
 * generator on the same machine used. NaN where there is no {@code /proc}.
 */
public final class ProcessCpu {

    private static final double TICKS_PER_SECOND = clockTicks();

    private ProcessCpu() {
    }

    public static double seconds(long pid) {
        try {
            return parse(Files.readString(Path.of("/proc/" + pid + "/stat"))) / TICKS_PER_SECOND;
        } catch (IOException e) {
            return Double.NaN;
        }
    }

    /** utime + stime in ticks from the text of {@code /proc/<pid>/stat}. */
    static long parse(String stat) {
        // The command name (field 2) is in parentheses and may hold spaces: count fields after it.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
        // fields[0] is field 3 (state), so field 14 (utime) is fields[11] and field 15 (stime) fields[12].
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    private static double clockTicks() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(getconf.getInputStream().readAllBytes()).trim();
            if (getconf.waitFor(5, TimeUnit.SECONDS) && getconf.exitValue() == 0) {
                return Double.parseDouble(out);
            }
        } catch (IOException | NumberFormatException e) {
            // the usual value below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 100;
    }
}
