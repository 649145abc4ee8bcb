package io.amp.keycloak.e2e;

import io.amp.keycloak.client.representation.BreakTheGlassSystem;
import io.amp.keycloak.client.representation.Comment;
import io.amp.keycloak.client.representation.Elevation;
import io.amp.keycloak.client.representation.NewBreakTheGlass;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.RealmRepresentation;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.amp.keycloak.e2e.AmpApi.refusal;
import static io.amp.keycloak.e2e.Elevations.ELEVATED;
import static io.amp.keycloak.e2e.Elevations.access;
import static io.amp.keycloak.e2e.Elevations.api;
import static io.amp.keycloak.e2e.Elevations.elevation;
import static io.amp.keycloak.e2e.Elevations.permissions;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The realm attribute {@code amp.elevation.permissions}: what an emergency access or an approved
 * break-the-glass request grants, set here as an administrator sets it (Keycloak's admin REST API,
 * realm update) and restored afterwards. Tokens follow it at their next refresh, without a query;
 * a set naming a permission an application lacks makes that application not eligible.
 */
class ElevationPermissionsIT {

    private static final String ATTRIBUTE = "amp.elevation.permissions";

    private final Cleanup cleanup = new Cleanup();
    private final KeycloakServer server = KeycloakServer.get();
    private final Oidc oidc = new Oidc(server);
    private final RealmResource practice = server.admin().realm("practice");

    @AfterEach
    void cleanUp() {
        cleanup.run();
    }

    @AfterAll
    static void signOut() {
        AuthorizationMatrixIT.signOutSessions();
    }

    /** Sets (or, with null, removes) the realm attribute through the realm update of the admin REST API; restored after the test. */
    private void setAttribute(String value) {
        RealmRepresentation before = practice.toRepresentation();
        String original = before.getAttributes() == null ? null : before.getAttributes().get(ATTRIBUTE);
        update(value);
        cleanup.add(() -> {
            update(original);
            if (!java.util.Objects.equals(attribute(), original)) {
                throw new IllegalStateException(ATTRIBUTE + " not restored to " + original + ": " + attribute());
            }
        });
    }

    private void update(String value) {
        RealmRepresentation realm = practice.toRepresentation();
        Map<String, String> attributes = new HashMap<>(realm.getAttributes() == null ? Map.of() : realm.getAttributes());
        if (value == null) {
            attributes.remove(ATTRIBUTE);
        } else {
            attributes.put(ATTRIBUTE, value);
        }
        realm.setAttributes(attributes);
        practice.update(realm);
    }

    private String attribute() {
        Map<String, String> attributes = practice.toRepresentation().getAttributes();
        return attributes == null ? null : attributes.get(ATTRIBUTE);
    }

    /** A fresh practice user signed in at ehr, whose break-the-glass request rita.review approved; their token response. */
    private Oidc.Response elevatedSession() {
        String username = Fixtures.uniqueName("elevation.set");
        new Fixtures(practice, cleanup).user(username, Map.of("user-type", List.of("provider")));
        Oidc.Response tokens = Portal.expect(oidc.passwordGrant("practice", "ehr", username, Oidc.DEMO_PASSWORD), 200);
        cleanup.add(() -> oidc.logout("practice", "ehr", tokens.string("refresh_token")));
        Elevation asked = api(tokens.string("access_token")).breakTheGlass(new NewBreakTheGlass("Chart locked", 30));
        cleanup.add(() -> AuthorizationMatrixIT.closeElevation(asked.id(), "rita.review"));
        api(oidc.accessToken("practice", "ehr", "rita.review")).approveBreakTheGlass(asked.id(), new Comment("Go ahead"));
        return tokens;
    }

    private Map<String, Object> refresh(Oidc.Response[] session) {
        session[0] = Portal.expect(oidc.refresh("practice", "ehr", session[0].string("refresh_token")), 200);
        return access(session[0]);
    }

