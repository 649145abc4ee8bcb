package io.amp.keycloak.e2e;

import io.amp.keycloak.client.AmpClient;
import io.amp.keycloak.client.representation.AccessRequest;
import io.amp.keycloak.client.representation.Comment;
import io.amp.keycloak.client.representation.Elevation;
import io.amp.keycloak.client.representation.Grant;
import io.amp.keycloak.client.representation.NewBreakTheGlass;
import io.amp.keycloak.client.representation.NewGrant;
import io.amp.keycloak.client.representation.NewSite;
import io.amp.keycloak.client.representation.Reason;
import io.amp.keycloak.client.representation.Site;
import io.amp.keycloak.client.resource.AccessRequestsResource;
import io.amp.keycloak.client.resource.ConsultantAccessResource;
import io.amp.keycloak.client.resource.ElevationsResource;
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
 * running emergency access. Each is read back as the same record the API gave before, the sessions
 * behind the elevations still refresh (with the elevation on the token), and every row of AMP's
 * tables, including those no API shows (the pending-role keys, the open keys of elevations), is
 * the same as before the stop.
 *
 * The records live on a scratch database that is dropped afterwards, so nothing is cleaned up.
 */
final class SurvivingRecords {

    private static final List<String> AMP_TABLES = List.of("AMP_SITE", "AMP_SITE_GRANT", "AMP_ACCESS_REQUEST",
            "AMP_ACCESS_REQUEST_PENDING", "AMP_ELEVATION");

    private final ScratchDatabase database;
    private final Map<String, List<List<String>>> rowsBefore;
    private final String acme;
    private final String siteKey;
    private final Site site;
    private final List<Grant> grants;
    private final String consultant;
    private final String pendingSubject;
    private final AccessRequest pending;
    private final String approvedSubject;
    private final AccessRequest approved;
    private final List<String> roleExpiry;
    private final List<String> approvedPermissions;
    private final String requester;
    private final String requesterRefresh;
    private final Elevation breakTheGlass;
    private final String emergencyUser;
    private final String emergencyRefresh;
    private final Elevation emergency;

