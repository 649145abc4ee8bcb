package io.amp.keycloak.e2e;

import org.assertj.core.api.SoftAssertions;
import org.keycloak.admin.client.resource.RealmResource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One AMP record of each kind, written through the APIs before a restart and read back through
 * them after it: a site with two grants (one switched off), a pending access request, an approved
 * one whose role has its end in {@code amp.role-expiry}, a pending break-the-glass request, and a
 * running emergency access. Each is read back as the same JSON the API gave before, the sessions
 * behind the elevations still refresh (with the elevation on the token), and every row of AMP's
 * tables, including those no API shows (the pending-role keys, the open keys of elevations), is
 * the same as before the stop.
 *
 * The records live on a scratch database that is dropped afterwards, so nothing is cleaned up.
 */
final class SurvivingRecords {

    private static final String REQUESTS = RaceScenarios.REQUESTS;
    private static final String ELEVATIONS = Elevations.API;
    private static final String CONSULTANT_ACCESS = Portal.ADMIN_API;
    private static final List<String> AMP_TABLES = List.of("AMP_SITE", "AMP_SITE_GRANT", "AMP_ACCESS_REQUEST",
            "AMP_ACCESS_REQUEST_PENDING", "AMP_ELEVATION");

    private final ScratchDatabase database;
    private final Map<String, List<List<String>>> rowsBefore;
    private final String acme;
    private final String siteKey;
    private final Map<String, Object> site;
    private final List<Map<String, Object>> grants;
    private final String consultant;
    private final String pendingSubject;
    private final Map<String, Object> pending;
    private final String approvedSubject;
    private final Map<String, Object> approved;
    private final List<String> roleExpiry;
    private final List<String> approvedPermissions;
    private final String requester;
    private final String requesterRefresh;
    private final Map<String, Object> breakTheGlass;
    private final String emergencyUser;
    private final String emergencyRefresh;
    private final Map<String, Object> emergency;

