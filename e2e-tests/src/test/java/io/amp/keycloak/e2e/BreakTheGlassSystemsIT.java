package io.amp.keycloak.e2e;

import io.amp.keycloak.client.representation.BreakTheGlassSystem;
import io.amp.keycloak.client.representation.Comment;
import io.amp.keycloak.client.representation.Elevation;
import io.amp.keycloak.client.representation.NewBreakTheGlass;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.ClientRepresentation;

import java.util.List;
import java.util.Map;

import static io.amp.keycloak.e2e.AmpApi.refusal;
import static io.amp.keycloak.e2e.Elevations.ELEVATED;
import static io.amp.keycloak.e2e.Elevations.access;
import static io.amp.keycloak.e2e.Elevations.api;
import static io.amp.keycloak.e2e.Elevations.elevation;
import static io.amp.keycloak.e2e.Elevations.permissions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Break-the-glass asked for from a page of another client (the AMP portal) for an application it
 * names: {@code system} in the request, {@code break-the-glass/systems} for the choices. The
 * elevation runs in the token's session, so the application's next token of the same single
 * sign-on is elevated, and no other session's.
 */
class BreakTheGlassSystemsIT {

    private final Cleanup cleanup = new Cleanup();
    private final KeycloakServer server = KeycloakServer.get();
    private final Oidc oidc = new Oidc(server);
    private final RealmResource practice = server.admin().realm("practice");
    private final Fixtures fixtures = new Fixtures(practice, cleanup);

    @AfterEach
    void cleanUp() {
        cleanup.run();
    }

    @AfterAll
    static void signOut() {
        AuthorizationMatrixIT.signOutSessions();
    }

    /** A client like the portal's: no permission of its own, signed in to through the browser; returns its clientId. */
    private String portalLikeClient() {
        String clientId = Fixtures.uniqueName("portal-like");
        ClientRepresentation client = new ClientRepresentation();
        client.setClientId(clientId);
        client.setName("Portal-like page");
        client.setProtocol("openid-connect");
        client.setPublicClient(false);
        client.setSecret(Oidc.DEMO_CLIENT_SECRET);
        client.setStandardFlowEnabled(true);
        client.setDirectAccessGrantsEnabled(true);
        client.setRedirectUris(List.of(Browser.REDIRECT_URI));
        try (Response response = practice.clients().create(client)) {
            String id = CreatedResponseUtil.getCreatedId(response);
            cleanup.add(() -> practice.clients().get(id).remove());
        }
        return clientId;
    }

    /** A fresh practice user with no permission; returns the username. */
    private String practiceUser() {
        String username = Fixtures.uniqueName("btg.portal");
        fixtures.user(username, Map.of("user-type", List.of("provider")));
        return username;
    }

    /** Signs in at {@code first} through the login form, then at {@code second} by single sign-on: the token responses of one session. */
    private Oidc.Response[] oneSession(String username, String first, String second) {
        Browser browser = new Browser(server);
        Browser.Page login = browser.authorize("practice", first);
        Browser.Page end = browser.submit(login, "kc-form-login", Elevations.loginForm(username, null), null, null);
        assertThat(end.code()).as("the login ends at %s, not on:%n%s", first, end.text()).isNotNull();
        Oidc.Response firstTokens = Portal.expect(oidc.authorizationCode("practice", first, end.code()), 200);
        Browser.Page sso = browser.authorize("practice", second);
        assertThat(sso.code()).as("single sign-on at %s", second).isNotNull();
        Oidc.Response secondTokens = Portal.expect(oidc.authorizationCode("practice", second, sso.code()), 200);
        cleanup.add(() -> oidc.logout("practice", second, secondTokens.string("refresh_token")));
        assertThat(access(secondTokens).get("sid")).as("one session").isEqualTo(access(firstTokens).get("sid"));
        return new Oidc.Response[] {firstTokens, secondTokens};
    }

    @Test
    @DisplayName("Given the demo realms, then break-the-glass/systems lists ehr (DrChrono EHR) in practice and nothing where no client has the elevation's permissions")
    void systems() {
        portalLikeClient();
        List<BreakTheGlassSystem> systems = api(oidc.accessToken("practice", "ehr", "dr.sun.own")).breakTheGlassSystems();
        assertThat(systems).extracting(BreakTheGlassSystem::clientId, BreakTheGlassSystem::name).containsExactly(tuple("ehr", "DrChrono EHR"));
        // What it grants, with seed 001's texts in full: two of them are longer than a role attribute keeps.
        assertThat(systems.get(0).grants()).extracting(BreakTheGlassSystem.Permission::key, BreakTheGlassSystem.Permission::name)
                .containsExactly(tuple("create-and-update-patients", "Create and Update Patients"), tuple("access-scheduling", "Access Scheduling"),
                        tuple("access-clinical-notes", "Access Clinical Notes"));
        BreakTheGlassSystem.Permission patients = systems.get(0).grants().get(0);
        assertThat(patients.whenOn()).isEqualTo("Create patients and grant access to patient charts.");
        assertThat(patients.whenOff()).hasSizeGreaterThan(255).startsWith("Can't access patient charts or add patients to appointments.")
                .endsWith("Can't attach documents to a patient chart.");
        assertThat(AmpApi.as(oidc.accessToken("workforce", "drchrono", "sam.sales")).realm("workforce").elevations().breakTheGlassSystems())
                .isEmpty();
        assertThat(AmpApi.as(oidc.accessToken("portal", "portal", "alice.admin")).realm("portal").elevations().breakTheGlassSystems())
                .isEmpty();
    }

