package io.amp.keycloak.tokenbenchmark;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts of execution samples by frame. Self: the top frame of each sample, where the CPU was.
 * AMP: the innermost {@code io.amp} frame of each sample that has one, so every sample taken
 * while AMP code is on the stack (AMP's own work and what it calls in Keycloak) is charged to the
 * AMP method that led there.
 */
final class FrameCounts {

    /** One frame and its samples. */
    record Entry(String frame, long samples) {
    }

    private final Map<String, Long> self = new HashMap<>();
    private final Map<String, Long> amp = new HashMap<>();
    private long samples;
    private long withAmp;

    /** Adds one sample; {@code frames} from the top of the stack down. */
    void add(List<String> frames) {
        if (frames.isEmpty()) {
            return;
        }
        samples++;
        self.merge(frames.get(0), 1L, Long::sum);
        for (String frame : frames) {
            if (frame.startsWith("io.amp.")) {
                withAmp++;
                amp.merge(frame, 1L, Long::sum);
                return;
            }
        }
    }

    long samples() {
        return samples;
    }

    long withAmp() {
        return withAmp;
    }

    List<Entry> topSelf(int limit) {
        return top(self, limit);
    }

    List<Entry> topAmp(int limit) {
        return top(amp, limit);
    }

    private static List<Entry> top(Map<String, Long> counts, int limit) {
        return counts.entrySet().stream().map(entry -> new Entry(entry.getKey(), entry.getValue()))
                .sorted(Comparator.comparingLong(Entry::samples).reversed().thenComparing(Entry::frame)).limit(limit).toList();
    }
}
