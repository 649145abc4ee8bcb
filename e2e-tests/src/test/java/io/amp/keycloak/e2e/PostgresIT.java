package io.amp.keycloak.e2e;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same installation on PostgreSQL (127.0.0.1:5432, user postgres), in a database of its own
 * that the test creates and drops, as a cluster of two nodes (Keycloak's own Infinispan, nodes
 * found through the database, transport on loopback): everything {@link DatabaseContract} promises
 * (changelogs, keys and indexes, the demo import, no orphans, elevation records, a restart that
 * loses nothing), the race scenarios of {@link RaceIT}, and that what one node grants or revokes
 * the other's next token shows, over a soak of {@link ClusterSoak#ITERATIONS} changes, and that a node
 * killed with SIGKILL in the middle of a write loop loses no acknowledged write (the survivor then
 * restarts alone, in the last test). Where no PostgreSQL answers, the tests are skipped with a notice.
 */
class PostgresIT extends DatabaseContract implements DatabaseRaces {

    private final int clusterPort = freePort();
    private KeycloakServer second;

    @Override
    protected ScratchDatabase.Kind kind() {
        return ScratchDatabase.Kind.POSTGRES;
    }

    @Override
    protected List<String> serverArgs() {
        return clusterArgs(clusterPort);
    }

    @Override
    public KeycloakServer raceServer() {
        return server;
    }

    /**
     * The second node, once the first has imported the demo realms, from a copy of its own (a node
     * rebuilds its installation when it starts). Like nodes behind one load balancer both share one
     * public URL (the first node's), so that tokens of either node are valid at both.
     */
    @BeforeAll
    void startSecondNode() {
        String url = server.baseUri().toString();
        List<String> args = new ArrayList<>(database.serverArgs());
        args.addAll(clusterArgs(freePort()));
        args.addAll(List.of("--hostname=" + url.substring(0, url.length() - 1), "--hostname-backchannel-dynamic=true"));
        second = KeycloakServer.startAnother(KeycloakServer.copyInstallation("postgres-2"), "keycloak-postgres-2.log", args);
    }

    /** The restart is of the whole cluster: the second node goes first, so nothing survives in its memory. */
    @Override
    protected void stopOthers() {
        if (second != null) {
            second.stop();
            second = null;
        }
    }