    @Test
    @DisplayName("Given a portal-like page and ehr in one single sign-on, when the page asks for break-the-glass on ehr and rita approves, then ehr's next token of that session is elevated, the page's and another session's are not")
    void askedFromThePortalForTheApplication() {
        String portal = portalLikeClient();
        String user = practiceUser();
        Oidc.Response[] session = oneSession(user, portal, "ehr");
        String portalToken = session[0].string("access_token");

        AmpApi.Refusal own = refusal(() -> api(portalToken).breakTheGlass(new NewBreakTheGlass("Chart locked", 15)));
        assertThat(own.status()).as("the page's own client has nothing to elevate to").isEqualTo(400);
        assertThat(own.message()).contains("(" + portal + ")").contains("'system'");

        Elevation asked = api(portalToken).breakTheGlass(new NewBreakTheGlass("Chart locked during a code", 15, "ehr"));
        assertThat(AmpApi.lastStatus()).isEqualTo(201);
        cleanup.add(() -> AuthorizationMatrixIT.closeElevation(asked.id(), "rita.review"));
        assertThat(asked).extracting(Elevation::kind, Elevation::status, Elevation::user, Elevation::system, Elevation::durationSeconds)
                .containsExactly("break-the-glass", "pending", user, "ehr", 900L);
        assertThat(refusal(() -> api(portalToken).breakTheGlass(new NewBreakTheGlass("again", 15, "ehr"))).status())
                .as("one pending request per user and application, whichever client asks").isEqualTo(409);
        Oidc.Response otherSession = Portal.expect(oidc.passwordGrant("practice", "ehr", user, Oidc.DEMO_PASSWORD), 200);
        cleanup.add(() -> oidc.logout("practice", "ehr", otherSession.string("refresh_token")));

        api(oidc.accessToken("practice", "ehr", "rita.review")).approveBreakTheGlass(asked.id(), new Comment("Confirmed with the ER"));

        Map<String, Object> ehr = access(Portal.expect(oidc.refresh("practice", "ehr", session[1].string("refresh_token")), 200));
        assertThat(permissions(ehr)).containsAll(ELEVATED);
        assertThat(elevation(ehr)).containsEntry("id", asked.id()).containsEntry("kind", "break-the-glass")
                .containsEntry("permissions", ELEVATED);
        Map<String, Object> page = access(Portal.expect(oidc.refresh("practice", portal, session[0].string("refresh_token")), 200));
        assertThat(page).doesNotContainKey("elevation");
        assertThat((List<?>) page.getOrDefault("permissions", List.of())).isEmpty();
        Map<String, Object> other = access(Portal.expect(oidc.refresh("practice", "ehr", otherSession.string("refresh_token")), 200));
        assertThat(other).as("another session of the same user").doesNotContainKey("elevation");
        assertThat(Elevations.mine(portalToken)).extracting(Elevation::id, Elevation::system, Elevation::status)
                .contains(org.assertj.core.groups.Tuple.tuple(asked.id(), "ehr", "active"));
    }

    @Test
    @DisplayName("Given a system that is unknown, of another realm, or without the elevation's permissions, then 400 and nothing is asked for")
    void systemsThatMayNotBeElevated() {
        String user = practiceUser();
        Oidc.Response tokens = Portal.expect(oidc.passwordGrant("practice", "ehr", user, Oidc.DEMO_PASSWORD), 200);
        cleanup.add(() -> oidc.logout("practice", "ehr", tokens.string("refresh_token")));
        String token = tokens.string("access_token");

        for (String system : List.of("no-such-application", "drchrono", "account", "realm-management", portalLikeClient())) {
            AmpApi.Refusal refused = refusal(() -> api(token).breakTheGlass(new NewBreakTheGlass("Chart locked", 15, system)));
            assertThat(refused.status()).as("system %s", system).isEqualTo(400);
            assertThat(refused.message()).contains("'" + system + "' is not an application break-the-glass elevates to");
        }
        AmpApi.Refusal tooLong = refusal(() -> api(token).breakTheGlass(new NewBreakTheGlass("Chart locked", 15, "e".repeat(256))));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(Elevations.mine(token)).isEmpty();

        Elevation own = api(token).breakTheGlass(new NewBreakTheGlass("Chart locked", 15, "ehr"));
        cleanup.add(() -> AuthorizationMatrixIT.closeElevation(own.id(), "rita.review"));
        assertThat(own.system()).as("naming the token's own application is the same as naming none").isEqualTo("ehr");
    }
}
