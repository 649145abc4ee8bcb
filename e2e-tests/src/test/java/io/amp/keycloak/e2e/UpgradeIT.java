package io.amp.keycloak.e2e;

import io.amp.keycloak.client.AmpClient;
import io.amp.keycloak.client.representation.AccessRequest;
import io.amp.keycloak.client.representation.Comment;
import io.amp.keycloak.client.representation.Elevation;
import io.amp.keycloak.client.representation.Grant;
import io.amp.keycloak.client.representation.GrantSwitch;
import io.amp.keycloak.client.representation.NewAccessRequest;
import io.amp.keycloak.client.representation.Reason;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A database made by AMP 0.1.0, the first tagged version, upgrades to this one with its records
 * intact and usable. The predecessor's changelogs (test resources {@code predecessor/v0.1.0}, kept
 * exactly as tag {@code v0.1.0} shipped them, at their paths of then) go into a copy of the
 * installation in place of today's master changelogs, so that Keycloak itself creates the 0.1.0
 * schema and records it in its Liquibase tables as 0.1.0 did (the site tables' file has moved
 * since; its {@code logicalFilePath} must keep it counted). Rows are written in the 0.1.0 shape
 * (no pending-role rows, no open keys); then today's jars start on the same database, apply the
 * newer change sets, and the records are read and changed through today's API.
 *
 * <p>On Keycloak's dev-file H2 by default; {@code -Damp.upgrade.db=postgres} or {@code mariadb}
 * runs it there (skipped with a NOTICE where that server does not answer).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UpgradeIT {

    private static final String PREDECESSOR = "v0.1.0";
    /** Today's master changelog of each feature jar, and the predecessor's master that takes its place. */
    private static final Map<String, String> MASTERS = Map.of(
            "amp-access-requests-spi", "META-INF/amp-requests-changelog-master.xml=META-INF/amp-requests-changelog-master.xml",
            "amp-emergency-access-spi", "META-INF/amp-elevations-changelog-master.xml=META-INF/amp-elevations-changelog-master.xml",
            "amp-consultant-access-spi", "META-INF/amp-sites-changelog-master.xml=META-INF/amp-changelog-master.xml");
    private static final String SALES = "account-managers-and-sales-teams";

    private ScratchDatabase database;
    private KeycloakServer server;
    private final Map<String, String> ids = new HashMap<>();

    @BeforeAll
    void upgradeFromPredecessor() throws Exception {
        ScratchDatabase.Kind kind = ScratchDatabase.Kind.of(System.getProperty("amp.upgrade.db", "dev-file"));
        database = ScratchDatabase.createOrSkip(kind, "UpgradeIT");

        Path old = KeycloakServer.copyInstallation("upgrade-" + PREDECESSOR);
        installPredecessorChangelogs(old.resolve("providers"));
        Instant started = Instant.now();
        KeycloakServer predecessorSchema = KeycloakServer.startAnother(old, "keycloak-upgrade-" + PREDECESSOR + ".log", database.serverArgs());
        predecessorSchema.stopGracefully();
        System.out.printf("[UpgradeIT] %s schema created on %s in %d s%n", PREDECESSOR, database.where(),
                Duration.between(started, Instant.now()).toSeconds());
        writePredecessorRows();

        started = Instant.now();
        server = KeycloakServer.startAnother(KeycloakServer.copyInstallation("upgrade-current"), "keycloak-upgrade-current.log",
                database.serverArgs());
        System.out.printf("[UpgradeIT] upgraded by version %s in %d s%n", System.getProperty("amp.version"),
                Duration.between(started, Instant.now()).toSeconds());
    }

    @AfterAll
    void stopAndDrop() {
        ScratchDatabase.stopThenDrop(server, database);
    }

    @Test
    @Order(1)
    @DisplayName("Given a 0.1.0 database, then the upgrade applies exactly the newer change sets, each once, and none of 0.1.0 again")
    void appliesOnlyTheNewerChangeSets() throws SQLException {
        for (Map.Entry<String, String> table : Changelogs.MASTERS.entrySet()) {
            List<String> applied = database.rows("select ID from " + table.getKey() + " order by ORDEREXECUTED").stream()
                    .map(row -> row.get(0)).toList();
            assertThat(applied).as(table.getKey()).containsExactlyElementsOf(Changelogs.changeSetIds(table.getValue()));
        }
        assertThat(database.count("select count(*) from DATABASECHANGELOG_AMP_SITES where FILENAME = 'META-INF/amp-changelog/0.1.0-sites.xml'"))
                .as("the site tables' change set, still counted under the path 0.1.0 recorded").isEqualTo(1);
    }

    @Test
    @Order(2)
    @DisplayName("Given a site and a grant of 0.1.0, then the consultant's next token has the site, and the grant toggles")
    void siteAndGrant() {
        Oidc oidc = new Oidc(server);
        assertThat(Portal.sites(Oidc.claims(oidc.accessToken(Portal.REALM, "portal", "carl.consultant"))))
                .contains("acme-upgraded");
        var grants = amp().admin(Portal.REALM).consultantAccess().siteGrants("acme-upgraded");
        assertThat(grants.list()).singleElement().satisfies(grant -> {
            assertThat(grant.id()).isEqualTo(ids.get("grant"));
            assertThat(grant.subject().type()).isEqualTo("user");
            assertThat(grant.grantedBy()).isEqualTo("alice.admin");
            assertThat(grant.grantedAt()).isEqualTo(1_700_000_000_000L);
        });

        Grant off = grants.toggle(ids.get("grant"), new GrantSwitch(false));

        assertThat(off.enabled()).isFalse();
        assertThat(Portal.sites(Oidc.claims(oidc.accessToken(Portal.REALM, "portal", "carl.consultant"))))
                .doesNotContain("acme-upgraded");
    }

    @Test
    @Order(3)
    @DisplayName("Given a request pending in 0.1.0, then it still blocks a second one for the same role, and its approval grants the role")
    void pendingRequest() {
        Oidc oidc = new Oidc(server);
        var carla = amp().withToken(oidc.accessToken("workforce", "drchrono", "carla.cx")).realm("workforce").requests();
        var mia = amp().withToken(oidc.accessToken("workforce", "drchrono", "mia.manager")).realm("workforce").requests();
        assertThat(mia.pending()).extracting(AccessRequest::id).contains(ids.get("pending"));

        AmpApi.Refusal again = AmpApi.refusal(() -> carla.submit(new NewAccessRequest("sam.sales", "DrChrono", SALES,
                "drchrono-staging", List.of("sales-admin"), "again", null)));
        assertThat(again.status()).isEqualTo(409);

        AccessRequest approved = mia.approve(ids.get("pending"), new Reason("approved after the upgrade"));

        assertThat(approved).extracting(AccessRequest::status, AccessRequest::requester, AccessRequest::subject,
                AccessRequest::justification, AccessRequest::createdAt)
                .containsExactly("approved", "carla.cx", "sam.sales", "written by 0.1.0", 1_700_000_000_000L);
        assertThat(Elevations.permissions(Oidc.claims(oidc.accessToken("workforce", "drchrono-staging", "sam.sales"))))
                .contains("account-receivables-access", "sword-tools");
    }

    @Test
    @Order(4)
    @DisplayName("Given a denied request of 0.1.0, then its requester reads it with its decision")
    void deniedRequest() {
        Oidc oidc = new Oidc(server);
        var carla = amp().withToken(oidc.accessToken("workforce", "drchrono", "carla.cx")).realm("workforce").requests();

        assertThat(carla.mine()).filteredOn(request -> request.id().equals(ids.get("denied"))).singleElement()
                .extracting(AccessRequest::status, AccessRequest::decidedBy, AccessRequest::decisionReason, AccessRequest::decidedAt)
                .containsExactly("denied", "mia.manager", "not this quarter", 1_700_000_100_000L);
    }

    @Test
    @Order(5)
    @DisplayName("Given an ended emergency access of 0.1.0, then a reviewer sees it and acknowledges it once")
    void endedEmergencyAccess() {
        Oidc oidc = new Oidc(server);
        var rita = amp().withToken(oidc.accessToken(Elevations.REALM, Elevations.CLIENT, "rita.review")).realm(Elevations.REALM).elevations();
        assertThat(rita.emergencyAccesses()).filteredOn(record -> record.id().equals(ids.get("emergency"))).singleElement()
                .extracting(Elevation::status, Elevation::endCause, Elevation::user, Elevation::reason)
                .containsExactly("ended", "expired", "erin.er", "written by 0.1.0");

        Elevation acknowledged = rita.acknowledge(ids.get("emergency"), new Comment("seen after the upgrade"));

        assertThat(acknowledged.acknowledgedBy()).isEqualTo("rita.review");
        assertThat(AmpApi.refusal(() -> rita.acknowledge(ids.get("emergency"), Comment.none())).status()).isEqualTo(409);
    }

    @Test
    @Order(6)
    @DisplayName("Given a break-the-glass request pending in 0.1.0 whose session is gone, then the sweep ends it")
    void pendingBreakTheGlassSwept() throws Exception {
        Instant deadline = Instant.now().plusSeconds(30);
        List<List<String>> row;
        do {
            row = database.rows("select STATUS, END_CAUSE, OPEN_KEY from AMP_ELEVATION where ID = '" + ids.get("breakTheGlass") + "'");
            if ("ENDED".equals(row.get(0).get(0))) {
                break;
            }
            Thread.sleep(500);
        } while (Instant.now().isBefore(deadline));

        assertThat(row).singleElement().isEqualTo(Arrays.asList("ENDED", "SESSION_ENDED", null));
    }

    private AmpClient amp() {
        return AmpApi.on(server);
    }

    /** Puts the predecessor's master changelogs, and the files they include, into the feature jars of {@code providers}. */
    private static void installPredecessorChangelogs(Path providers) throws IOException, URISyntaxException {
        Path history = Path.of(UpgradeIT.class.getResource("/predecessor/" + PREDECESSOR).toURI());
        for (Map.Entry<String, String> feature : MASTERS.entrySet()) {
            String[] masters = feature.getValue().split("=");
            Path jar = onlyJar(providers, feature.getKey());
            try (FileSystem zip = FileSystems.newFileSystem(jar)) {
                Path oldMaster = history.resolve(masters[1]);
                Files.copy(oldMaster, zip.getPath(masters[0]), StandardCopyOption.REPLACE_EXISTING);
                for (String included : includes(oldMaster)) {
                    Path target = zip.getPath(included);
                    Files.createDirectories(target.getParent());
                    Files.copy(history.resolve(included), target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static Path onlyJar(Path providers, String artifactId) throws IOException {
        List<Path> jars = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(providers, artifactId + "{,-*}.jar")) {
            entries.forEach(jars::add);
        }
        assertThat(jars).as("%s in %s", artifactId, providers).hasSize(1);
        return jars.get(0);
    }

    private static Set<String> includes(Path master) throws IOException {
        Set<String> files = new TreeSet<>();
        java.util.regex.Matcher include = java.util.regex.Pattern.compile("<include\\s+file=\"([^\"]+)\"").matcher(Files.readString(master));
        while (include.find()) {
            files.add(include.group(1));
        }
        assertThat(files).as("includes of %s", master).isNotEmpty();
        return files;
    }

    /** Rows in the 0.1.0 shape (enum names in upper case, as 0.1.0 stored them), with ids of what the demo realms imported. */
    private void writePredecessorRows() throws SQLException {
        try (Connection sql = database.connect()) {
            String portal = one(sql, "select ID from REALM where NAME = ?", "portal");
            String workforce = one(sql, "select ID from REALM where NAME = ?", "workforce");
            String practice = one(sql, "select ID from REALM where NAME = ?", "practice");
            String acme = one(sql, "select ID from ORG where ALIAS = ? and REALM_ID = ?", "acme-health", portal);
            String carl = user(sql, portal, "carl.consultant");
            ids.put("site", UUID.randomUUID().toString());
            ids.put("grant", UUID.randomUUID().toString());
            insert(sql, "insert into AMP_SITE (ID, REALM_ID, ORGANIZATION_ID, DEPARTMENT_ID, SITE_KEY, NAME, CREATED_AT) values (?, ?, ?, ?, ?, ?, ?)",
                    ids.get("site"), portal, acme, Portal.CARDIOLOGY, "acme-upgraded", "Acme Upgraded", 1_700_000_000_000L);
            insert(sql, "insert into AMP_SITE_GRANT (ID, SITE_ID, SUBJECT_TYPE, SUBJECT_ID, ENABLED, GRANTED_BY, GRANTED_AT, UPDATED_AT)"
                            + " values (?, ?, ?, ?, ?, ?, ?, ?)",
                    ids.get("grant"), ids.get("site"), "USER", carl, true, "alice.admin", 1_700_000_000_000L, 1_700_000_000_000L);

            String staging = one(sql, "select ID from CLIENT where CLIENT_ID = ? and REALM_ID = ?", "drchrono-staging", workforce);
            String carla = user(sql, workforce, "carla.cx");
            String sam = user(sql, workforce, "sam.sales");
            String mia = user(sql, workforce, "mia.manager");
            ids.put("pending", UUID.randomUUID().toString());
            ids.put("denied", UUID.randomUUID().toString());
            String request = "insert into AMP_ACCESS_REQUEST (ID, REALM_ID, REQUESTER_ID, SUBJECT_ID, ORGANIZATION, DEPARTMENT, CLIENT_ID,"
                    + " ROLES, JUSTIFICATION, ENDS_AT, STATUS, DECIDED_BY, DECISION_REASON, CREATED_AT, DECIDED_AT, REMOVED_AT)"
                    + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
            insert(sql, request, ids.get("pending"), workforce, carla, sam, "DrChrono", SALES, staging, "sales-admin", "written by 0.1.0",
                    null, "PENDING", null, null, 1_700_000_000_000L, null, null);
            insert(sql, request, ids.get("denied"), workforce, carla, sam, "DrChrono", SALES, staging, "sales-admin", "written by 0.1.0",
                    null, "DENIED", mia, "not this quarter", 1_699_000_000_000L, 1_700_000_100_000L, null);

            String ehr = one(sql, "select ID from CLIENT where CLIENT_ID = ? and REALM_ID = ?", Elevations.CLIENT, practice);
            String erin = user(sql, practice, "erin.er");
            ids.put("emergency", UUID.randomUUID().toString());
            ids.put("breakTheGlass", UUID.randomUUID().toString());
            String elevation = "insert into AMP_ELEVATION (ID, REALM_ID, USER_ID, CLIENT_ID, SESSION_ID, KIND, REASON, DURATION_SECONDS,"
                    + " STATUS, REQUESTED_AT, STARTS_AT, ENDS_AT, ENDED_AT, END_CAUSE) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
            insert(sql, elevation, ids.get("emergency"), practice, erin, ehr, UUID.randomUUID().toString(), "EMERGENCY_ACCESS",
                    "written by 0.1.0", 3600L, "ENDED", 1_700_000_000_000L, 1_700_000_000_000L, 1_700_003_600_000L, 1_700_003_600_000L, "EXPIRED");
            insert(sql, elevation, ids.get("breakTheGlass"), practice, erin, ehr, UUID.randomUUID().toString(), "BREAK_THE_GLASS",
                    "written by 0.1.0", 1800L, "PENDING", System.currentTimeMillis(), null, null, null, null);
        }
    }

    private static String user(Connection sql, String realm, String username) throws SQLException {
        return one(sql, "select ID from USER_ENTITY where USERNAME = ? and REALM_ID = ?", username, realm);
    }

    private static String one(Connection sql, String query, String... parameters) throws SQLException {
        try (PreparedStatement statement = sql.prepareStatement(query)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            try (var result = statement.executeQuery()) {
                assertThat(result.next()).as("%s %s", query, List.of(parameters)).isTrue();
                return result.getString(1);
            }
        }
    }

    private static void insert(Connection sql, String statement, Object... values) throws SQLException {
        try (PreparedStatement insert = sql.prepareStatement(statement)) {
            for (int i = 0; i < values.length; i++) {
                insert.setObject(i + 1, values[i]);
            }
            assertThat(insert.executeUpdate()).isEqualTo(1);
        }
    }
}
