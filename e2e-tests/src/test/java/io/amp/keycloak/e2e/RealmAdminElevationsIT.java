package io.amp.keycloak.e2e;

import io.amp.keycloak.client.AmpClient;
import io.amp.keycloak.client.representation.Comment;
import io.amp.keycloak.client.representation.Elevation;
import io.amp.keycloak.client.representation.NewBreakTheGlass;
import io.amp.keycloak.client.resource.ElevationsResource;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.client.ClientResponseFilter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.resource.RealmResource;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static io.amp.keycloak.e2e.AmpApi.refusal;
import static io.amp.keycloak.e2e.Elevations.access;
import static io.amp.keycloak.e2e.Elevations.api;
import static io.amp.keycloak.e2e.Elevations.elevation;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The realm's own administrators on the user surface ({@code /realms/practice/amp/elevations/active}
 * and {@code .../{id}/revoke}, the demo's {@code realm.admin}, realm-management realm-admin): the
 * running elevations of the realm and their revocation, answered by the code of the admin surface.
 * Anyone else, a realm viewer included, 403 before any id is read.
 */
class RealmAdminElevationsIT {

    private static final String REALM_ADMIN = "realm.admin";

    private final Cleanup cleanup = new Cleanup();
    private final KeycloakServer server = KeycloakServer.get();
    private final Oidc oidc = new Oidc(server);
    private final RealmResource practice = server.admin().realm("practice");
    private final Elevations elevations = new Elevations();

    @AfterEach
    void cleanUp() {
        cleanup.run();
    }

    @AfterAll
    static void signOut() {
        AuthorizationMatrixIT.signOutSessions();
    }

    private String token(String username) {
        return oidc.accessToken("practice", "ehr", username);
    }

    /** A fresh practice user signed in at ehr with a running break-the-glass elevation; [token response, elevation id]. */
    private Object[] running() {
        String username = Fixtures.uniqueName("admin.elevated");
        new Fixtures(practice, cleanup).user(username, Map.of("user-type", List.of("provider")));
        Oidc.Response tokens = Portal.expect(oidc.passwordGrant("practice", "ehr", username, Oidc.DEMO_PASSWORD), 200);
        cleanup.add(() -> oidc.logout("practice", "ehr", tokens.string("refresh_token")));
        String id = api(tokens.string("access_token")).breakTheGlass(new NewBreakTheGlass("Chart locked", 30)).id();
        cleanup.add(() -> AuthorizationMatrixIT.closeElevation(id, "rita.review"));
        api(token("rita.review")).approveBreakTheGlass(id, new Comment("Go ahead"));
        return new Object[] {tokens, id};
    }

    @Test
    @DisplayName("Given a running elevation, then realm.admin lists it on the user surface, as the admin surface lists it")
    void listsRunningElevations() {
        String id = (String) running()[1];

        List<Elevation> onUserSurface = api(token(REALM_ADMIN)).active();
        assertThat(onUserSurface).extracting(Elevation::id).contains(id);
        assertThat(onUserSurface).extracting(Elevation::status).containsOnly("active");
        assertThat(onUserSurface).isEqualTo(Elevations.adminApi().active());
    }

    @Test
    @DisplayName("Given rita.review, a realm viewer (view-users), the elevated user or a plain user, then the user surface's list and revocation are 403, for an existing and an unknown id alike")
    void othersAreRefused() {
        Object[] elevated = running();
        String id = (String) elevated[1];
        String viewer = AuthorizationMatrixIT.realmViewer("practice", cleanup);
        String owner = ((Oidc.Response) elevated[0]).string("access_token");
        Map<String, Supplier<String>> callers = Map.of("rita.review", () -> token("rita.review"), "realm viewer", () -> token(viewer),
                "the elevated user", () -> owner, "dr.sun.all", () -> token("dr.sun.all"));

        callers.forEach((name, caller) -> {
            ElevationsResource api = api(caller.get());
            assertThat(refusal(api::active).status()).as("%s lists", name).isEqualTo(403);
            for (String target : List.of(id, "no-such-elevation")) {
                AmpApi.Refusal refused = refusal(() -> api.revoke(target, new Comment("not mine to end")));
                assertThat(refused.status()).as("%s revokes %s", name, target).isEqualTo(403);
                assertThat(refused.message()).contains("realm's administrators (manage-users)");
            }
        });
        assertThat(Elevations.adminApi(token(viewer)).active()).as("the viewer still lists them on the admin surface (view-users)")
                .extracting(Elevation::id).contains(id);
        assertThat(elevation(access(Portal.expect(oidc.refresh("practice", "ehr",
                ((Oidc.Response) elevated[0]).string("refresh_token")), 200)))).as("still elevated").isNotNull();
    }