    @Test
    @DisplayName("Given amp.elevation.permissions = access-scheduling, then a running elevation's next token carries only Access Scheduling, and the seed's three again once the attribute is removed")
    void tokensFollowTheAttribute() {
        Oidc.Response[] session = {elevatedSession()};
        assertThat(elevation(refresh(session))).containsEntry("permissions", ELEVATED);

        setAttribute(" access-scheduling ");
        Map<String, Object> narrowed = refresh(session);
        assertThat(elevation(narrowed)).containsEntry("permissions", List.of("access-scheduling"));
        assertThat(permissions(narrowed)).contains("access-scheduling").doesNotContain("create-and-update-patients", "access-clinical-notes");
        assertThat(api(session[0].string("access_token")).breakTheGlassSystems()).singleElement().satisfies(system -> {
            assertThat(system.clientId()).isEqualTo("ehr");
            assertThat(system.grants()).extracting(BreakTheGlassSystem.Permission::key).containsExactly("access-scheduling");
        });

        update(null);
        assertThat(attribute()).isNull();
        assertThat(elevation(refresh(session))).as("absent: the seed's three").containsEntry("permissions", ELEVATED);
        update("  ");
        assertThat(elevation(refresh(session))).as("blank: the seed's three").containsEntry("permissions", ELEVATED);
    }

    @Test
    @DisplayName("Given an emergency access while the attribute names two of the three, then the token carries those two")
    void emergencyAccessFollowsTheAttribute() {
        setAttribute("access-clinical-notes,create-and-update-patients");
        Oidc.Response tokens = new Elevations().signInToTokens("erin.er", "Emergency with the attribute set");
        cleanup.add(() -> oidc.logout("practice", "ehr", tokens.string("refresh_token")));

        assertThat(elevation(access(tokens))).containsEntry("kind", "emergency-access")
                .containsEntry("permissions", List.of("access-clinical-notes", "create-and-update-patients"));
        assertThat(permissions(access(tokens))).doesNotContain("access-scheduling");
    }

    @Test
    @DisplayName("Given the attribute naming a permission ehr lacks, then ehr is not eligible: no system listed, a request is a 400, a running elevation adds nothing; fixed, it counts again")
    void aPermissionTheApplicationLacks() {
        Oidc.Response[] session = {elevatedSession()};
        String other = Fixtures.uniqueName("elevation.other");
        new Fixtures(practice, cleanup).user(other, Map.of("user-type", List.of("provider")));
        Oidc.Response otherTokens = Portal.expect(oidc.passwordGrant("practice", "ehr", other, Oidc.DEMO_PASSWORD), 200);
        cleanup.add(() -> oidc.logout("practice", "ehr", otherTokens.string("refresh_token")));

        setAttribute("access-scheduling,sword-tools");
        assertThat(api(otherTokens.string("access_token")).breakTheGlassSystems()).isEmpty();
        AmpApi.Refusal refused = refusal(() -> api(otherTokens.string("access_token")).breakTheGlass(new NewBreakTheGlass("Chart locked", 15)));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.message()).contains("no permissions to elevate to");
        assertThat(refusal(() -> api(otherTokens.string("access_token")).breakTheGlass(new NewBreakTheGlass("Chart locked", 15, "ehr"))).status())
                .isEqualTo(400);
        Map<String, Object> failedClosed = refresh(session);
        assertThat(failedClosed).doesNotContainKey("elevation");
        assertThat(permissions(failedClosed)).doesNotContain("access-scheduling");

        update("access-scheduling");
        assertThat(elevation(refresh(session))).containsEntry("permissions", List.of("access-scheduling"));
    }

    @Test
    @DisplayName("Given the attribute set and warm caches, then an elevated refresh issues no more SQL statements than a plain one: the attribute comes from the realm cache")
    void noQueryOnTheTokenPath() throws InterruptedException {
        setAttribute("access-scheduling");
        Oidc.Response[] plain = {Portal.expect(oidc.passwordGrant("practice", "ehr", "dr.sun.own", Oidc.DEMO_PASSWORD), 200)};
        cleanup.add(() -> oidc.logout("practice", "ehr", plain[0].string("refresh_token")));
        Oidc.Response[] elevated = {elevatedSession()};
        for (int warmUp = 0; warmUp < 3; warmUp++) {
            refresh(plain);
            refresh(elevated);
        }
        List<String> plainStatements = statementsDuring(() -> refresh(plain));
        List<String> elevatedStatements = statementsDuring(() -> refresh(elevated));
        assertThat(elevation(access(elevated[0]))).containsEntry("permissions", List.of("access-scheduling"));

        System.out.printf("SQL statements per token refresh at ehr with amp.elevation.permissions set (warm caches): elevated %d, plain %d%n",
                elevatedStatements.size(), plainStatements.size());
        assertThat(elevatedStatements).as("an elevated refresh, against %s of a plain one", plainStatements)
                .hasSizeLessThanOrEqualTo(plainStatements.size());
    }

    private List<String> statementsDuring(Runnable request) throws InterruptedException {
        SqlStatements statements = SqlStatements.mark(server);
        request.run();
        Thread.sleep(300);
        return statements.since();
    }
}
