package io.amp.keycloak.e2e;

import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14, item 2, on two nodes of one cluster: a soak of changes, each made through one node and
 * read by the next token of the other, and a node killed with SIGKILL in the middle of a write loop.
 *
 * The soak cycles over eight kinds of change, each one undoing the one before so that it can run
 * for ever: a site grant to a consultant, switched off, on, removed; a role given through an
 * approved access request, taken away by an administrator; a break-the-glass elevation approved,
 * revoked. Iteration {@code i} writes on node {@code (i + i/8) % 2} (strictly alternating, with
 * a flip each round so that every kind is written on both nodes) and reads on the other. Only
 * the first token after a change counts: a stale one is counted and reported (with how long the
 * other node took to agree), never retried away.
 */
final class ClusterSoak {

    /** The soak's length; {@code -Damp.soak.iterations} changes it. */
    static final int ITERATIONS = Integer.getInteger("amp.soak.iterations", 1000);
    private static final String SITE = "acme-cardio-south";
    /** What sales-user on drchrono gives a Sales member who holds nothing else (AccessRequestsIT.endsOnTime). */
    private static final List<String> SALES_USER = List.of("account-receivables-access", "sword-tools");
    private static final List<String> KINDS = List.of("grant", "toggle off", "toggle on", "removal", "role approval", "role revocation",
            "elevation start", "elevation revocation");
    /** How long a stale token's node is watched until it agrees, for the report. */
    private static final Duration CONSISTENCY_WATCH = Duration.ofSeconds(10);
    /** The kill comes right after this many acknowledged writes, while the next is on its way. */
    private static final int KILL_AFTER = 50;

    private final KeycloakServer[] nodes;
    private final Oidc[] oidc;
    private final AdminToken[] admins;

    ClusterSoak(KeycloakServer first, KeycloakServer second) {
        nodes = new KeycloakServer[] {first, second};
        oidc = new Oidc[] {new Oidc(first), new Oidc(second)};
        admins = new AdminToken[] {new AdminToken(oidc[0]), new AdminToken(oidc[1])};
    }

    // ---------------------------------------------------------------- the soak

    /** What the soak counted. */
    record SoakResult(int iterations, int kinds, List<String> stale, Duration took) {
    }

    SoakResult soak(int iterations) {
        Cleanup cleanup = new Cleanup();
        try {
            return soak(iterations, cleanup);
        } finally {
            cleanup.run();
        }
    }

