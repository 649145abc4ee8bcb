package io.amp.keycloak.e2e;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** GET /realms/{realm}/amp/consultant-access/me: any signed-in user of the realm, about themselves. */
class ConsultantAccessLevelIT {

    private static final String ME = Portal.USER_API + "me";

    private final Oidc oidc = new Oidc(KeycloakServer.get());

    @ParameterizedTest(name = "{0}: level {1}, consultant {2}")
    @CsvSource({
            "alice.admin,     30, false",
            "dan.dept,        20, false",
            "vera.viewer,     10, false",
            "carl.consultant, 80, true",
            "nina.nogrant,    80, true",
            "bea.btt,         90, true",
    })
    @DisplayName("Given a portal user's token, then the endpoint tells their access level and whether they are a consultant")
    void ownLevel(String username, int level, boolean consultant) {
        Oidc.Response response = oidc.get(ME, oidc.accessToken("portal", "portal", username));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body())
                .containsEntry("username", username)
                .containsEntry("accessLevel", level)
                .containsEntry("consultant", consultant);
    }

    @Test
    @DisplayName("Given no token, then 401")
    void anonymousIsUnauthorized() {
        assertThat(oidc.get(ME, null).status()).isEqualTo(401);
    }

    @Test
    @DisplayName("Given a token of another realm, then it is not accepted for the portal realm")
    void tokenOfAnotherRealmIsRefused() {
        String workforceToken = oidc.accessToken("workforce", "drchrono", "sam.sales");

        // Changed with the move to the user surface: this was a 403 "Use a token of realm portal" on the admin path;
        // /realms/portal/amp takes a bearer token of the portal realm only, so Keycloak's bearer check answers 401.
        assertThat(oidc.get(ME, workforceToken).status()).isEqualTo(401);
        assertThat(oidc.get(ME, oidc.adminToken()).status()).as("a token of master").isEqualTo(401);
    }

    @Test
    @DisplayName("Given the master admin on the admin surface, then 403: there is no 'own level' for a user of another realm")
    void masterAdminOnTheAdminSurface() {
        Oidc.Response response = oidc.get(Portal.ADMIN_API + "me", oidc.adminToken());

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.string("errorMessage")).startsWith("Use a token of realm portal");
    }
}