    @Test
    @DisplayName("Given a running elevation, when realm.admin revokes it on the user surface, then it ends with their name and comment, the next token is not elevated, and a second revocation is a 409")
    void revokes() throws InterruptedException {
        Object[] elevated = running();
        Oidc.Response tokens = (Oidc.Response) elevated[0];
        String id = (String) elevated[1];
        ElevationsResource admin = api(token(REALM_ADMIN));

        Elevation revoked = admin.revoke(id, new Comment("Patient transferred"));

        assertThat(revoked).extracting(Elevation::status, Elevation::endCause, Elevation::revokedBy, Elevation::revokeComment)
                .containsExactly("ended", "revoked", REALM_ADMIN, "Patient transferred");
        assertThat(access(Portal.expect(oidc.refresh("practice", "ehr", tokens.string("refresh_token")), 200)))
                .doesNotContainKey("elevation");
        assertThat(admin.active()).extracting(Elevation::id).doesNotContain(id);
        assertThat(Elevations.actions(elevations.awaitAction(id, "revoke"))).containsExactly("request", "approve", "revoke");
        assertThat(refusal(() -> admin.revoke(id, Comment.none())).status()).as("ended already").isEqualTo(409);
        assertThat(refusal(() -> admin.revoke("no-such-elevation", Comment.none())).status()).isEqualTo(404);
        AmpApi.Refusal badComment = refusal(() -> admin.revoke(id, new Comment("c".repeat(1001))));
        assertThat(badComment.status()).isEqualTo(400);
    }

    @Test
    @DisplayName("Given realm.admin on the user surface and the master admin on the admin surface revoking one elevation at once, then one 200 and one 409")
    void revocationsRace() {
        String id = (String) running()[1];
        String admin = token(REALM_ADMIN);
        String master = oidc.adminToken();
        ThreadLocal<Integer> status = new ThreadLocal<>();
        ClientResponseFilter recorder = (request, response) -> status.set(response.getStatus());
        try (AmpClient user = AmpClient.createStrict(server.baseUri().toString(), () -> admin, recorder);
             AmpClient adminSurface = AmpClient.createStrict(server.baseUri().toString(), () -> master, recorder)) {
            Race.Outcome outcome = Race.run("elevation: realm admin (user surface) and master admin (admin surface) revoke one", 2,
                    i -> i == 0 ? "user surface" : "admin surface",
                    i -> revoke(() -> i == 0 ? user.realm("practice").elevations().revoke(id, new Comment("race"))
                            : adminSurface.admin("practice").elevations().revoke(id, new Comment("race")), status));

            assertThat(outcome.calls()).extracting(Race.Call::status).as(outcome.line()).containsExactlyInAnyOrder(200, 409);
        }
    }

    private static Oidc.Response revoke(Supplier<Elevation> call, ThreadLocal<Integer> status) {
        status.remove();
        try {
            Elevation answer = call.get();
            return new Oidc.Response(status.get(), Map.of("status", answer.status()));
        } catch (WebApplicationException refused) {
            return new Oidc.Response(AmpClient.status(refused), Map.of("errorMessage", String.valueOf(AmpClient.error(refused).text())));
        }
    }
}
