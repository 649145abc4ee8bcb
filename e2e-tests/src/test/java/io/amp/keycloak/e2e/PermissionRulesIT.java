package io.amp.keycloak.e2e;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.RoleRepresentation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Catalog rules in a running Keycloak: applied in tokens, validated, explained, failing closed. */
class PermissionRulesIT {

    private final KeycloakServer server = KeycloakServer.get();
    private final Oidc oidc = new Oidc(server);
    private final Cleanup cleanup = new Cleanup();

    @AfterEach
    void cleanUp() {
        cleanup.run();
    }

    private String adminToken() {
        return oidc.adminToken();
    }

    private static String userId(RealmResource realm, String username) {
        return realm.users().searchByUsername(username, true).get(0).getId();
    }

    @Test
    @DisplayName("Given st.sun.settings holding Account Settings without Settings, then the token withholds it")
    void requirementUnmet() {
        assertThat(Oidc.claims(oidc.accessToken("practice", "ehr", "st.sun.settings")))
                .containsEntry("permissions", List.of("access-to-message-center"));
    }

    @Test
    @DisplayName("Given the seed's rules on the ehr catalog, then they are role attributes an admin can read")
    void rulesAreRoleAttributes() {
        Keycloak admin = server.admin();
        RealmResource realm = admin.realm("practice");
        String ehr = realm.clients().findByClientId("ehr").get(0).getId();

        assertThat(realm.clients().get(ehr).roles().get("account-settings").toRepresentation().getAttributes())
                .containsEntry("requires", List.of("settings"));
        assertThat(realm.clients().get(ehr).roles().get("access-billing").toRepresentation().getAttributes())
                .containsEntry("implies", List.of("access-patient-payments"));
        assertThat(realm.clients().get(ehr).roles().get("disable-send-to-all-patients-option").toRepresentation().getAttributes())
                .containsEntry("inverted", List.of("true"));
    }

    @Nested
    @DisplayName("catalog validation")
    class Validation {

        @Test
        @DisplayName("Given the demo ehr catalog, then it validates clean with 52 permissions")
        void demoCatalogIsValid() {
            Oidc.Response response = oidc.get("admin/realms/practice/amp-permissions/clients/ehr/catalog/validation", adminToken());

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body()).containsEntry("permissions", 52).containsEntry("valid", true)
                    .containsEntry("problems", List.of());
        }

        @Test
        @DisplayName("Given broken rules, then validation names each, and login still works with only the sound permissions")
        void brokenCatalogFailsClosed() {
            Keycloak admin = server.admin();
            RealmResource realm = admin.realm("practice");
            Fixtures fixtures = new Fixtures(realm, cleanup);
            String clientId = Fixtures.uniqueName("broken-catalog");
            String clientUuid = fixtures.client(clientId);
            List<RoleRepresentation> roles = new ArrayList<>();
            roles.add(fixtures.permission(clientUuid, "unknown-name", Map.of("requires", List.of("no-such-permission"))));
            roles.add(fixtures.permission(clientUuid, "other-client", Map.of("implies", List.of("drchrono/sword-tools"))));
            roles.add(fixtures.permission(clientUuid, "cycle-a", Map.of("implies", List.of("cycle-b"))));
            roles.add(fixtures.permission(clientUuid, "cycle-b", Map.of("requires", List.of("cycle-a"))));
            roles.add(fixtures.permission(clientUuid, "bad-flag", Map.of("inverted", List.of("maybe"))));
            roles.add(fixtures.permission(clientUuid, "sound", Map.of()));
            String user = Fixtures.uniqueName("broken");
            String userId = fixtures.user(user);
            realm.users().get(userId).roles().clientLevel(clientUuid).add(roles);

            Oidc.Response validation = oidc.get("admin/realms/practice/amp-permissions/clients/" + clientId + "/catalog/validation", adminToken());
            Oidc.Response token = oidc.passwordGrant("practice", clientId, user, Oidc.DEMO_PASSWORD);

            assertThat(validation.status()).isEqualTo(200);
            assertThat(validation.body()).containsEntry("valid", false);
            List<Object> flagged = ((List<?>) validation.body().get("problems")).stream()
                    .map(problem -> ((Map<?, ?>) problem).get("permission")).map(Object.class::cast).toList();
            assertThat(flagged).containsExactlyInAnyOrder("unknown-name", "other-client", "cycle-a", "bad-flag");
            assertThat(validation.body().get("problems").toString())
                    .contains("no-such-permission").contains("another client").contains("cycle-a -> cycle-b -> cycle-a")
                    .contains("true or false");
            assertThat(token.status()).isEqualTo(200);
            assertThat(Oidc.claims(token.string("access_token"))).containsEntry("permissions", List.of("sound"));
        }

