package io.amp.keycloak.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.RoleRepresentation;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tokens carry keys only: the size for a user holding the whole ehr catalog and for two demo users,
 * printed for the record, beside what Keycloak's full role claim (keep.catalog.roles) would cost.
 */
class TokenSizeIT {

    private final Cleanup cleanup = new Cleanup();

    @AfterEach
    void cleanUp() {
        cleanup.run();
    }

    @Test
    @DisplayName("Given a user holding all 52 ehr permissions, then the permissions claim lists 52 keys and the token stays small")
    @SuppressWarnings("unchecked")
    void wholeCatalog() throws Exception {
        Keycloak admin = KeycloakServer.get().admin();
        RealmResource realm = admin.realm("practice");
        Fixtures fixtures = new Fixtures(realm, cleanup);
        String user = Fixtures.uniqueName("everything");
        String userId = fixtures.user(user, Map.of("user-type", List.of("provider")));
        String ehr = fixtures.clientUuid("ehr");
        List<RoleRepresentation> catalog = realm.clients().get(ehr).roles().list(false).stream()
                .filter(role -> role.getAttributes() != null && List.of("permission").equals(role.getAttributes().get("kind")))
                .toList();
        realm.users().get(userId).roles().clientLevel(ehr).add(catalog);

        String accessToken = new Oidc(KeycloakServer.get()).accessToken("practice", "ehr", user);
        Map<String, Object> claims = Oidc.claims(accessToken);
        int claimBytes = new ObjectMapper().writeValueAsString(claims.get("permissions"))
                .getBytes(StandardCharsets.UTF_8).length;
        int withCatalogRoles = withCatalogRoles(realm, () -> new Oidc(KeycloakServer.get()).accessToken("practice", "ehr", user).length());

        System.out.printf("Token size, whole ehr catalog (%d permissions): permissions claim %d bytes of JSON, access token %d bytes"
                + " (%d with the catalog roles in resource_access too)%n", catalog.size(), claimBytes, accessToken.length(), withCatalogRoles);
        assertThat(catalog).hasSize(52);
        assertThat((List<?>) claims.get("permissions")).hasSize(52);
        // The 52 keys are in the token once: amp-roles leaves the catalog roles out of resource_access
        // (which keeps the account roles a user created through the admin API gets by default).
        assertThat((Map<String, Object>) claims.getOrDefault("resource_access", Map.of())).doesNotContainKey("ehr");
        assertThat(accessToken.length()).isLessThan(8 * 1024).isLessThan(withCatalogRoles);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dr.sun.all", "st.sun.settings"})
    @DisplayName("Given a demo user at ehr, then the access token's size is printed, beside its size with Keycloak's full role claim")
    void demoUser(String username) {
        RealmResource realm = KeycloakServer.get().admin().realm("practice");
        Oidc oidc = new Oidc(KeycloakServer.get());

        int size = oidc.accessToken("practice", "ehr", username).length();
        int withCatalogRoles = withCatalogRoles(realm, () -> oidc.accessToken("practice", "ehr", username).length());

        System.out.printf("Token size, %s at ehr: access token %d bytes (%d with the catalog roles in resource_access too)%n",
                username, size, withCatalogRoles);
        assertThat(size).isLessThan(withCatalogRoles);
    }

    /** What {@code measure} says while the realm's client role mapper keeps the catalog roles, as Keycloak's own does. */
    private int withCatalogRoles(RealmResource realm, IntSupplier measure) {
        Cleanup restore = new Cleanup();
        try {
            NoWithheldPermissionIT.keepCatalogRoles(realm, "true", restore);
            return measure.getAsInt();
        } finally {
            restore.run();
        }
    }
}
