package io.amp.keycloak.e2e;

import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.RealmResource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad mapper settings are refused when an admin saves them, never at login. */
class MapperConfigIT {

    private final Cleanup cleanup = new Cleanup();

    @AfterEach
    void cleanUp() {
        cleanup.run();
    }

    @ParameterizedTest(name = "{0}: claim ''{1}'', access token ''{2}'' -> {3}")
    @CsvSource(delimiter = '|', value = {
            "amp-permissions-mapper  | permissions   | true  | 201 | ",
            "amp-access-scope-mapper | access_scope  | true  | 201 | ",
            "amp-permissions-mapper  | ''            | true  | 400 | Token claim name is required",
            "amp-access-scope-mapper | amp..scope    | true  | 400 | empty path segment",
            "amp-permissions-mapper  | permissions   | yes   | 400 | must be true or false",
    })
    @DisplayName("Given mapper settings, then the admin API accepts the sound ones and refuses the rest with a reason")
    void validateConfig(String type, String claimName, String accessToken, int status, String reason) {
        Keycloak admin = KeycloakServer.get().admin();
        RealmResource realm = admin.realm("practice");
        String clientUuid = new Fixtures(realm, cleanup).client(Fixtures.uniqueName("mapper-config"));

        try (Response response = realm.clients().get(clientUuid).getProtocolMappers()
                .createMapper(Fixtures.mapper(type, claimName, Map.of("access.token.claim", accessToken)))) {
            assertThat(response.getStatus()).isEqualTo(status);
            if (reason != null) {
                assertThat(response.readEntity(String.class)).contains(reason);
                assertThat(realm.clients().get(clientUuid).getProtocolMappers().getMappers())
                        .noneMatch(mapper -> mapper.getProtocolMapper().equals(type));
            }
        }
    }
}