    /** Writes the records on {@code server}, which runs on {@code database}, and reads what the API and the tables hold of them. */
    SurvivingRecords(KeycloakServer server, ScratchDatabase database) throws SQLException {
        this.database = database;
        RaceScenarios fixtures = new RaceScenarios(server);
        Oidc oidc = fixtures.oidc();
        AmpClient amp = AmpApi.on(server);
        Cleanup none = new Cleanup();

        // A site in Cardiology, granted to a consultant and, switched off, to a consultant group.
        ConsultantAccessResource admin = amp.admin(Portal.REALM).consultantAccess();
        acme = Portal.answer(200, () -> admin.accounts().list()).stream().filter(account -> "acme-health".equals(account.alias()))
                .findFirst().orElseThrow().id();
        siteKey = Fixtures.uniqueName("restart-site");
        Portal.answer(201, () -> admin.accounts().get(acme).departments().createSite(Portal.CARDIOLOGY, new NewSite(siteKey, "Survives restarts")));
        String[] consultantIdAndEmail = fixtures.consultant(none);
        consultant = fixtures.realm(Portal.REALM).users().get(consultantIdAndEmail[0]).toRepresentation().getUsername();
        Portal.answer(201, () -> admin.siteGrants(siteKey).grant(NewGrant.toConsultant(consultantIdAndEmail[1])));
        Portal.answer(201, () -> admin.siteGrants(siteKey).grant(new NewGrant("Partner Analysts", null, false)));
        site = siteOf(amp);
        grants = grantsOf(amp);
        assertThat(grants).as("grants of %s", siteKey).hasSize(2);
        assertThat(Portal.sites(Oidc.claims(oidc.accessToken(Portal.REALM, "portal", consultant)))).as("the consultant's sites").contains(siteKey);

        // An access request left pending.
        pendingSubject = fixtures.salesMember(none, "restart.pending");
        Portal.answer(201, () -> requests(amp, fixtures.workforceToken(pendingSubject))
                .submit(RaceScenarios.newAccessRequest(pendingSubject, "drchrono", "sales-user")));
        pending = onlyRequestOf(amp, fixtures, pendingSubject);

        // An access request approved with an end two hours away: the role counts, its end is on the user.
        approvedSubject = fixtures.salesMember(none, "restart.approved");
        long endsAt = System.currentTimeMillis() + Duration.ofHours(2).toMillis();
        String requestId = Portal.answer(201, () -> requests(amp, fixtures.workforceToken(approvedSubject))
                .submit(RaceScenarios.newAccessRequest(approvedSubject, "drchrono", "sales-user", endsAt))).id();
        Portal.answer(200, () -> requests(amp, fixtures.workforceToken("mia.manager"))
                .approve(requestId, new Reason("until the restart check ends")));
        approved = onlyRequestOf(amp, fixtures, approvedSubject);
        assertThat(approved.status()).isEqualTo("approved");
        assertThat(approved.endsAt()).isEqualTo(endsAt);
        roleExpiry = roleExpiryOf(fixtures.realm(RaceScenarios.WORKFORCE), approvedSubject);
        assertThat(roleExpiry).as("amp.role-expiry of %s", approvedSubject).singleElement().asString().endsWith("/sales-user@" + endsAt);
        approvedPermissions = permissionsOf(oidc.accessToken(RaceScenarios.WORKFORCE, "drchrono", approvedSubject));
        assertThat(approvedPermissions).as("permissions of %s while the role counts", approvedSubject).isNotEmpty();

        // A break-the-glass request waiting for its review, from a signed-in session.
        requester = fixtures.practiceUser(none);
        Oidc.Response session = fixtures.practiceSession(requester);
        requesterRefresh = session.string("refresh_token");
        Portal.answer(201, () -> elevations(amp, session.string("access_token"))
                .breakTheGlass(new NewBreakTheGlass("Restart check: unconscious patient", 30)));
        breakTheGlass = onlyElevationOf(amp, session.string("access_token"));
        assertThat(breakTheGlass.status()).isEqualTo("pending");

        // An emergency access through the login form: a running elevation and its session.
        emergencyUser = emergencyUser(fixtures, none);
        Browser browser = new Browser(server);
        Browser.Page end = browser.submit(browser.authorize(Elevations.REALM, Elevations.CLIENT), "kc-form-login",
                Elevations.loginForm(emergencyUser, "Restart check"), null, null);
        assertThat(end.code()).as("the emergency sign-in ends at the application, not on:%n%s", end.text()).isNotNull();
        Oidc.Response tokens = Portal.expect(oidc.authorizationCode(Elevations.REALM, Elevations.CLIENT, end.code()), 200);
        emergencyRefresh = tokens.string("refresh_token");
        emergency = onlyElevationOf(amp, tokens.string("access_token"));
        assertThat(emergency.status()).isEqualTo("active");
        assertThat(emergency.kind()).isEqualTo("emergency-access");
        assertThat(elevationIdOf(tokens.string("access_token"))).isEqualTo(emergency.id());

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
        AmpClient amp = AmpApi.on(server);
        SoftAssertions softly = new SoftAssertions();

        softly.assertThat(ampRows()).as("every row of AMP's tables, as before the stop").isEqualTo(rowsBefore);

        softly.assertThat(siteOf(amp)).as("site %s", siteKey).isEqualTo(site);
        softly.assertThat(grantsOf(amp)).as("grants of %s", siteKey).isEqualTo(grants);
        softly.assertThat(Portal.sites(Oidc.claims(oidc.accessToken(Portal.REALM, "portal", consultant))))
                .as("the granted consultant's sites").contains(siteKey);
        softly.assertThat(Portal.sites(Oidc.claims(oidc.accessToken(Portal.REALM, "portal", "carl.consultant"))))
                .as("sites of carl.consultant, whose group's grant is switched off").doesNotContain(siteKey);

        softly.assertThat(onlyRequestOf(amp, fixtures, pendingSubject)).as("the pending access request").isEqualTo(pending);
        softly.assertThat(onlyRequestOf(amp, fixtures, approvedSubject)).as("the approved access request").isEqualTo(approved);
        softly.assertThat(roleExpiryOf(fixtures.realm(RaceScenarios.WORKFORCE), approvedSubject)).as("amp.role-expiry").isEqualTo(roleExpiry);
        softly.assertThat(permissionsOf(oidc.accessToken(RaceScenarios.WORKFORCE, "drchrono", approvedSubject)))
                .as("permissions of %s, whose role has not ended", approvedSubject).isEqualTo(approvedPermissions);

        Oidc.Response emergencySession = oidc.refresh(Elevations.REALM, Elevations.CLIENT, emergencyRefresh);
        softly.assertThat(emergencySession.status()).as("refresh of the emergency session: %s", emergencySession.body()).isEqualTo(200);
        if (emergencySession.status() == 200) {
            softly.assertThat(elevationIdOf(emergencySession.string("access_token"))).as("the elevation on the refreshed token")
                    .isEqualTo(emergency.id());
            softly.assertThat(onlyElevationOf(amp, emergencySession.string("access_token"))).as("the emergency access").isEqualTo(emergency);
        }
        softly.assertThat(Portal.answer(200, () -> amp.admin(Elevations.REALM).elevations().active())).extracting(Elevation::id)
                .as("running elevations").contains(emergency.id());

        Oidc.Response requesterSession = oidc.refresh(Elevations.REALM, Elevations.CLIENT, requesterRefresh);
        softly.assertThat(requesterSession.status()).as("refresh of the break-the-glass requester's session: %s", requesterSession.body())
                .isEqualTo(200);
        String rita = oidc.accessToken(Elevations.REALM, Elevations.CLIENT, "rita.review");
        softly.assertThat(Portal.answer(200, () -> elevations(amp, rita).pendingBreakTheGlass()))
                .as("break-the-glass requests waiting for review").contains(breakTheGlass);
        if (requesterSession.status() == 200) {
            softly.assertThat(onlyElevationOf(amp, requesterSession.string("access_token"))).as("the break-the-glass request")
                    .isEqualTo(breakTheGlass);
        }
        softly.assertAll();

        // What the surviving rows are for: the pending key still refuses a second request, and the
        // pending break-the-glass request can still be approved, elevating its session.
        AmpApi.Refusal again = AmpApi.refusal(() -> requests(amp, fixtures.workforceToken(pendingSubject))
                .submit(RaceScenarios.newAccessRequest(pendingSubject, "drchrono", "sales-user")));
        assertThat(again.status()).as("the same request again, while the first is pending: %s", again).isEqualTo(409);
        Portal.answer(200, () -> elevations(amp, rita).approveBreakTheGlass(breakTheGlass.id(), new Comment("approved after the restart")));
        Oidc.Response elevated = Portal.expect(oidc.refresh(Elevations.REALM, Elevations.CLIENT, requesterSession.string("refresh_token")), 200);
        assertThat(elevationIdOf(elevated.string("access_token"))).as("the approved elevation on the requester's next token")
                .isEqualTo(breakTheGlass.id());
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

    private Site siteOf(AmpClient amp) {
        return Portal.answer(200, () -> amp.admin(Portal.REALM).consultantAccess().accounts().get(acme).sites()).stream()
                .filter(item -> siteKey.equals(item.key())).findFirst()
                .orElseThrow(() -> new AssertionError("No site " + siteKey + " in the account's sites"));
    }

    private List<Grant> grantsOf(AmpClient amp) {
        return Portal.answer(200, () -> amp.admin(Portal.REALM).consultantAccess().siteGrants(siteKey).list()).stream()
                .sorted(Comparator.comparing(Grant::id)).toList();
    }

    private static AccessRequestsResource requests(AmpClient amp, String accessToken) {
        return amp.withToken(accessToken).realm(RaceScenarios.WORKFORCE).requests();
    }

    private static ElevationsResource elevations(AmpClient amp, String accessToken) {
        return amp.withToken(accessToken).realm(Elevations.REALM).elevations();
    }

    /** The one access request of a user, as its subject sees it in {@code mine}. */
    private static AccessRequest onlyRequestOf(AmpClient amp, RaceScenarios fixtures, String subject) {
        List<AccessRequest> mine = Portal.answer(200, () -> requests(amp, fixtures.workforceToken(subject)).mine());
        assertThat(mine).as("access requests of %s", subject).hasSize(1);
        return mine.get(0);
    }

    /** The one elevation record of the token's user, as {@code mine} shows it. */
    private static Elevation onlyElevationOf(AmpClient amp, String accessToken) {
        List<Elevation> mine = Portal.answer(200, () -> elevations(amp, accessToken).mine());
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
