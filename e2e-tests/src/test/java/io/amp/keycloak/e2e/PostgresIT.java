package io.amp.keycloak.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same installation on PostgreSQL (127.0.0.1:5432, user postgres), in a database of its own
 * that the test creates and drops, as a cluster of two nodes (Keycloak's own Infinispan, nodes
 * found through the database, transport on loopback): AMP's Liquibase changelog runs there, the
 * demo sites arrive, removing owners leaves no orphan row (checked with SQL), and what one node
 * grants or revokes the other's next token shows. The race scenarios of {@link RaceIT} run here
 * too, since locks, isolation and unique constraints behave differently on PostgreSQL than on H2.
 * Where no PostgreSQL answers, the tests are skipped with a notice.
 */
class PostgresIT {

    private static final String HOST = System.getProperty("amp.postgres.url", "jdbc:postgresql://127.0.0.1:5432/");
    private static final String USER = System.getProperty("amp.postgres.user", "postgres");
    private static final String PASSWORD = System.getProperty("amp.postgres.password", "postgres");

    private static String database;
    private static KeycloakServer server;
    private static KeycloakServer second;

    @BeforeAll
    static void startOnPostgres() throws Exception {
        try (Connection connection = DriverManager.getConnection(HOST + "postgres", USER, PASSWORD)) {
            database = "amp_e2e_" + UUID.randomUUID().toString().substring(0, 8);
            try (Statement statement = connection.createStatement()) {
                statement.execute("create database " + database);
            }
        } catch (SQLException e) {
            System.out.println("NOTICE: PostgreSQL is not reachable at " + HOST + " (" + e.getMessage() + "): PostgresIT is skipped");
            Assumptions.abort("PostgreSQL not reachable at " + HOST);
        }
        Path home = Path.of(System.getProperty("amp.keycloak.home")).toAbsolutePath();
        // Copies of their own: the database kind is a build option, and rebuilding the installation
        // the main suite server runs from would pull it from under that server; one per node, since
        // a node rebuilds its installation when it starts. The second node starts once the first has
        // imported the demo realms. Like nodes behind one load balancer they share one public URL
        // (the first node's), so that tokens of either node are valid at both.
        server = node(home, "postgres", List.of());
        String url = server.baseUri().toString();
        second = node(home, "postgres-2", List.of("--hostname=" + url.substring(0, url.length() - 1),
                "--hostname-backchannel-dynamic=true"));
    }