    /** Writes the records on {@code server}, which runs on {@code database}, and reads what the API and the tables hold of them. */
    SurvivingRecords(KeycloakServer server, ScratchDatabase database) throws SQLException {
        this.database = database;
        RaceScenarios fixtures = new RaceScenarios(server);
        Oidc oidc = fixtures.oidc();
        Cleanup none = new Cleanup();
        String admin = oidc.adminToken();

        // A site in Cardiology, granted to a consultant and, switched off, to a consultant group.
        acme = Portal.expect(oidc.send("GET", CONSULTANT_ACCESS + "accounts", admin, null), 200).items().stream()
                .filter(account -> "acme-health".equals(account.get("alias"))).findFirst().orElseThrow().get("id").toString();
        siteKey = Fixtures.uniqueName("restart-site");
        Portal.expect(oidc.send("POST", CONSULTANT_ACCESS + "accounts/" + acme + "/departments/" + Portal.CARDIOLOGY + "/sites", admin,
                "{\"key\": \"" + siteKey + "\", \"name\": \"Survives restarts\"}"), 201);
        String[] consultantIdAndEmail = fixtures.consultant(none);
        consultant = fixtures.realm(Portal.REALM).users().get(consultantIdAndEmail[0]).toRepresentation().getUsername();
        Portal.expect(oidc.send("POST", grantsPath(), admin, "{\"email\": \"" + consultantIdAndEmail[1] + "\"}"), 201);
        Portal.expect(oidc.send("POST", grantsPath(), admin, "{\"group\": \"Partner Analysts\", \"enabled\": false}"), 201);
        site = siteOf(oidc, admin);
        grants = grantsOf(oidc, admin);
        assertThat(grants).as("grants of %s", siteKey).hasSize(2);
        assertThat(Portal.sites(Oidc.claims(oidc.accessToken(Portal.REALM, "portal", consultant)))).as("the consultant's sites").contains(siteKey);

        // An access request left pending.
        pendingSubject = fixtures.salesMember(none, "restart.pending");
        Portal.expect(oidc.send("POST", REQUESTS, fixtures.workforceToken(pendingSubject),
                RaceScenarios.accessRequest(pendingSubject, "drchrono", "sales-user")), 201);
        pending = onlyRequestOf(oidc, fixtures, pendingSubject);

        // An access request approved with an end two hours away: the role counts, its end is on the user.
        approvedSubject = fixtures.salesMember(none, "restart.approved");
        long endsAt = System.currentTimeMillis() + Duration.ofHours(2).toMillis();
        String withEnd = RaceScenarios.accessRequest(approvedSubject, "drchrono", "sales-user").replaceFirst("}$", ", \"endsAt\": " + endsAt + "}");
        String requestId = Portal.expect(oidc.send("POST", REQUESTS, fixtures.workforceToken(approvedSubject), withEnd), 201).string("id");
        Portal.expect(oidc.send("POST", REQUESTS + "/" + requestId + "/approve", fixtures.workforceToken("mia.manager"),
                "{\"reason\": \"until the restart check ends\"}"), 200);
        approved = onlyRequestOf(oidc, fixtures, approvedSubject);
        assertThat(approved).containsEntry("status", "approved").containsEntry("endsAt", endsAt);
        roleExpiry = roleExpiryOf(fixtures.realm(RaceScenarios.WORKFORCE), approvedSubject);
        assertThat(roleExpiry).as("amp.role-expiry of %s", approvedSubject).singleElement().asString().endsWith("/sales-user@" + endsAt);
        approvedPermissions = permissionsOf(oidc.accessToken(RaceScenarios.WORKFORCE, "drchrono", approvedSubject));
        assertThat(approvedPermissions).as("permissions of %s while the role counts", approvedSubject).isNotEmpty();

        // A break-the-glass request waiting for its review, from a signed-in session.
        requester = fixtures.practiceUser(none);
        Oidc.Response session = fixtures.practiceSession(requester);
        requesterRefresh = session.string("refresh_token");
        Portal.expect(oidc.send("POST", ELEVATIONS + "break-the-glass", session.string("access_token"),
                "{\"reason\": \"Restart check: unconscious patient\", \"durationMinutes\": 30}"), 201);
        breakTheGlass = onlyElevationOf(oidc, session.string("access_token"));
        assertThat(breakTheGlass).containsEntry("status", "pending");

        // An emergency access through the login form: a running elevation and its session.
        emergencyUser = emergencyUser(fixtures, none);
        Browser browser = new Browser(server);
        Browser.Page end = browser.submit(browser.authorize(Elevations.REALM, Elevations.CLIENT), "kc-form-login",
                Elevations.loginForm(emergencyUser, "Restart check"), null, null);
        assertThat(end.code()).as("the emergency sign-in ends at the application, not on:%n%s", end.text()).isNotNull();
        Oidc.Response tokens = Portal.expect(oidc.authorizationCode(Elevations.REALM, Elevations.CLIENT, end.code()), 200);
        emergencyRefresh = tokens.string("refresh_token");
        emergency = onlyElevationOf(oidc, tokens.string("access_token"));
        assertThat(emergency).containsEntry("status", "active").containsEntry("kind", "emergency-access");
        assertThat(elevationIdOf(tokens.string("access_token"))).isEqualTo(emergency.get("id"));

        rowsBefore = ampRows();
    }

