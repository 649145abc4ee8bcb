package io.amp.keycloak.tokenbenchmark;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

/**
 * Runs {@code count} independent tasks on a few threads, printing progress, and stops at the first
 * failure: seeding tens of thousands of objects one request at a time would take hours, and the
 * server has cores to spare for a few concurrent requests.
 */
final class Parallel {

    private Parallel() {
    }

    /** Runs task(0) to task(count - 1); returns the seconds it took. */
    static double run(String what, int threads, int count, IntConsumer task) throws InterruptedException {
        long start = System.nanoTime();
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        int step = Math.max(1, count / 10);
        try {
            Future<?>[] workers = new Future<?>[threads];
            for (int t = 0; t < threads; t++) {
                workers[t] = pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < count && failure.get() == null; i = next.getAndIncrement()) {
                        try {
                            task.accept(i);
                        } catch (RuntimeException e) {
                            failure.compareAndSet(null, e);
                            return;
                        }
                        int finished = done.incrementAndGet();
                        if (finished % step == 0 && count >= 1000) {
                            double seconds = (System.nanoTime() - start) / 1e9;
                            System.out.printf("    %s: %,d of %,d (%.0f/s)%n", what, finished, count, finished / seconds);
                        }
                    }
                });
            }
            for (Future<?> worker : workers) {
                try {
                    worker.get();
                } catch (ExecutionException e) {
                    failure.compareAndSet(null, new IllegalStateException(e.getCause()));
                }
            }
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(1, TimeUnit.MINUTES);
        }
        if (failure.get() != null) {
            throw new IllegalStateException(what + " failed: " + failure.get().getMessage(), failure.get());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("  %s: %,d in %.0f s (%.0f/s)%n", what, count, seconds, count / seconds);
        return seconds;
    }
}
