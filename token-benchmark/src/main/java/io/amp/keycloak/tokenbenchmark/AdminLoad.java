package io.amp.keycloak.tokenbenchmark;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Admin calls at the scale of the {@link ScalePlan}: {@code writers} threads alternate a new
 * grant and a toggle (a grant switched off, then on again), while {@code readers} threads
 * alternate listing a random site's grants and a random account's sites, all on AMP's admin
 * surface, for a fixed time after an untimed warm-up. Every answer that is not a 2xx is an error.
 * New grants go only to filler groups and sites they do not hold yet, so none is refused as a
 * duplicate and the measured consultants' holdings stay as they are.
 */
final class AdminLoad {

    /** The four calls of the issue. */
    enum Operation {
        LIST_SITE_GRANTS("list a site's grants", false),
        LIST_ACCOUNT_SITES("list an account's sites", false),
        GRANT("grant a site to a group", true),
        TOGGLE("switch a grant off or on", true);

        final String label;
        final boolean write;

        Operation(String label, boolean write) {
            this.label = label;
            this.write = write;
        }
    }

    /** One operation over the timed phase. */
    record Result(Operation operation, long calls, long errors, double seconds, long[] latencies, String firstError) {
        double p50() {
            return Latencies.percentileMillis(latencies, 0.50);
        }

        double p99() {
            return Latencies.percentileMillis(latencies, 0.99);
        }
    }

    private final URI base;
    private final ScalePlan plan;
    private final ScaleSeed.Data data;
    private final AtomicLong nextGrant = new AtomicLong();

    AdminLoad(URI base, ScalePlan plan, ScaleSeed.Data data) {
        this.base = base;
        this.plan = plan;
        this.data = data;
    }

    List<Result> run(int writers, int readers, int warmupSeconds, int seconds) throws InterruptedException {
        if (warmupSeconds > 0) {
            phase(writers, readers, warmupSeconds);
        }
        return phase(writers, readers, seconds);
    }

    private List<Result> phase(int writers, int readers, int seconds) throws InterruptedException {
        Map<Operation, List<Latencies>> latencies = new EnumMap<>(Operation.class);
        Map<Operation, AtomicLong> errors = new EnumMap<>(Operation.class);
        Map<Operation, String[]> firstErrors = new EnumMap<>(Operation.class);
        for (Operation operation : Operation.values()) {
            latencies.put(operation, new ArrayList<>());
            errors.put(operation, new AtomicLong());
            firstErrors.put(operation, new String[1]);
        }
        AdminApi admin = new AdminApi(base);
        admin.get("admin/realms/" + ScalePlan.REALM);
        CountDownLatch go = new CountDownLatch(1);
        long[] deadline = new long[1];
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < writers + readers; t++) {
            boolean writer = t < writers;
            int index = writer ? t : t - writers;
            Map<Operation, Latencies> mine = new EnumMap<>(Operation.class);
            for (Operation operation : Operation.values()) {
                Latencies own = new Latencies();
                mine.put(operation, own);
                synchronized (latencies) {
                    latencies.get(operation).add(own);
                }
            }
            Thread thread = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int call = 0; System.nanoTime() < deadline[0]; call++) {
                    Operation operation = writer ? (call % 2 == 0 ? Operation.GRANT : Operation.TOGGLE)
                            : (call % 2 == 0 ? Operation.LIST_SITE_GRANTS : Operation.LIST_ACCOUNT_SITES);
                    long start = System.nanoTime();
                    String error = call(admin, operation, index, call, writers);
                    long took = System.nanoTime() - start;
                    if (error == null) {
                        mine.get(operation).add(took);
                    } else {
                        errors.get(operation).incrementAndGet();
                        synchronized (firstErrors) {
                            if (firstErrors.get(operation)[0] == null) {
                                firstErrors.get(operation)[0] = error;
                            }
                        }
                    }
                }
            }, (writer ? "writer-" : "reader-") + index);
            threads.add(thread);
            thread.start();
        }
        long start = System.nanoTime();
        deadline[0] = start + seconds * 1_000_000_000L;
        go.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        double took = (System.nanoTime() - start) / 1e9;
        List<Result> results = new ArrayList<>();
        for (Operation operation : Operation.values()) {
            long[] sorted = Latencies.sorted(latencies.get(operation));
            results.add(new Result(operation, sorted.length + errors.get(operation).get(), errors.get(operation).get(), took, sorted,
                    firstErrors.get(operation)[0]));
        }
        return results;
    }

    /** One call; null when it answered 2xx, else what it answered. */
    private String call(AdminApi admin, Operation operation, int thread, int call, int writers) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String method;
        String path;
        Object body = null;
        switch (operation) {
            case LIST_SITE_GRANTS -> {
                method = "GET";
                path = ScaleSeed.AMP + "sites/" + plan.siteKey(random.nextInt(plan.sites())) + "/grants";
            }
            case LIST_ACCOUNT_SITES -> {
                method = "GET";
                path = ScaleSeed.AMP + "accounts/" + data.accountIds().get(random.nextInt(data.accountIds().size())) + "/sites";
            }
            case GRANT -> {
                int site = -1;
                int group = 0;
                while (site < 0) {
                    long n = nextGrant.getAndIncrement();
                    group = plan.firstFiller() + (int) (n % plan.fillerCount());
                    site = plan.ungrantedSite(group, (int) (n / plan.fillerCount()));
                    if (site < 0 && n / plan.fillerCount() > plan.sites()) {
                        return "no site left to grant";
                    }
                }
                method = "POST";
                path = ScaleSeed.AMP + "sites/" + plan.siteKey(site) + "/grants";
                body = Map.of("group", plan.groupName(group));
            }
            case TOGGLE -> {
                List<ScaleSeed.GrantRef> toggles = data.toggles();
                if (toggles.isEmpty()) {
                    return "no grant to toggle";
                }
                // Writer w switches its own grants (w, w + writers, ...): off on one call, on again on the next.
                int turn = call / 2;
                ScaleSeed.GrantRef grant = toggles.get((thread + (turn / 2) * writers) % toggles.size());
                method = "PUT";
                path = ScaleSeed.AMP + "sites/" + grant.siteKey() + "/grants/" + grant.id();
                body = Map.of("enabled", turn % 2 == 1);
            }
            default -> throw new IllegalStateException(operation.name());
        }
        try {
            Http.Response response = admin.send(method, path, body);
            return response.ok() ? null : method + " " + path + ": " + response;
        } catch (IOException | RuntimeException e) {
            return method + " " + path + ": " + e;
        }
    }
}