    /**
     * Reads every record back from {@code server}, the same installation restarted on the same
     * database. First it waits until the restarted server has swept the open elevations twice
     * (the sweep ends records whose session it cannot find), so that what is read is what the
     * server keeps, not what it has not looked at yet.
     */
    void readBack(KeycloakServer server) throws SQLException {
        awaitSweeps(server, 2);
        RaceScenarios fixtures = new RaceScenarios(server);
        Oidc oidc = fixtures.oidc();
        String admin = oidc.adminToken();
        SoftAssertions softly = new SoftAssertions();

        softly.assertThat(ampRows()).as("every row of AMP's tables, as before the stop").isEqualTo(rowsBefore);

        softly.assertThat(siteOf(oidc, admin)).as("site %s", siteKey).isEqualTo(site);
        softly.assertThat(grantsOf(oidc, admin)).as("grants of %s", siteKey).isEqualTo(grants);
        softly.assertThat(Portal.sites(Oidc.claims(oidc.accessToken(Portal.REALM, "portal", consultant))))
                .as("the granted consultant's sites").contains(siteKey);
        softly.assertThat(Portal.sites(Oidc.claims(oidc.accessToken(Portal.REALM, "portal", "carl.consultant"))))
                .as("sites of carl.consultant, whose group's grant is switched off").doesNotContain(siteKey);

        softly.assertThat(onlyRequestOf(oidc, fixtures, pendingSubject)).as("the pending access request").isEqualTo(pending);
        softly.assertThat(onlyRequestOf(oidc, fixtures, approvedSubject)).as("the approved access request").isEqualTo(approved);
        softly.assertThat(roleExpiryOf(fixtures.realm(RaceScenarios.WORKFORCE), approvedSubject)).as("amp.role-expiry").isEqualTo(roleExpiry);
        softly.assertThat(permissionsOf(oidc.accessToken(RaceScenarios.WORKFORCE, "drchrono", approvedSubject)))
                .as("permissions of %s, whose role has not ended", approvedSubject).isEqualTo(approvedPermissions);

        Oidc.Response emergencySession = oidc.refresh(Elevations.REALM, Elevations.CLIENT, emergencyRefresh);
        softly.assertThat(emergencySession.status()).as("refresh of the emergency session: %s", emergencySession.body()).isEqualTo(200);
        if (emergencySession.status() == 200) {
            softly.assertThat(elevationIdOf(emergencySession.string("access_token"))).as("the elevation on the refreshed token")
                    .isEqualTo(emergency.get("id"));
            softly.assertThat(onlyElevationOf(oidc, emergencySession.string("access_token"))).as("the emergency access").isEqualTo(emergency);
        }
        Oidc.Response active = Portal.expect(oidc.get(Elevations.ADMIN_API + "elevations/active", admin), 200);
        softly.assertThat(active.items()).extracting(item -> item.get("id")).as("running elevations").contains(emergency.get("id"));

        Oidc.Response requesterSession = oidc.refresh(Elevations.REALM, Elevations.CLIENT, requesterRefresh);
        softly.assertThat(requesterSession.status()).as("refresh of the break-the-glass requester's session: %s", requesterSession.body())
                .isEqualTo(200);
        String rita = oidc.accessToken(Elevations.REALM, Elevations.CLIENT, "rita.review");
        softly.assertThat(Portal.expect(oidc.get(ELEVATIONS + "break-the-glass/pending", rita), 200).items())
                .as("break-the-glass requests waiting for review").contains(breakTheGlass);
        if (requesterSession.status() == 200) {
            softly.assertThat(onlyElevationOf(oidc, requesterSession.string("access_token"))).as("the break-the-glass request")
                    .isEqualTo(breakTheGlass);
        }
        softly.assertAll();

        // What the surviving rows are for: the pending key still refuses a second request, and the
        // pending break-the-glass request can still be approved, elevating its session.
        Oidc.Response again = oidc.send("POST", REQUESTS, fixtures.workforceToken(pendingSubject),
                RaceScenarios.accessRequest(pendingSubject, "drchrono", "sales-user"));
        assertThat(again.status()).as("the same request again, while the first is pending: %s", again.body()).isEqualTo(409);
        Portal.expect(oidc.send("POST", ELEVATIONS + "break-the-glass/" + breakTheGlass.get("id") + "/approve", rita,
                "{\"comment\": \"approved after the restart\"}"), 200);
        Oidc.Response elevated = Portal.expect(oidc.refresh(Elevations.REALM, Elevations.CLIENT, requesterSession.string("refresh_token")), 200);
        assertThat(elevationIdOf(elevated.string("access_token"))).as("the approved elevation on the requester's next token")
                .isEqualTo(breakTheGlass.get("id"));
    }

