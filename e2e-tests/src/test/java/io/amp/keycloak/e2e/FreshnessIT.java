package io.amp.keycloak.e2e;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.GroupRepresentation;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Changes show in the very next token refresh: nothing is cached across requests. */
class FreshnessIT {

    private final Oidc oidc = new Oidc(KeycloakServer.get());
    private final Cleanup cleanup = new Cleanup();

    @AfterEach
    void cleanUp() {
        cleanup.run();
    }

    private Map<String, Object> refreshed(String realm, String client, Oidc.Response tokens) {
        Oidc.Response refreshed = oidc.refresh(realm, client, tokens.string("refresh_token"));
        assertThat(refreshed.status()).as("refresh %s", refreshed.body()).isEqualTo(200);
        return Oidc.claims(refreshed.string("access_token"));
    }

    @Test
    @DisplayName("Given a department role revoked, then the next refresh drops its permissions")
    void roleRevoked() {
        Keycloak admin = KeycloakServer.get().admin();
        RealmResource realm = admin.realm("workforce");
        Fixtures fixtures = new Fixtures(realm, cleanup);
        String user = Fixtures.uniqueName("revoke");
        String userId = fixtures.user(user);
        String drchrono = fixtures.clientUuid("drchrono");
        realm.users().get(userId).roles().clientLevel(drchrono).add(fixtures.clientRoles("drchrono", "cs-cx-admin"));
        Oidc.Response tokens = oidc.passwordGrant("workforce", "drchrono", user, Oidc.DEMO_PASSWORD);
        assertThat(Oidc.claims(tokens.string("access_token"))).containsEntry("permissions", List.of("biller-btg", "sword-tools"));

        realm.users().get(userId).roles().clientLevel(drchrono).remove(fixtures.clientRoles("drchrono", "cs-cx-admin"));

        assertThat(refreshed("workforce", "drchrono", tokens)).containsEntry("permissions", List.of());
    }

    @Test
    @DisplayName("Given a user removed from the group that grants a role, then the next refresh drops its permissions")
    void leftGroup() {
        Keycloak admin = KeycloakServer.get().admin();
        RealmResource realm = admin.realm("workforce");
        Fixtures fixtures = new Fixtures(realm, cleanup);
        String groupId = fixtures.group(null, Fixtures.uniqueName("grants-sales"), Map.of());
        realm.groups().group(groupId).roles().clientLevel(fixtures.clientUuid("drchrono")).add(fixtures.clientRoles("drchrono", "sales-user"));
        String user = Fixtures.uniqueName("leaver");
        String userId = fixtures.user(user);
        realm.users().get(userId).joinGroup(groupId);
        Oidc.Response tokens = oidc.passwordGrant("workforce", "drchrono", user, Oidc.DEMO_PASSWORD);
        assertThat(Oidc.claims(tokens.string("access_token")))
                .containsEntry("permissions", List.of("account-receivables-access", "sword-tools"));

        realm.users().get(userId).leaveGroup(groupId);

        assertThat(refreshed("workforce", "drchrono", tokens)).containsEntry("permissions", List.of());
    }

    @Test
    @DisplayName("Given a practice group's sharing switched off, then the next refresh narrows message visibility")
    void practiceGroupSettingSwitched() {
        Keycloak admin = KeycloakServer.get().admin();
        RealmResource realm = admin.realm("practice");
        Fixtures fixtures = new Fixtures(realm, cleanup);
        String groupId = fixtures.group("/practice-groups", Fixtures.uniqueName("Test Practice"),
                Map.of("share-communications", List.of("true")));
        String user = Fixtures.uniqueName("switch");
        String userId = fixtures.user(user, Map.of("user-type", List.of("provider")));
        realm.users().get(userId).joinGroup(groupId);
        realm.users().get(userId).roles().clientLevel(fixtures.clientUuid("ehr"))
                .add(fixtures.clientRoles("ehr", "access-to-message-center", "access-all-messages-for-practice-group"));
        Oidc.Response tokens = oidc.passwordGrant("practice", "ehr", user, Oidc.DEMO_PASSWORD);
        assertThat(messages(Oidc.claims(tokens.string("access_token")))).containsEntry("visibility", "all");

        GroupRepresentation group = realm.groups().group(groupId).toRepresentation();
        group.setAttributes(Map.of("share-communications", List.of("false")));
        realm.groups().group(groupId).update(group);

        assertThat(messages(refreshed("practice", "ehr", tokens))).containsEntry("visibility", "own_assigned");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> messages(Map<String, Object> claims) {
        Map<String, Object> scope = (Map<String, Object>) claims.get("access_scope");
        assertThat(scope).as("access_scope").isNotNull();
        return (Map<String, Object>) scope.get("messages");
    }
}