    private static KeycloakServer node(Path home, String name, List<String> extra) throws IOException {
        Path copy = home.resolveSibling(home.getFileName() + "-" + name);
        copyTree(home, copy);
        int clusterPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            clusterPort = socket.getLocalPort();
        }
        List<String> args = new java.util.ArrayList<>(List.of("--db=postgres",
                "--db-url=" + HOST + database, "--db-username=" + USER, "--db-password=" + PASSWORD,
                "--cache=ispn", "--cache-stack=jdbc-ping", "--cache-embedded-network-bind-address=127.0.0.1",
                "--cache-embedded-network-bind-port=" + clusterPort));
        args.addAll(extra);
        return KeycloakServer.startAnother(copy, "keycloak-" + name + ".log", args);
    }

    @AfterAll
    static void stopAndDrop() throws SQLException {
        if (second != null) {
            second.stop();
        }
        if (server != null) {
            server.stop();
        }
        if (database != null) {
            try (Connection connection = DriverManager.getConnection(HOST + "postgres", USER, PASSWORD);
                 Statement statement = connection.createStatement()) {
                statement.execute("drop database if exists " + database + " with (force)");
            }
        }
    }

    private static long count(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(HOST + database, USER, PASSWORD);
             Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }

    private static long orphans() throws SQLException {
        return count("select count(*) from AMP_SITE_GRANT g where not exists (select 1 from AMP_SITE s where s.ID = g.SITE_ID)"
                + " or (g.SUBJECT_TYPE = 'USER' and not exists (select 1 from USER_ENTITY u where u.ID = g.SUBJECT_ID))"
                + " or (g.SUBJECT_TYPE = 'GROUP' and not exists (select 1 from KEYCLOAK_GROUP k where k.ID = g.SUBJECT_ID))")
                + count("select count(*) from AMP_SITE s where not exists (select 1 from KEYCLOAK_GROUP k where k.ID = s.DEPARTMENT_ID)"
                + " or not exists (select 1 from ORG o where o.ID = s.ORGANIZATION_ID)");
    }

    @Test
    @DisplayName("Given PostgreSQL, then AMP's changelog ran and the demo sites and grant were imported")
    void changelogAndImport() throws SQLException {
        assertThat(count("select count(*) from DATABASECHANGELOG_AMP_SITES where ID = '0.1.0-sites'")).isEqualTo(1);
        assertThat(count("select count(*) from AMP_SITE")).isEqualTo(4);
        assertThat(count("select count(*) from AMP_SITE_GRANT")).isEqualTo(1);
        assertThat(Oidc.claims(new Oidc(server).accessToken("portal", "portal", "carl.consultant")))
                .containsEntry("sites", List.of("acme-cardio-north"));
    }

    @Test
    @DisplayName("Given PostgreSQL, when a granted consultant and a department with a granted site are removed, then no orphan row remains")
    void noOrphans() throws SQLException {
        Oidc oidc = new Oidc(server);
        String admin = oidc.adminToken();
        String api = Portal.ADMIN_API;
        String consultantId = createConsultant(oidc, admin);
        Portal.expect(oidc.send("POST", api + "sites/acme-rad-main/grants", admin, "{\"email\": \"pg.consultant@example.com\"}"), 201);
        String acme = oidc.send("GET", api + "accounts", admin, null).items().stream()
                .filter(account -> "acme-health".equals(account.get("alias"))).findFirst().orElseThrow().get("id").toString();
        String department = Portal.expect(oidc.send("POST", api + "accounts/" + acme + "/departments", admin, "{\"name\": \"Short-lived\"}"), 201)
                .string("id");
        Portal.expect(oidc.send("POST", api + "accounts/" + acme + "/departments/" + department + "/sites", admin, "{\"key\": \"pg-site\"}"), 201);
        Portal.expect(oidc.send("POST", api + "sites/pg-site/grants", admin, "{\"group\": \"Partner Analysts\"}"), 201);
        assertThat(count("select count(*) from AMP_SITE_GRANT")).isEqualTo(3);

        Portal.expect(oidc.send("DELETE", "admin/realms/portal/users/" + consultantId, admin, null), 204);
        Portal.expect(oidc.send("DELETE", "admin/realms/portal/organizations/" + acme + "/groups/" + department, admin, null), 204);

        assertThat(count("select count(*) from AMP_SITE_GRANT")).isEqualTo(1);
        assertThat(count("select count(*) from AMP_SITE where SITE_KEY = 'pg-site'")).isZero();
        assertThat(orphans()).isZero();
    }

    @Test
    @DisplayName("Given PostgreSQL, an emergency access through the login form is recorded, and logout ends the record")
    void elevationRecords() throws SQLException {
        assertThat(count("select count(*) from DATABASECHANGELOG_AMP_ELEVAT where ID = '0.1.0-elevations'")).isEqualTo(1);
        Oidc oidc = new Oidc(server);
        Browser browser = new Browser(server);
        Browser.Page end = browser.submit(browser.authorize("practice", "ehr"), "kc-form-login",
                Elevations.loginForm("erin.er", "PostgreSQL check"), null, null);
        Oidc.Response tokens = oidc.authorizationCode("practice", "ehr", end.code());
        assertThat(Oidc.claims(tokens.string("access_token"))).containsKey("elevation");
        assertThat(count("select count(*) from AMP_ELEVATION where KIND = 'EMERGENCY_ACCESS' and STATUS = 'ACTIVE'"
                + " and REASON = 'PostgreSQL check'")).isEqualTo(1);

        oidc.logout("practice", "ehr", tokens.string("refresh_token"));
        assertThat(count("select count(*) from AMP_ELEVATION where STATUS = 'ENDED' and END_CAUSE = 'SESSION_ENDED'"
                + " and ENDED_AT is not null and REASON = 'PostgreSQL check'")).isEqualTo(1);
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
    @DisplayName("PostgreSQL: 50 concurrent approve/deny of one access request: one 200, 49 409, record = effect, one UPDATE event")
    void accessRequestDecisionRace() {
        new RaceScenarios(server).accessRequestDecisions(50);
    }

    @Test
    @DisplayName("PostgreSQL: 50 concurrent approve/deny of one break-the-glass request: one winner, elevated <=> approved, one decision event")
    void breakTheGlassDecisionRace() {
        new RaceScenarios(server).breakTheGlassDecisions(50);
    }

    @Test
    @DisplayName("PostgreSQL: 20 concurrent submissions of one access request, of one break-the-glass request: one pending each; 10 emergency sign-ins: all succeed, one running")
    void submissionRaces() {
        RaceScenarios races = new RaceScenarios(server);
        races.accessRequestSubmissions(20);
        races.breakTheGlassSubmissions(20);
        races.emergencyLogins(10);
    }

    @Test
    @DisplayName("PostgreSQL: 50 concurrent grant/toggle/remove calls on one grant, and two DELETEs: the state of a committed call, 204 then 404")
    void grantRaces() {
        RaceScenarios races = new RaceScenarios(server);
        races.grantStorm(50);
        races.concurrentGrantDeletes();
        races.sequentialGrantDeletes();
    }

    private static String createConsultant(Oidc oidc, String admin) {
        Portal.expect(oidc.send("POST", "admin/realms/portal/users", admin,
                "{\"username\": \"pg.consultant\", \"email\": \"pg.consultant@example.com\", \"enabled\": true}"), 201);
        Map<String, Object> user = oidc.send("GET", "admin/realms/portal/users?username=pg.consultant&exact=true", admin, null).items().get(0);
        String id = user.get("id").toString();
        Map<String, Object> role = oidc.send("GET", "admin/realms/portal/roles/btt-consultant", admin, null).body();
        Portal.expect(oidc.send("POST", "admin/realms/portal/users/" + id + "/role-mappings/realm", admin,
                "[{\"id\": \"" + role.get("id") + "\", \"name\": \"btt-consultant\"}]"), 204);
        return id;
    }

    private static void copyTree(Path from, Path to) {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : (Iterable<Path>) paths::iterator) {
                Path relative = from.relativize(source);
                if (relative.startsWith("data/h2") || relative.startsWith("data/tmp")) {
                    continue;
                }
                Path target = to.resolve(relative);
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
