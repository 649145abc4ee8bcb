package io.amp.keycloak.e2e;

import io.amp.keycloak.client.representation.Name;
import io.amp.keycloak.client.representation.NewGrant;
import io.amp.keycloak.client.representation.NewSite;
import io.amp.keycloak.client.resource.ConsultantAccessResource;
import io.amp.keycloak.client.resource.DepartmentsResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What AMP promises on every database it runs on, checked on a server of the installation that
 * runs on a scratch database of one kind (a subclass names it): AMP's Liquibase changelogs apply
 * to the empty database, its tables carry exactly the keys, indexes and foreign keys the
 * changelogs declare (so they are the same on every database), the demo sites arrive, removing
 * owners leaves no orphan row (checked with SQL), an emergency access is recorded and ended, and,
 * last, a restart on the same database re-applies no changelog and loses no AMP record
 * ({@link SurvivingRecords}).
 *
 * The server starts once per class (Keycloak takes 40-60 s), and restarts once, in the last test.
 * Where the database does not answer, every test of the class is skipped with a NOTICE.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class DatabaseContract {

    private static final String LIQUIBASE_COLUMNS = "ID, AUTHOR, FILENAME, DATEEXECUTED, ORDEREXECUTED, EXECTYPE, MD5SUM";

    protected ScratchDatabase database;
    /** The server under test; the restart replaces it. */
    protected KeycloakServer server;

    /** The kind of database this class runs on. */
    protected abstract ScratchDatabase.Kind kind();

    /** Options of the server beyond the database's own, e.g. those of a cluster node. */
    protected List<String> serverArgs() {
        return List.of();
    }

    /** Stops what else the subclass started on the database (other nodes), before the restart. */
    protected void stopOthers() {
    }

    /** The name of the installation copy and of the server's log. */
    protected String serverName() {
        return kind().label;
    }

    @BeforeAll
    void startOnScratchDatabase() {
        database = ScratchDatabase.createOrSkip(kind(), getClass().getSimpleName());
        List<String> args = new ArrayList<>(database.serverArgs());
        args.addAll(serverArgs());
        Instant started = Instant.now();
        server = KeycloakServer.startAnother(KeycloakServer.copyInstallation(serverName()), "keycloak-" + serverName() + ".log", args);
        System.out.printf("[%s] installation copied and Keycloak started on %s in %d s%n", getClass().getSimpleName(), database.where(),
                Duration.between(started, Instant.now()).toSeconds());
    }

    @AfterAll
    void stopAndDrop() {
        try {
            stopOthers();
        } finally {
            ScratchDatabase.stopThenDrop(server, database);
        }
    }

    @Test
    @Order(1)
    @DisplayName("AMP's changelogs applied to the empty database: each Liquibase table holds exactly the change sets of its files, every AMP table exists")
    void changelogsApplied() throws SQLException, IOException {
        for (Map.Entry<String, String> master : Changelogs.MASTERS.entrySet()) {
            List<String> applied = database.rows("select ID from " + master.getKey() + " order by ORDEREXECUTED").stream()
                    .map(row -> row.get(0)).toList();
            assertThat(applied).as("change sets in %s", master.getKey()).isEqualTo(Changelogs.changeSetIds(master.getValue()));
        }
        try (Connection connection = database.connect()) {
            assertThat(Changelogs.tablesIn(connection)).as("AMP tables").isEqualTo(Changelogs.tables());
        }
        List<String> log = Files.readAllLines(server.log());
        for (String master : Changelogs.MASTERS.values()) {
            assertThat(log).as("the first start's log").anyMatch(line -> line.contains("Initializing database schema. Using changelog " + master));
        }
    }

    @Test
    @Order(1)
    @DisplayName("The demo sites and grant were imported: four sites, one grant, in carl.consultant's token")
    void demoImported() throws SQLException {
        assertThat(database.count("select count(*) from AMP_SITE")).isEqualTo(4);
        assertThat(database.count("select count(*) from AMP_SITE_GRANT")).isEqualTo(1);
        assertThat(Oidc.claims(new Oidc(server).accessToken("portal", "portal", "carl.consultant")))
                .containsEntry("sites", List.of("acme-cardio-north"));
    }

    @Test
    @Order(1)
    @DisplayName("AMP's tables carry exactly the primary keys, unique constraints, indexes (table, columns, unique) and foreign keys its changelogs declare")
    void keysAndIndexesAsDeclared() throws SQLException {
        try (Connection connection = database.connect()) {
            Set<Changelogs.Index> madeForForeignKeys = new TreeSet<>();
            assertThat(Changelogs.indexesIn(connection, madeForForeignKeys)).as("keys and indexes of AMP's tables on %s", kind().label)
                    .containsExactlyElementsOf(Changelogs.indexes());
            assertThat(Changelogs.foreignKeysIn(connection)).as("foreign keys of AMP's tables on %s", kind().label)
                    .containsExactlyElementsOf(Changelogs.foreignKeys());
            madeForForeignKeys.forEach(index -> System.out.printf("[schema] %s made an index of its own for a foreign key: %s%n",
                    kind().label, index));
        }
    }

    @Test
    @DisplayName("When a granted consultant and a department with a granted site are removed, then no orphan row remains")
    void noOrphans() throws SQLException {
        Oidc oidc = new Oidc(server);
        String admin = oidc.adminToken();
        ConsultantAccessResource api = AmpApi.on(server).admin(Portal.REALM).consultantAccess();
        String consultant = Fixtures.uniqueName("db.consultant");
        String email = consultant + "@example.com";
        String consultantId = createConsultant(oidc, admin, consultant, email);
        long grantsBefore = database.count("select count(*) from AMP_SITE_GRANT");
        Portal.answer(201, () -> api.siteGrants("acme-rad-main").grant(NewGrant.toConsultant(email)));
        String acme = api.accounts().list().stream().filter(account -> "acme-health".equals(account.alias())).findFirst().orElseThrow().id();
        DepartmentsResource departments = api.accounts().get(acme).departments();
        String department = Portal.answer(201, () -> departments.create(new Name(Fixtures.uniqueName("Short-lived")))).id();
        String siteKey = Fixtures.uniqueName("db-site");
        Portal.answer(201, () -> departments.createSite(department, new NewSite(siteKey, null)));
        Portal.answer(201, () -> api.siteGrants(siteKey).grant(NewGrant.toGroup("Partner Analysts")));
        assertThat(database.count("select count(*) from AMP_SITE_GRANT")).isEqualTo(grantsBefore + 2);

        // Keycloak's own admin API removes the user and the department.
        Portal.expect(oidc.send("DELETE", "admin/realms/portal/users/" + consultantId, admin, null), 204);
        Portal.expect(oidc.send("DELETE", "admin/realms/portal/organizations/" + acme + "/groups/" + department, admin, null), 204);

        assertThat(database.count("select count(*) from AMP_SITE_GRANT")).isEqualTo(grantsBefore);
        assertThat(database.count("select count(*) from AMP_SITE where SITE_KEY = '" + siteKey + "'")).isZero();
        assertThat(orphans()).isZero();
    }

    @Test
    @DisplayName("An emergency access through the login form is recorded, and logout ends the record")
    void elevationRecords() throws SQLException {
        String reason = kind().label + " check";
        Oidc oidc = new Oidc(server);
        Browser browser = new Browser(server);
        Browser.Page end = browser.submit(browser.authorize("practice", "ehr"), "kc-form-login",
                Elevations.loginForm("erin.er", reason), null, null);
        Oidc.Response tokens = oidc.authorizationCode("practice", "ehr", end.code());
        assertThat(Oidc.claims(tokens.string("access_token"))).containsKey("elevation");
        assertThat(database.count("select count(*) from AMP_ELEVATION where KIND = 'EMERGENCY_ACCESS' and STATUS = 'ACTIVE'"
                + " and REASON = '" + reason + "'")).isEqualTo(1);

        oidc.logout("practice", "ehr", tokens.string("refresh_token"));
        assertThat(database.count("select count(*) from AMP_ELEVATION where STATUS = 'ENDED' and END_CAUSE = 'SESSION_ENDED'"
                + " and ENDED_AT is not null and REASON = '" + reason + "'")).isEqualTo(1);
    }

    /**
     * Issue 14, "Build" 1 and 3, in one restart (the slowest step of all): one AMP record of each kind
     * is written, the server is stopped with SIGTERM and started again on the same database. The
     * changelogs re-apply as a no-op (Liquibase's rows unchanged, no changelog named in the log)
     * and every record reads back as it was.
     */
    @Test
    @Order(Integer.MAX_VALUE)
    @DisplayName("After a restart on the same database, no AMP change set runs again and every AMP record is read back as it was")
    void survivesRestart() throws SQLException, IOException {
        SurvivingRecords records = new SurvivingRecords(server, database);
        Map<String, List<List<String>>> liquibaseBefore = liquibaseRows();

        stopOthers();
        Instant stopped = Instant.now();
        server = server.restart("keycloak-" + serverName() + "-restarted.log");
        System.out.printf("[%s] restarted on %s in %d s%n", getClass().getSimpleName(), database.where(),
                Duration.between(stopped, Instant.now()).toSeconds());

        assertThat(liquibaseRows()).as("rows of AMP's Liquibase tables after the restart").isEqualTo(liquibaseBefore);
        assertThat(Files.readAllLines(server.log())).as("the restarted server's log")
                .noneMatch(line -> line.contains("Using changelog META-INF/amp-"))
                .anyMatch(line -> line.contains("started in"));
        records.readBack(server);
    }

    private Map<String, List<List<String>>> liquibaseRows() throws SQLException {
        Map<String, List<List<String>>> rows = new LinkedHashMap<>();
        for (String table : Changelogs.MASTERS.keySet()) {
            rows.put(table, database.rows("select " + LIQUIBASE_COLUMNS + " from " + table + " order by ORDEREXECUTED"));
        }
        return rows;
    }

    private long orphans() throws SQLException {
        return database.count("select count(*) from AMP_SITE_GRANT g where not exists (select 1 from AMP_SITE s where s.ID = g.SITE_ID)"
                + " or (g.SUBJECT_TYPE = 'USER' and not exists (select 1 from USER_ENTITY u where u.ID = g.SUBJECT_ID))"
                + " or (g.SUBJECT_TYPE = 'GROUP' and not exists (select 1 from KEYCLOAK_GROUP k where k.ID = g.SUBJECT_ID))")
                + database.count("select count(*) from AMP_SITE s where not exists (select 1 from KEYCLOAK_GROUP k where k.ID = s.DEPARTMENT_ID)"
                + " or not exists (select 1 from ORG o where o.ID = s.ORGANIZATION_ID)");
    }

    /** A portal consultant (BTT Consultant, level 90) with the given email; returns the id. */
    private static String createConsultant(Oidc oidc, String admin, String username, String email) {
        Portal.expect(oidc.send("POST", "admin/realms/portal/users", admin,
                "{\"username\": \"" + username + "\", \"email\": \"" + email + "\", \"enabled\": true}"), 201);
        Map<String, Object> user = oidc.send("GET", "admin/realms/portal/users?username=" + username + "&exact=true", admin, null).items().get(0);
        String id = user.get("id").toString();
        Map<String, Object> role = oidc.send("GET", "admin/realms/portal/roles/btt-consultant", admin, null).body();
        Portal.expect(oidc.send("POST", "admin/realms/portal/users/" + id + "/role-mappings/realm", admin,
                "[{\"id\": \"" + role.get("id") + "\", \"name\": \"btt-consultant\"}]"), 204);
        return id;
    }
}
