package io.amp.keycloak.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.RoleRepresentation;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Tokens carry keys only: the size for a user holding the whole ehr catalog, printed for the record. */
class TokenSizeIT {

    private final Cleanup cleanup = new Cleanup();

    @AfterEach
    void cleanUp() {
        cleanup.run();
    }

    @Test
    @DisplayName("Given a user holding all 52 ehr permissions, then the permissions claim lists 52 keys and the token stays small")
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

        System.out.printf("Token size, whole ehr catalog (%d permissions): permissions claim %d bytes of JSON, access token %d bytes%n",
                catalog.size(), claimBytes, accessToken.length());
        assertThat(catalog).hasSize(52);
        assertThat((List<?>) claims.get("permissions")).hasSize(52);
        assertThat(accessToken.length()).isLessThan(8 * 1024);
    }
}