    /** Every row of every AMP table, table by table, ordered by the first column (each table's key). */
    private Map<String, List<List<String>>> ampRows() throws SQLException {
        Map<String, List<List<String>>> rows = new LinkedHashMap<>();
        for (String table : AMP_TABLES) {
            rows.put(table, database.rows("select * from " + table + " order by 1"));
        }
        return rows;
    }

    /**
     * Waits until the server's log shows {@code count} runs of the elevation sweep (its query of
     * open records, logged by Keycloak's timer thread): each run began after the previous one ended.
     */
    private static void awaitSweeps(KeycloakServer server, int count) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        long seen;
        do {
            seen = readLog(server.log()).lines()
                    .filter(line -> line.contains("(Timer-") && line.contains("from AMP_ELEVATION") && line.contains("('ACTIVE','PENDING')"))
                    .count();
            if (seen >= count) {
                return;
            }
            pause();
        } while (System.nanoTime() < deadline);
        throw new AssertionError("The restarted server swept the elevations " + seen + " times in 60 s, not " + count
                + " (is the sweep's query still logged as 'from AMP_ELEVATION ... in ('ACTIVE','PENDING')'?)");
    }

    private static String readLog(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String grantsPath() {
        return CONSULTANT_ACCESS + "sites/" + siteKey + "/grants";
    }

    private Map<String, Object> siteOf(Oidc oidc, String admin) {
        return Portal.expect(oidc.send("GET", CONSULTANT_ACCESS + "accounts/" + acme + "/sites", admin, null), 200).items().stream()
                .filter(item -> siteKey.equals(item.get("key"))).findFirst()
                .orElseThrow(() -> new AssertionError("No site " + siteKey + " in the account's sites"));
    }

    private List<Map<String, Object>> grantsOf(Oidc oidc, String admin) {
        return Portal.expect(oidc.send("GET", grantsPath(), admin, null), 200).items().stream()
                .sorted(Comparator.comparing(grant -> grant.get("id").toString())).toList();
    }

    /** The one access request of a user, as its subject sees it in {@code mine}. */
    private static Map<String, Object> onlyRequestOf(Oidc oidc, RaceScenarios fixtures, String subject) {
        List<Map<String, Object>> mine = Portal.expect(oidc.send("GET", REQUESTS + "/mine", fixtures.workforceToken(subject), null), 200).items();
        assertThat(mine).as("access requests of %s", subject).hasSize(1);
        return mine.get(0);
    }

    /** The one elevation record of the token's user, as {@code mine} shows it. */
    private static Map<String, Object> onlyElevationOf(Oidc oidc, String accessToken) {
        List<Map<String, Object>> mine = Portal.expect(oidc.send("GET", ELEVATIONS + "mine", accessToken, null), 200).items();
        assertThat(mine).as("elevation records of the user").hasSize(1);
        return mine.get(0);
    }

    private static List<String> roleExpiryOf(RealmResource realm, String username) {
        String id = realm.users().searchByUsername(username, true).get(0).getId();
        Map<String, List<String>> attributes = realm.users().get(id).toRepresentation().getAttributes();
        return attributes == null ? List.of() : attributes.getOrDefault("amp.role-expiry", List.of());
    }

    @SuppressWarnings("unchecked")
    private static List<String> permissionsOf(String accessToken) {
        return (List<String>) Oidc.claims(accessToken).getOrDefault("permissions", List.of());
    }

    private static Object elevationIdOf(String accessToken) {
        Map<String, Object> elevation = Elevations.elevation(Oidc.claims(accessToken));
        return elevation == null ? null : elevation.get("id");
    }

    /** A practice provider holding emergency-access on ehr; returns the username. */
    private static String emergencyUser(RaceScenarios fixtures, Cleanup none) {
        String username = Fixtures.uniqueName("restart.emergency");
        RealmResource practice = fixtures.realm(Elevations.REALM);
        Fixtures users = new Fixtures(practice, none);
        String id = users.user(username, Map.of("user-type", List.of("provider")));
        practice.users().get(id).roles().clientLevel(users.clientUuid(Elevations.CLIENT)).add(users.clientRoles(Elevations.CLIENT, "emergency-access"));
        return username;
    }
}
