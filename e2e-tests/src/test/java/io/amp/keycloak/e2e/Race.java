package io.amp.keycloak.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * N calls held at a latch and released together, one thread each, so they reach the server as
 * nearly at once as a 2-core machine allows. Each outcome keeps its label, status, body and the
 * client-side start and end (nanoTime) of the call, for checks of order that stay sound: a call
 * that started after another's response arrived was decided after it on the server.
 */
final class Race {

    /** One call of the race; status -1 when the call threw (its message is under "text"). */
    record Call(int index, String label, Oidc.Response response, long start, long end) {
        int status() {
            return response.status();
        }

        boolean succeeded() {
            return status() >= 200 && status() < 300;
        }
    }

    /** What one race saw, with the line the build output shows. */
    record Outcome(String name, List<Call> calls) {
        long winners() {
            return calls.stream().filter(Call::succeeded).count();
        }

        long conflicts() {
            return calls.stream().filter(call -> call.status() == 409).count();
        }

        long serverErrors() {
            return calls.stream().filter(call -> call.status() >= 500 || call.status() < 0).count();
        }

        List<Call> winningCalls() {
            return calls.stream().filter(Call::succeeded).toList();
        }

        /** Calls answered with a status outside {@code allowed}, as text for a failure message. */
        List<String> unexpected(java.util.Set<Integer> allowed) {
            return calls.stream().filter(call -> !allowed.contains(call.status()))
                    .map(call -> call.label() + " -> " + call.status() + " " + call.response().body()).toList();
        }

        String line() {
            return String.format("[race] %s: %d calls, winners %d, 409s %d, 5xx %d", name, calls.size(), winners(), conflicts(),
                    serverErrors());
        }
    }

    private Race() {
    }

    /** Runs {@code n} calls at once; {@code label} names call i, {@code action} makes it. Prints the race line. */
    static Outcome run(String name, int n, IntFunction<String> label, IntFunction<Oidc.Response> action) {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch ready = new CountDownLatch(n);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<Call>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    long start = System.nanoTime();
                    Oidc.Response response;
                    try {
                        response = action.apply(index);
                    } catch (RuntimeException e) {
                        response = new Oidc.Response(-1, Map.of("text", String.valueOf(e)));
                    }
                    return new Call(index, label.apply(index), response, start, System.nanoTime());
                }));
            }
            if (!ready.await(60, TimeUnit.SECONDS)) {
                throw new AssertionError("The " + n + " callers of race '" + name + "' did not get ready");
            }
            go.countDown();
            List<Call> calls = new ArrayList<>();
            for (Future<Call> future : futures) {
                calls.add(future.get(120, TimeUnit.SECONDS));
            }
            Outcome outcome = new Outcome(name, calls);
            System.out.println(outcome.line());
            return outcome;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw new AssertionError("Race '" + name + "' did not complete: " + e, e);
        } finally {
            pool.shutdownNow();
        }
    }
}
