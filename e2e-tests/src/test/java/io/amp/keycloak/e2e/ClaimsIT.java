package io.amp.keycloak.e2e;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.ClientResource;
import org.keycloak.admin.client.resource.RealmResource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where the claims land: access token, ID token, userinfo and introspection, each switchable like
 * Keycloak's own mappers, and always within the claim contract (docs/claims.schema.json).
 */
class ClaimsIT {

    private static final List<String> DR_SUN_ALL = List.of("access-all-messages-for-practice-group", "access-to-message-center");

    private final Oidc oidc = new Oidc(KeycloakServer.get());
    private final Cleanup cleanup = new Cleanup();

    @AfterEach
    void cleanUp() {
        cleanup.run();
    }

    @Test
    @DisplayName("Given the demo realm's amp-claims scope, then both claims are in the access token, ID token, userinfo and introspection, within the schema")
    void claimsEverywhere() {
        Oidc.Response tokens = oidc.passwordGrant("practice", "ehr", "dr.sun.all", Oidc.DEMO_PASSWORD);
        String accessToken = tokens.string("access_token");

        Map<String, Object> access = Oidc.claims(accessToken);
        Map<String, Object> id = Oidc.claims(tokens.string("id_token"));
        Oidc.Response userInfo = oidc.userInfo("practice", accessToken);
        Oidc.Response introspection = oidc.introspect("practice", "ehr", accessToken);

        assertThat(userInfo.status()).isEqualTo(200);
        assertThat(introspection.status()).isEqualTo(200);
        assertThat(introspection.body()).containsEntry("active", true);
        assertThat(access).containsKey("resource_access");
        for (Map<String, Object> claims : List.of(access, id, userInfo.body(), introspection.body())) {
            assertThat(claims).containsEntry("permissions", DR_SUN_ALL).containsKey("access_scope");
            // dr.sun.all's ehr roles are catalog roles only, which amp-roles' client role mapper leaves to 'permissions':
            // Keycloak's resource_access claim keeps the account roles of the realm's default roles, and no ehr entry
            // (NoWithheldPermissionIT: every user). Userinfo and the ID token carry no resource_access at all.
            if (claims.containsKey("resource_access")) {
                assertThat(Portal.map(claims.get("resource_access"))).containsOnlyKeys("account");
            }
            assertThat(ClaimsSchema.violations(claims)).isEmpty();
        }
    }

    @Test
    @DisplayName("Given a mapper switched on for the access token only, then the claim is absent from ID token, userinfo and introspection")
    void claimSwitchedOff() {
        Keycloak admin = KeycloakServer.get().admin();
        RealmResource realm = admin.realm("practice");
        Fixtures fixtures = new Fixtures(realm, cleanup);
        String clientId = Fixtures.uniqueName("claims-switch");
        String clientUuid = fixtures.client(clientId);
        ClientResource client = realm.clients().get(clientUuid);
        fixtures.removeDefaultScope(clientUuid, "amp-claims");
        client.getProtocolMappers().createMapper(Fixtures.mapper("amp-permissions-mapper", "permissions",
                Map.of("access.token.claim", "true", "id.token.claim", "false",
                        "userinfo.token.claim", "false", "introspection.token.claim", "false"))).close();
        String user = Fixtures.uniqueName("switch");
        String userId = fixtures.user(user);
        realm.users().get(userId).roles().clientLevel(clientUuid).add(List.of(fixtures.permission(clientUuid, "sword-tools", Map.of())));

        Oidc.Response tokens = oidc.passwordGrant("practice", clientId, user, Oidc.DEMO_PASSWORD);
        String accessToken = tokens.string("access_token");

        assertThat(Oidc.claims(accessToken)).containsEntry("permissions", List.of("sword-tools")).doesNotContainKey("access_scope");
        assertThat(Oidc.claims(tokens.string("id_token"))).doesNotContainKeys("permissions", "access_scope");
        assertThat(oidc.userInfo("practice", accessToken).body()).containsKey("sub").doesNotContainKeys("permissions", "access_scope");
        assertThat(oidc.introspect("practice", clientId, accessToken).body()).containsEntry("active", true)
                .doesNotContainKeys("permissions", "access_scope");
    }

    @Test
    @DisplayName("Given a client with lightweight access tokens, then the claim is there only where the mapper's lightweight switch is on")
    void lightweightAccessToken() {
        Keycloak admin = KeycloakServer.get().admin();
        RealmResource realm = admin.realm("practice");
        Fixtures fixtures = new Fixtures(realm, cleanup);
        String clientId = Fixtures.uniqueName("lightweight");
        String clientUuid = fixtures.client(clientId);
        ClientResource client = realm.clients().get(clientUuid);
        var representation = client.toRepresentation();
        representation.getAttributes().put("client.use.lightweight.access.token.enabled", "true");
        client.update(representation);
        client.getProtocolMappers().createMapper(Fixtures.mapper("amp-permissions-mapper", "light_permissions",
                Map.of("access.token.claim", "true", "lightweight.claim", "true", "introspection.token.claim", "true"))).close();

        String accessToken = oidc.accessToken("practice", clientId, "dr.sun.all");

        assertThat(Oidc.claims(accessToken)).containsEntry("light_permissions", List.of())
                .as("amp-claims leaves its lightweight switch off").doesNotContainKeys("permissions", "access_scope");
        assertThat(oidc.introspect("practice", clientId, accessToken).body()).containsEntry("active", true)
                .containsKeys("permissions", "access_scope");
    }

    @Test
    @DisplayName("Given a renamed claim, then the permissions arrive under the new name")
    void claimRenamed() {
        Keycloak admin = KeycloakServer.get().admin();
        RealmResource realm = admin.realm("practice");
        Fixtures fixtures = new Fixtures(realm, cleanup);
        String clientId = Fixtures.uniqueName("claims-rename");
        String clientUuid = fixtures.client(clientId);
        realm.clients().get(clientUuid).getProtocolMappers().createMapper(Fixtures.mapper("amp-permissions-mapper", "amp.perms",
                Map.of("access.token.claim", "true"))).close();

        Map<String, Object> claims = Oidc.claims(oidc.accessToken("practice", clientId, "dr.sun.all"));

        assertThat(claims).containsEntry("amp", Map.of("perms", List.of()));
    }
}
