package io.amp.keycloak.tokenbenchmark;

import java.util.Arrays;

/**
 * Latencies of one phase, kept whole (a few thousand to a few hundred thousand longs) and sorted,
 * so that percentiles are exact ranks rather than histogram buckets.
 */
final class Latencies {

    private long[] nanos = new long[1024];
    private int size;

    void add(long value) {
        if (size == nanos.length) {
            nanos = Arrays.copyOf(nanos, size * 2);
        }
        nanos[size++] = value;
    }

    /** All values of {@code parts}, sorted. */
    static long[] sorted(Iterable<Latencies> parts) {
        int total = 0;
        for (Latencies part : parts) {
            total += part.size;
        }
        long[] all = new long[total];
        int at = 0;
        for (Latencies part : parts) {
            System.arraycopy(part.nanos, 0, all, at, part.size);
            at += part.size;
        }
        Arrays.sort(all);
        return all;
    }

    /** Merges sorted arrays into one sorted array. */
    static long[] merge(Iterable<long[]> sortedParts) {
        int total = 0;
        for (long[] part : sortedParts) {
            total += part.length;
        }
        long[] all = new long[total];
        int at = 0;
        for (long[] part : sortedParts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        Arrays.sort(all);
        return all;
    }

    /** The {@code q} quantile (0 &lt; q &le; 1) of sorted nanoseconds, in milliseconds, by nearest rank; NaN when empty. */
    static double percentileMillis(long[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1_000_000.0;
    }
}