    private SoakResult soak(int iterations, Cleanup cleanup) {
        RaceScenarios fixtures = new RaceScenarios(nodes[0]);
        String[] consultant = fixtures.consultant(cleanup);
        String salesName = fixtures.salesMember(cleanup, "soak.sales");
        String salesId = nodes[0].admin().realm("workforce").users().searchByUsername(salesName, true).get(0).getId();
        Session approver = new Session("workforce", "drchrono", oidc[0].passwordGrant("workforce", "drchrono", fixtures.approver(cleanup),
                Oidc.DEMO_PASSWORD));
        Session reviewer = new Session("practice", "ehr", oidc[0].passwordGrant("practice", "ehr", fixtures.reviewer(cleanup),
                Oidc.DEMO_PASSWORD));
        String practiceName = fixtures.practiceUser(cleanup);

        Session consultantSession = new Session("portal", "portal", oidc[0].passwordGrant("portal", "portal", usernameOf(consultant[1]),
                Oidc.DEMO_PASSWORD));
        Session sales = new Session("workforce", "drchrono", oidc[0].passwordGrant("workforce", "drchrono", salesName, Oidc.DEMO_PASSWORD));
        Session practice = new Session("practice", "ehr", oidc[0].passwordGrant("practice", "ehr", practiceName, Oidc.DEMO_PASSWORD));

        String drchrono = oidc[0].get("admin/realms/workforce/clients?clientId=drchrono", admin(0)).items().get(0).get("id").toString();
        String salesUserRole = "[{\"id\": \"" + oidc[0].get("admin/realms/workforce/clients/" + drchrono + "/roles/sales-user", admin(0))
                .body().get("id") + "\", \"name\": \"sales-user\"}]";
        String grants = Portal.ADMIN_API + "sites/" + SITE + "/grants";

        Predicate<Map<String, Object>> siteGranted = claims -> List.of(SITE).equals(claims.get("sites"));
        Predicate<Map<String, Object>> noSite = claims -> List.of().equals(claims.get("sites"));
        Predicate<Map<String, Object>> roleHeld = claims -> SALES_USER.equals(claims.get("permissions"));
        Predicate<Map<String, Object>> noRole = claims -> List.of().equals(claims.get("permissions"));
        Predicate<Map<String, Object>> notElevated = claims -> !claims.containsKey("elevation");
        assertThat(consultantSession.read(oidc[1])).as("the consultant before the soak").matches(noSite);
        assertThat(sales.read(oidc[1])).as("the Sales member before the soak").matches(noRole);
        assertThat(practice.read(oidc[1])).as("the practice user before the soak").matches(notElevated);

        String grant = null;
        String elevation = null;
        List<String> stale = new ArrayList<>();
        long started = System.nanoTime();
        for (int i = 0; i < iterations; i++) {
            int step = i % KINDS.size();
            int w = (i + i / KINDS.size()) % 2;
            int r = 1 - w;
            Oidc writer = oidc[w];
            Session read;
            Predicate<Map<String, Object>> expected;
            switch (step) {
                case 0 -> {
                    grant = expect(writer.send("POST", grants, admin(w), "{\"email\": \"" + consultant[1] + "\"}"), 201).string("id");
                    read = consultantSession;
                    expected = siteGranted;
                }
                case 1, 2 -> {
                    boolean on = step == 2;
                    expect(writer.send("PUT", grants + "/" + grant, admin(w), "{\"enabled\": " + on + "}"), 200);
                    read = consultantSession;
                    expected = on ? siteGranted : noSite;
                }
                case 3 -> {
                    expect(writer.send("DELETE", grants + "/" + grant, admin(w), null), 204);
                    read = consultantSession;
                    expected = noSite;
                }
                case 4 -> {
                    String request = expect(writer.send("POST", RaceScenarios.REQUESTS, sales.accessToken(),
                            RaceScenarios.accessRequest(salesName, "drchrono", "sales-user")), 201).string("id");
                    expect(writer.send("POST", RaceScenarios.REQUESTS + "/" + request + "/approve", approver.token(oidc[w]),
                            "{\"reason\": \"soak\"}"), 200);
                    read = sales;
                    expected = roleHeld;
                }
                case 5 -> {
                    expect(writer.send("DELETE", "admin/realms/workforce/users/" + salesId + "/role-mappings/clients/" + drchrono,
                            admin(w), salesUserRole), 204);
                    read = sales;
                    expected = noRole;
                }
                case 6 -> {
                    elevation = expect(writer.send("POST", Elevations.API + "break-the-glass", practice.accessToken(),
                            "{\"reason\": \"soak " + i + "\", \"durationMinutes\": 30}"), 201).string("id");
                    expect(writer.send("POST", Elevations.API + "break-the-glass/" + elevation + "/approve", reviewer.token(oidc[w]),
                            "{\"comment\": \"soak\"}"), 200);
                    String id = elevation;
                    read = practice;
                    expected = claims -> claims.get("elevation") instanceof Map<?, ?> running && id.equals(running.get("id"));
                }
                default -> {
                    expect(writer.send("POST", Elevations.ADMIN_API + "elevations/" + elevation + "/revoke", admin(w), null), 200);
                    read = practice;
                    expected = notElevated;
                }
            }
            Map<String, Object> claims = read.read(oidc[r]);
            if (!expected.test(claims)) {
                String report = String.format("iteration %d, %s written on node %d, stale token from node %d (%s), %s", i, KINDS.get(step),
                        w + 1, r + 1, relevant(claims), untilConsistent(read, oidc[r], expected));
                System.out.println("soak: STALE " + report);
                stale.add(report);
            }
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        System.out.printf("soak: %d iterations, %d kinds, %d stale tokens, %d s (%d ms per change and token; %s)%n", iterations,
                Math.min(iterations, KINDS.size()), stale.size(), took.toSeconds(), iterations == 0 ? 0 : took.toMillis() / iterations,
                String.join(", ", KINDS));
        return new SoakResult(iterations, Math.min(iterations, KINDS.size()), stale, took);
    }

    /** The claims a soak step looks at, for the report of a stale token. */
    private static Map<String, Object> relevant(Map<String, Object> claims) {
        Map<String, Object> shown = new LinkedHashMap<>();
        for (String name : List.of("sites", "permissions", "elevation")) {
            if (claims.containsKey(name)) {
                shown.put(name, claims.get(name));
            }
        }
        return shown;
    }

    /** Reads again on the stale node, without pause, until it agrees; for the report only (the soak has counted the stale token). */
    private static String untilConsistent(Session session, Oidc node, Predicate<Map<String, Object>> expected) {
        long from = System.nanoTime();
        int reads = 0;
        while (System.nanoTime() - from < CONSISTENCY_WATCH.toNanos()) {
            reads++;
            if (expected.test(session.read(node))) {
                return String.format("consistent after %d ms (%d more tokens)", (System.nanoTime() - from) / 1_000_000, reads);
            }
        }
        return "still stale after " + CONSISTENCY_WATCH.toSeconds() + " s (" + reads + " more tokens)";
    }

    private static String usernameOf(String email) {
        return email.substring(0, email.indexOf('@'));
    }

    // ---------------------------------------------------------------- the kill

    /** What the kill test counted; {@code perKey} is the number of AMP_SITE rows of each key the loop wrote, from SQL. */
    record KillResult(List<String> sent, List<String> acknowledged, Map<String, Integer> refused, String unanswered,
                      boolean unansweredSent, Map<String, Long> perKey, Set<String> listedBySurvivor, long pid,
                      Duration survivorFirstAnswer) {

        long found() {
            return perKey.size();
        }

        long duplicates() {
            return perKey.values().stream().filter(count -> count > 1).count();
        }
    }

    /**
     * Sites created one after the other on {@code victim} (unique keys; a 201 is an acknowledged
     * write), and the victim's JVM killed with SIGKILL right after the {@value #KILL_AFTER}th
     * acknowledgement, while the next request is on its way. Then, on the survivor: a token, the
     * sites read back through its API and through SQL, and a write of its own.
     */
    KillResult killDuringWrites(KeycloakServer victim, ScratchDatabase database) throws Exception {
        int v = victim == nodes[0] ? 0 : 1;
        Oidc writer = oidc[v];
        Oidc survivor = oidc[1 - v];
        String accounts = Portal.ADMIN_API + "accounts";
        String acme = survivor.get(accounts, admin(1 - v)).items().stream()
                .filter(account -> "acme-health".equals(account.get("alias"))).findFirst().orElseThrow().get("id").toString();
        String department = expect(survivor.send("POST", accounts + "/" + acme + "/departments", admin(1 - v),
                "{\"name\": \"" + Fixtures.uniqueName("Kill Loop") + "\"}"), 201).string("id");
        String sitesPath = accounts + "/" + acme + "/departments/" + department + "/sites";
        String prefix = "kill-" + UUID.randomUUID().toString().substring(0, 8);
        String victimAdmin = admin(v);

        List<String> sent = Collections.synchronizedList(new ArrayList<>());
        List<String> acknowledged = Collections.synchronizedList(new ArrayList<>());
        Map<String, Integer> refused = Collections.synchronizedMap(new LinkedHashMap<>());
        String[] unanswered = {null};
        boolean[] unansweredSent = {false};
        CountDownLatch killNow = new CountDownLatch(1);
        Thread loop = new Thread(() -> {
            try {
                for (int n = 0; n < 100_000; n++) {
                    String key = prefix + "-" + n;
                    try {
                        Oidc.Response response = writer.send("POST", sitesPath, victimAdmin, "{\"key\": \"" + key + "\"}");
                        sent.add(key);
                        if (response.status() == 201) {
                            acknowledged.add(key);
                        } else {
                            refused.put(key, response.status());
                        }
                    } catch (UncheckedIOException e) {
                        unanswered[0] = key;
                        // a refused connection never carried the request; anything else may have
                        unansweredSent[0] = !(e.getCause() instanceof ConnectException);
                        if (unansweredSent[0]) {
                            sent.add(key);
                        }
                        return;
                    }
                    if (acknowledged.size() == KILL_AFTER) {
                        killNow.countDown();
                    }
                }
            } finally {
                killNow.countDown();
            }
        }, "kill-test-write-loop");
        loop.start();
        assertThat(killNow.await(5, TimeUnit.MINUTES)).as("the write loop reached %d writes", KILL_AFTER).isTrue();
        long pid = victim.kill();
        long killed = System.nanoTime();
        loop.join(Duration.ofMinutes(2).toMillis());
        assertThat(loop.isAlive()).as("the write loop ended when its node died").isFalse();

        // The survivor: a token first (timed: until the cluster has noticed the death, calls may wait), then reads and a write.
        Oidc.Response token = survivor.passwordGrant("portal", "portal", "carl.consultant", Oidc.DEMO_PASSWORD);
        Duration firstAnswer = Duration.ofNanos(System.nanoTime() - killed);
        assertThat(token.status()).as("a token from the survivor after the kill: %s", token.body()).isEqualTo(200);
        String survivorAdmin = admins[1 - v].renew();
        Set<String> listed = new LinkedHashSet<>();
        List<String> listedKeys = new ArrayList<>();
        for (Map<String, Object> site : expect(survivor.get(accounts + "/" + acme + "/sites", survivorAdmin), 200).items()) {
            String key = Objects.toString(site.get("key"));
            if (key.startsWith(prefix + "-")) {
                listedKeys.add(key);
                listed.add(key);
            }
        }
        assertThat(listedKeys).as("sites listed twice by the survivor").doesNotHaveDuplicates();
        String survivorKey = prefix + "-survivor";
        expect(survivor.send("POST", sitesPath, survivorAdmin, "{\"key\": \"" + survivorKey + "\"}"), 201);

        Map<String, Long> perKey = new LinkedHashMap<>();
        for (List<String> row : database.rows("select SITE_KEY, count(*) from AMP_SITE where SITE_KEY like '" + prefix
                + "-%' group by SITE_KEY order by SITE_KEY")) {
            perKey.put(row.get(0), Long.parseLong(row.get(1)));
        }
        assertThat(perKey).as("the survivor's own write, in SQL").containsEntry(survivorKey, 1L);
        perKey.remove(survivorKey);

        KillResult result = new KillResult(List.copyOf(sent), List.copyOf(acknowledged), Map.copyOf(refused), unanswered[0],
                unansweredSent[0], perKey, listed, pid, firstAnswer);
        System.out.printf("kill: written %d (acknowledged %d), found %d, duplicates %d, survivor served%n", result.sent().size(),
                result.acknowledged().size(), result.found(), result.duplicates());
        System.out.printf("kill: java pid %d killed after %d acknowledged writes; the unanswered write %s was %s and is %s; "
                        + "the survivor's first token came %d ms after the kill%n", pid, KILL_AFTER, unanswered[0],
                unansweredSent[0] ? "sent" : "never sent (connection refused)", perKey.containsKey(unanswered[0]) ? "present" : "absent",
                firstAnswer.toMillis());

        expect(survivor.send("DELETE", "admin/realms/portal/organizations/" + acme + "/groups/" + department, survivorAdmin, null), 204);
        return result;
    }

    // ---------------------------------------------------------------- tokens

    /** The master admin's token at node {@code n} (0 or 1). */
    private String admin(int n) {
        return admins[n].get();
    }

    private static Oidc.Response expect(Oidc.Response response, int status) {
        return Portal.expect(response, status);
    }

    /**
     * The master admin's token at one node, taken again every 30 s (it lives 60 s): a token of
     * either node is good at both, since they share one public URL, but each writer asks its own.
     */
    private static final class AdminToken {
        private final Oidc node;
        private String token;
        private long takenAt;

        AdminToken(Oidc node) {
            this.node = node;
        }

        String get() {
            if (token == null || System.nanoTime() - takenAt > Duration.ofSeconds(30).toNanos()) {
                renew();
            }
            return token;
        }

        String renew() {
            Oidc.Response response = expect(node.passwordGrantMaster(KeycloakServer.ADMIN_USERNAME, KeycloakServer.ADMIN_PASSWORD), 200);
            token = response.string("access_token");
            takenAt = System.nanoTime();
            return token;
        }
    }

    /** One signed-in session of a demo client, read by refreshing it at either node; its latest access token. */
    private static final class Session {
        private final String realm;
        private final String client;
        private String access;
        private String refresh;
        private long renewAt;

        Session(String realm, String client, Oidc.Response tokens) {
            this.realm = realm;
            this.client = client;
            take(expect(tokens, 200));
        }

        /** A refresh at {@code node}: the claims of its access token. */
        Map<String, Object> read(Oidc node) {
            take(expect(node.refresh(realm, client, refresh), 200));
            return Oidc.claims(access);
        }

        /** The latest access token, whatever its age (a session the soak reads is refreshed every few changes). */
        String accessToken() {
            return access;
        }

        /** An access token with at least half its life left, refreshed at {@code node} when needed. */
        String token(Oidc node) {
            if (System.currentTimeMillis() >= renewAt) {
                read(node);
            }
            return access;
        }

        private void take(Oidc.Response tokens) {
            access = tokens.string("access_token");
            refresh = tokens.string("refresh_token");
            long lifetime = ((Number) tokens.body().get("expires_in")).longValue() * 1000;
            renewAt = System.currentTimeMillis() + lifetime / 2;
        }
    }
}
