package io.amp.keycloak.tokenbenchmark;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Closed-loop load, as keycloak-benchmark runs its scenarios with a fixed number of users: each
 * of {@code clients} threads opens its own session of the scenario (untimed), all start on one
 * signal, and each sends its next request as soon as the previous one is answered until the
 * phase ends. Keycloak's CPU time is read just before the signal and after the last answer.
 */
final class LoadRunner {

    private final URI base;
    private final int clients;

    LoadRunner(URI base, int clients) {
        this.base = base;
        this.clients = clients;
    }

    PhaseResult run(Scenario scenario, Arm arm, int round, double seconds, long keycloakPid) throws InterruptedException {
        return run(scenario, arm, round, seconds, keycloakPid, () -> { }, () -> { });
    }

    /**
     * As {@link #run(Scenario, Arm, int, double, long)}, with {@code beforeStart} run once every
     * client's session is open and just before the timing starts, and {@code afterEnd} once the
     * phase is over (e.g. a profile recording only the timed requests).
     */
    PhaseResult run(Scenario scenario, Arm arm, int round, double seconds, long keycloakPid, Runnable beforeStart, Runnable afterEnd)
            throws InterruptedException {
        CountDownLatch ready = new CountDownLatch(clients);
        CountDownLatch go = new CountDownLatch(1);
        long[] deadline = new long[1];
        List<Latencies> latencies = new ArrayList<>();
        AtomicLong ok = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicReference<String> firstError = new AtomicReference<>();
        AtomicReference<Outcome> last = new AtomicReference<>();
        AtomicReference<RuntimeException> setupFailure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            Latencies mine = new Latencies();
            latencies.add(mine);
            Thread thread = new Thread(() -> {
                Scenario.Session session;
                try {
                    session = scenario.open(new TokenClient(base));
                } catch (Exception e) {
                    setupFailure.compareAndSet(null, new IllegalStateException("Scenario " + scenario.name() + ": " + e.getMessage(), e));
                    ready.countDown();
                    return;
                }
                ready.countDown();
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                while (System.nanoTime() < deadline[0] && !Thread.currentThread().isInterrupted()) {
                    long start = System.nanoTime();
                    Outcome outcome = session.next();
                    long took = System.nanoTime() - start;
                    if (outcome.ok()) {
                        mine.add(took);
                        ok.incrementAndGet();
                        last.set(outcome);
                    } else {
                        errors.incrementAndGet();
                        firstError.compareAndSet(null, outcome.error());
                    }
                }
            }, "load-" + scenario.name() + "-" + c);
            threads.add(thread);
            thread.start();
        }
        ready.await();
        if (setupFailure.get() != null) {
            go.countDown();
            for (Thread thread : threads) {
                thread.join();
            }
            throw setupFailure.get();
        }
        beforeStart.run();
        double cpuBefore = ProcessCpu.seconds(keycloakPid);
        long start = System.nanoTime();
        deadline[0] = start + (long) (seconds * 1_000_000_000L);
        go.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        long end = System.nanoTime();
        double cpuAfter = ProcessCpu.seconds(keycloakPid);
        afterEnd.run();
        Outcome sample = last.get();
        return new PhaseResult(scenario.name(), arm, round, ok.get(), errors.get(), (end - start) / 1e9, Latencies.sorted(latencies),
                cpuAfter - cpuBefore, sample == null ? 0 : sample.accessTokenBytes(), sample == null ? 0 : sample.responseBytes(),
                firstError.get());
    }
}