        @Test
        @DisplayName("Given no token 401, a practice user 403, an unknown client 404")
        void authorization() {
            String path = "admin/realms/practice/amp-permissions/clients/ehr/catalog/validation";

            assertThat(oidc.get(path, null).status()).isEqualTo(401);
            assertThat(oidc.get(path, oidc.accessToken("practice", "ehr", "dr.sun.all")).status()).isEqualTo(403);
            Oidc.Response missing = oidc.get("admin/realms/practice/amp-permissions/clients/no-such-client/catalog/validation", adminToken());
            assertThat(missing.status()).isEqualTo(404);
            assertThat(missing.body()).containsEntry("errorMessage", "Client not found");
        }
    }

    @Nested
    @DisplayName("explain")
    class Explain {

        @Test
        @DisplayName("Given st.sun.settings, then explain shows each effective permission's grant and the withheld one's missing requirement")
        void explainsWithheldPermission() {
            Keycloak admin = server.admin();
            String id = userId(admin.realm("practice"), "st.sun.settings");

            Oidc.Response response = oidc.get("admin/realms/practice/amp-permissions/users/" + id + "/clients/ehr/explain", adminToken());

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body()).containsEntry("username", "st.sun.settings").containsEntry("clientId", "ehr");
            assertThat(response.body()).extractingByKey("resolution").asInstanceOf(InstanceOfAssertFactories.MAP)
                    .containsEntry("effective", List.of("access-to-message-center"))
                    .containsEntry("withheld", List.of(Map.of("permission", "account-settings", "reason", "requires settings")))
                    .containsEntry("explanations", List.of(Map.of("permission", "access-to-message-center",
                            "grantedBy", List.of("direct > access-to-message-center"), "impliedBy", List.of())));
        }

        @Test
        @DisplayName("Given sam.sales, then explain traces sword-tools through his department role")
        void explainsCompositePath() {
            Keycloak admin = server.admin();
            String id = userId(admin.realm("workforce"), "sam.sales");

            Oidc.Response response = oidc.get("admin/realms/workforce/amp-permissions/users/" + id + "/clients/drchrono/explain", adminToken());

            assertThat(response.body().get("resolution").toString()).contains("direct > sales-user > sword-tools");
        }

        @Test
        @DisplayName("Given a delegated admin who may view users (realm-management view-users), then explain answers, and catalog validation stays closed")
        void delegatedAdmin() {
            Keycloak admin = server.admin();
            RealmResource realm = admin.realm("practice");
            Fixtures fixtures = new Fixtures(realm, cleanup);
            String helpdesk = Fixtures.uniqueName("helpdesk");
            String helpdeskId = fixtures.user(helpdesk);
            realm.users().get(helpdeskId).roles().clientLevel(fixtures.clientUuid("realm-management"))
                    .add(fixtures.clientRoles("realm-management", "view-users"));
            String token = oidc.accessToken("practice", "ehr", helpdesk);
            String id = userId(realm, "st.sun.settings");

            assertThat(oidc.get("admin/realms/practice/amp-permissions/users/" + id + "/clients/ehr/explain", token).status())
                    .isEqualTo(200);
            assertThat(oidc.get("admin/realms/practice/amp-permissions/clients/ehr/catalog/validation", token).status())
                    .isEqualTo(403);
        }

        @Test
        @DisplayName("Given no token 401, a user asking about another 403, unknown user or client 404")
        void authorization() {
            Keycloak admin = server.admin();
            String id = userId(admin.realm("practice"), "st.sun.settings");
            String path = "admin/realms/practice/amp-permissions/users/" + id + "/clients/ehr/explain";

            assertThat(oidc.get(path, null).status()).isEqualTo(401);
            String practiceUser = oidc.accessToken("practice", "ehr", "dr.sun.all");
            assertThat(oidc.get(path, practiceUser).status()).isEqualTo(403);
            assertThat(oidc.get("admin/realms/practice/amp-permissions/users/no-such-user/clients/ehr/explain", practiceUser).status())
                    .as("an unknown id is not revealed to a caller who may not search users").isEqualTo(403);
            assertThat(oidc.get("admin/realms/practice/amp-permissions/users/no-such-user/clients/ehr/explain", adminToken()).status())
                    .isEqualTo(404);
            assertThat(oidc.get("admin/realms/practice/amp-permissions/users/" + id + "/clients/no-such-client/explain", adminToken()).status())
                    .isEqualTo(404);
        }
    }
}
