package io.amp.keycloak.e2e;

import io.amp.keycloak.client.representation.CatalogValidation;
import io.amp.keycloak.client.representation.PermissionExplanation;
import io.amp.keycloak.client.representation.PermissionExplanation.Explained;
import io.amp.keycloak.client.representation.PermissionExplanation.Withheld;
import io.amp.keycloak.client.resource.PermissionsAdminResource;
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

import static io.amp.keycloak.e2e.AmpApi.refusal;
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

    /** The permissions admin API of {@code realm}, as the master administrator. */
    private static PermissionsAdminResource permissions(String realm) {
        return AmpApi.admin().admin(realm).permissions();
    }

    /** The permissions admin API of the practice realm, called with {@code accessToken} (null: none). */
    private static PermissionsAdminResource permissionsAs(String accessToken) {
        return AmpApi.as(accessToken).admin("practice").permissions();
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
            CatalogValidation validation = permissions("practice").validateCatalog("ehr");

            assertThat(validation).extracting(CatalogValidation::permissions, CatalogValidation::valid, CatalogValidation::problems)
                    .containsExactly(52, true, List.of());
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

            CatalogValidation validation = permissions("practice").validateCatalog(clientId);
            Oidc.Response token = oidc.passwordGrant("practice", clientId, user, Oidc.DEMO_PASSWORD);

            assertThat(validation.valid()).isFalse();
            assertThat(validation.problems()).extracting(CatalogValidation.Problem::permission)
                    .containsExactlyInAnyOrder("unknown-name", "other-client", "cycle-a", "bad-flag");
            assertThat(validation.problems().stream()
                    .map(problem -> problem.permission() + " " + problem.attribute() + " " + problem.message()).toList().toString())
                    .contains("no-such-permission").contains("another client").contains("cycle-a -> cycle-b -> cycle-a")
                    .contains("true or false");
            assertThat(token.status()).isEqualTo(200);
            assertThat(Oidc.claims(token.string("access_token"))).containsEntry("permissions", List.of("sound"));
        }

        @Test
        @DisplayName("Given no token 401, a practice user 403, an unknown client 404")
        void authorization() {
            assertThat(refusal(() -> permissionsAs(null).validateCatalog("ehr")).status()).isEqualTo(401);
            assertThat(refusal(() -> permissionsAs(oidc.accessToken("practice", "ehr", "dr.sun.all")).validateCatalog("ehr")).status())
                    .isEqualTo(403);
            assertThat(refusal(() -> permissions("practice").validateCatalog("no-such-client")))
                    .isEqualTo(new AmpApi.Refusal(404, "Client not found"));
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

            PermissionExplanation explanation = permissions("practice").explain(id, "ehr");

            assertThat(explanation.username()).isEqualTo("st.sun.settings");
            assertThat(explanation.clientId()).isEqualTo("ehr");
            assertThat(explanation.resolution()).isEqualTo(new PermissionExplanation.Resolution(
                    List.of("access-to-message-center"),
                    List.of(new Explained("access-to-message-center", List.of("direct > access-to-message-center"), List.of())),
                    List.of(new Withheld("account-settings", "requires settings"))));
        }

        @Test
        @DisplayName("Given sam.sales, then explain traces sword-tools through his department role")
        void explainsCompositePath() {
            Keycloak admin = server.admin();
            String id = userId(admin.realm("workforce"), "sam.sales");

            PermissionExplanation explanation = permissions("workforce").explain(id, "drchrono");

            assertThat(explanation.resolution().explanations()).flatExtracting(Explained::grantedBy)
                    .anySatisfy(grant -> assertThat(grant).contains("direct > sales-user > sword-tools"));
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
            PermissionsAdminResource asHelpdesk = permissionsAs(oidc.accessToken("practice", "ehr", helpdesk));
            String id = userId(realm, "st.sun.settings");

            assertThat(asHelpdesk.explain(id, "ehr").username()).isEqualTo("st.sun.settings");
            assertThat(refusal(() -> asHelpdesk.validateCatalog("ehr")).status()).isEqualTo(403);
        }

        @Test
        @DisplayName("Given no token 401, a user asking about another 403, unknown user or client 404")
        void authorization() {
            Keycloak admin = server.admin();
            String id = userId(admin.realm("practice"), "st.sun.settings");
            assertThat(refusal(() -> permissionsAs(null).explain(id, "ehr")).status()).isEqualTo(401);
            PermissionsAdminResource practiceUser = permissionsAs(oidc.accessToken("practice", "ehr", "dr.sun.all"));
            assertThat(refusal(() -> practiceUser.explain(id, "ehr")).status()).isEqualTo(403);
            assertThat(refusal(() -> practiceUser.explain("no-such-user", "ehr")).status())
                    .as("an unknown id is not revealed to a caller who may not search users").isEqualTo(403);
            assertThat(refusal(() -> permissions("practice").explain("no-such-user", "ehr")).status()).isEqualTo(404);
            assertThat(refusal(() -> permissions("practice").explain(id, "no-such-client")).status()).isEqualTo(404);
        }
    }
}