    private static List<String> clusterArgs(int port) {
        return List.of("--cache=ispn", "--cache-stack=jdbc-ping", "--cache-embedded-network-bind-address=127.0.0.1",
                "--cache-embedded-network-bind-port=" + port);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    @DisplayName("Given two nodes, an emergency access given on one elevates the other's refresh, and a revocation on the other ends it on the first")
    void twoNodesAgreeOnElevation() {
        Oidc first = new Oidc(server);
        Oidc other = new Oidc(second);
        Browser browser = new Browser(server);
        Browser.Page end = browser.submit(browser.authorize("practice", "ehr"), "kc-form-login",
                Elevations.loginForm("erin.er", "Cluster check"), null, null);
        Oidc.Response tokens = first.authorizationCode("practice", "ehr", end.code());
        @SuppressWarnings("unchecked")
        String id = ((Map<String, Object>) Oidc.claims(tokens.string("access_token")).get("elevation")).get("id").toString();

        Oidc.Response onSecond = other.refresh("practice", "ehr", tokens.string("refresh_token"));
        assertThat(onSecond.status()).as("%s", onSecond.body()).isEqualTo(200);
        assertThat(Oidc.claims(onSecond.string("access_token"))).as("the other node sees the elevation").containsKey("elevation");

        Portal.expect(other.send("POST", Elevations.ADMIN_API + "elevations/" + id + "/revoke", other.adminToken(), null), 200);
        Oidc.Response onFirst = first.refresh("practice", "ehr", onSecond.string("refresh_token"));
        assertThat(onFirst.status()).as("%s", onFirst.body()).isEqualTo(200);
        assertThat(Oidc.claims(onFirst.string("access_token"))).as("the first node sees the revocation").doesNotContainKey("elevation");
        first.logout("practice", "ehr", onFirst.string("refresh_token"));
    }

    @Test
    @DisplayName("Given two nodes, a site grant switched off on one is gone from the other's next token")
    void twoNodesAgreeOnSiteGrants() {
        Oidc first = new Oidc(server);
        Oidc other = new Oidc(second);
        Oidc.Response carl = first.passwordGrant("portal", "portal", "carl.consultant", Oidc.DEMO_PASSWORD);
        assertThat(Oidc.claims(carl.string("access_token"))).containsEntry("sites", List.of("acme-cardio-north"));
        String api = Portal.ADMIN_API + "sites/acme-cardio-north/grants";
        Map<String, Object> grant = other.send("GET", api, other.adminToken(), null).items().stream()
                .filter(item -> ((Map<?, ?>) item.get("subject")).get("name").equals("Partner Analysts")).findFirst().orElseThrow();
        try {
            Portal.expect(other.send("PUT", api + "/" + grant.get("id"), other.adminToken(), "{\"enabled\": false}"), 200);
            Oidc.Response refreshed = first.refresh("portal", "portal", carl.string("refresh_token"));
            assertThat(Oidc.claims(refreshed.string("access_token"))).containsEntry("sites", List.of());
        } finally {
            Portal.expect(first.send("PUT", api + "/" + grant.get("id"), first.adminToken(), "{\"enabled\": true}"), 200);
        }
    }

    @Test
    @DisplayName("Given two nodes and warm site caches on one, every site change made on the other is in the first's next token")
    void twoNodesAgreeOnEverySiteChange() {
        Oidc reader = new Oidc(server);
        Oidc writer = new Oidc(second);
        String admin = "admin/realms/portal/";
        Oidc.Response carl = reader.passwordGrant("portal", "portal", "carl.consultant", Oidc.DEMO_PASSWORD);
        Oidc.Response alice = reader.passwordGrant("portal", "portal", "alice.admin", Oidc.DEMO_PASSWORD);
        String[] carlRefresh = {carl.string("refresh_token")};
        String[] aliceRefresh = {alice.string("refresh_token")};
        java.util.function.Supplier<List<String>> carlSites = () -> {
            Oidc.Response refreshed = Portal.expect(reader.refresh("portal", "portal", carlRefresh[0]), 200);
            carlRefresh[0] = refreshed.string("refresh_token");
            return Portal.sites(Oidc.claims(refreshed.string("access_token")));
        };
        java.util.function.Supplier<List<String>> aliceSites = () -> {
            Oidc.Response refreshed = Portal.expect(reader.refresh("portal", "portal", aliceRefresh[0]), 200);
            aliceRefresh[0] = refreshed.string("refresh_token");
            return Portal.sites(Oidc.claims(refreshed.string("access_token")));
        };
        assertThat(carlSites.get()).containsExactly("acme-cardio-north");
        assertThat(aliceSites.get()).containsExactly("acme-cardio-north", "acme-cardio-south", "acme-rad-main");

        // a grant to the consultant, switched off, on, removed
        String south = Portal.ADMIN_API + "sites/acme-cardio-south/grants";
        String grant = Portal.expect(writer.send("POST", south, writer.adminToken(), "{\"email\": \"carl.consultant@partner.example\"}"), 201)
                .string("id");
        assertThat(carlSites.get()).as("granted on the other node").containsExactly("acme-cardio-north", "acme-cardio-south");
        Portal.expect(writer.send("PUT", south + "/" + grant, writer.adminToken(), "{\"enabled\": false}"), 200);
        assertThat(carlSites.get()).as("switched off on the other node").containsExactly("acme-cardio-north");
        Portal.expect(writer.send("PUT", south + "/" + grant, writer.adminToken(), "{\"enabled\": true}"), 200);
        assertThat(carlSites.get()).as("switched on again").containsExactly("acme-cardio-north", "acme-cardio-south");
        Portal.expect(writer.send("DELETE", south + "/" + grant, writer.adminToken(), null), 204);
        assertThat(carlSites.get()).as("removed on the other node").containsExactly("acme-cardio-north");

        // a consultant group holding a grant: joined, left
        String parent = (String) writer.get(admin + "group-by-path/consultant-groups", writer.adminToken()).body().get("id");
        Portal.expect(writer.send("POST", admin + "groups/" + parent + "/children", writer.adminToken(), "{\"name\": \"Cluster Analysts\"}"), 201);
        String group = (String) writer.get(admin + "group-by-path/consultant-groups/Cluster%20Analysts", writer.adminToken()).body().get("id");
        Portal.expect(writer.send("POST", Portal.ADMIN_API + "sites/acme-rad-main/grants", writer.adminToken(),
                "{\"group\": \"Cluster Analysts\"}"), 201);
        String carlId = (String) writer.get(admin + "users?exact=true&username=carl.consultant", writer.adminToken()).items().get(0).get("id");
        Portal.expect(writer.send("PUT", admin + "users/" + carlId + "/groups/" + group, writer.adminToken(), null), 204);
        assertThat(carlSites.get()).as("joined a granted group on the other node").containsExactly("acme-cardio-north", "acme-rad-main");
        Portal.expect(writer.send("DELETE", admin + "users/" + carlId + "/groups/" + group, writer.adminToken(), null), 204);
        assertThat(carlSites.get()).as("left it on the other node").containsExactly("acme-cardio-north");

        // a site created in a new department, granted, then the department removed with its sites
        String acme = (String) writer.get(admin + "organizations", writer.adminToken()).items().stream()
                .filter(organization -> "acme-health".equals(organization.get("alias"))).findFirst().orElseThrow().get("id");
        String department = Portal.expect(writer.send("POST", Portal.ADMIN_API + "accounts/" + acme + "/departments", writer.adminToken(),
                "{\"name\": \"Cluster Cardiology\"}"), 201).string("id");
        Portal.expect(writer.send("POST", Portal.ADMIN_API + "accounts/" + acme + "/departments/" + department + "/sites", writer.adminToken(),
                "{\"key\": \"acme-cluster-1\"}"), 201);
        assertThat(aliceSites.get()).as("a site created on the other node").contains("acme-cluster-1");
        Portal.expect(writer.send("POST", Portal.ADMIN_API + "sites/acme-cluster-1/grants", writer.adminToken(),
                "{\"group\": \"Partner Analysts\"}"), 201);
        assertThat(carlSites.get()).containsExactly("acme-cardio-north", "acme-cluster-1");
        Portal.expect(writer.send("DELETE", admin + "organizations/" + acme + "/groups/" + department, writer.adminToken(), null), 204);
        assertThat(carlSites.get()).as("its department removed on the other node").containsExactly("acme-cardio-north");
        assertThat(aliceSites.get()).doesNotContain("acme-cluster-1");

        // the group removed: its grants go with it
        Portal.expect(writer.send("POST", Portal.ADMIN_API + "sites/acme-cardio-south/grants", writer.adminToken(),
                "{\"group\": \"Cluster Analysts\"}"), 201);
        Portal.expect(writer.send("PUT", admin + "users/" + carlId + "/groups/" + group, writer.adminToken(), null), 204);
        assertThat(carlSites.get()).containsExactly("acme-cardio-north", "acme-cardio-south", "acme-rad-main");
        Portal.expect(writer.send("DELETE", admin + "groups/" + group, writer.adminToken(), null), 204);
        assertThat(carlSites.get()).as("the group removed on the other node").containsExactly("acme-cardio-north");
    }

    @Test
    @DisplayName("Soak: changes of eight kinds (grant, toggle off and on, removal, role approval and revocation, elevation start and revocation), each made on one node and read by the other's next token: no stale token")
    void soakOfChangesReadByTheOtherNode() {
        ClusterSoak.SoakResult soak = new ClusterSoak(server, second).soak(ClusterSoak.ITERATIONS);
        assertThat(soak.stale()).as("stale tokens in %d iterations", soak.iterations()).isEmpty();
    }

    /** Runs after every test that needs both nodes and before the restart, which then restarts the survivor alone. */
    @Test
    @Order(Integer.MAX_VALUE - 1)
    @DisplayName("SIGKILL of a node in the middle of a write loop: every acknowledged write is there once, the unanswered one at most once, the other node serves on")
    void killedMidWrites() throws Exception {
        KeycloakServer victim = second;
        ClusterSoak.KillResult kill;
        try {
            kill = new ClusterSoak(server, victim).killDuringWrites(victim, database);
        } finally {
            second = null;
            victim.stop();
        }
        assertThat(kill.refused()).as("writes refused before the kill").isEmpty();
        assertThat(kill.acknowledged()).as("acknowledged writes").hasSizeGreaterThanOrEqualTo(50);
        assertThat(kill.perKey()).as("rows per key in AMP_SITE").allSatisfy((key, rows) -> assertThat(rows).as(key).isEqualTo(1L));
        assertThat(kill.perKey().keySet()).as("rows found").containsAll(kill.acknowledged()).isSubsetOf(kill.sent());
        java.util.Set<String> unacknowledged = new java.util.HashSet<>(kill.perKey().keySet());
        kill.acknowledged().forEach(unacknowledged::remove);
        assertThat(unacknowledged).as("rows nobody acknowledged: at most the write in flight at the kill")
                .isSubsetOf(kill.unanswered() == null ? List.of() : List.of(kill.unanswered()));
        assertThat(kill.listedBySurvivor()).as("the sites the survivor lists").isEqualTo(kill.perKey().keySet());
    }
}
