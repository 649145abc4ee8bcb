package io.amp.keycloak.e2e;

import io.amp.keycloak.client.representation.AccessLevel;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.amp.keycloak.e2e.AmpApi.refusal;
import static org.assertj.core.api.Assertions.assertThat;

/** GET /realms/{realm}/amp/consultant-access/me: any signed-in user of the realm, about themselves. */
class ConsultantAccessLevelIT {

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
        AccessLevel me = Portal.api(oidc.accessToken("portal", "portal", username)).me();

        assertThat(me).isEqualTo(new AccessLevel(username, level, consultant));
    }

    @Test
    @DisplayName("Given no token, then 401")
    void anonymousIsUnauthorized() {
        assertThat(refusal(() -> Portal.api(null).me()).status()).isEqualTo(401);
    }

    @Test
    @DisplayName("Given a token of another realm, then it is not accepted for the portal realm")
    void tokenOfAnotherRealmIsRefused() {
        String workforceToken = oidc.accessToken("workforce", "drchrono", "sam.sales");

        // Changed with the move to the user surface: this was a 403 "Use a token of realm portal" on the admin path;
        // /realms/portal/amp takes a bearer token of the portal realm only, so Keycloak's bearer check answers 401.
        assertThat(refusal(() -> Portal.api(workforceToken).me()).status()).isEqualTo(401);
        assertThat(refusal(() -> Portal.api(oidc.adminToken()).me()).status()).as("a token of master").isEqualTo(401);
    }

    @Test
    @DisplayName("Given the master admin on the admin surface, then 403: there is no 'own level' for a user of another realm")
    void masterAdminOnTheAdminSurface() {
        AmpApi.Refusal refused = refusal(() -> Portal.adminApi().me());

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.message()).startsWith("Use a token of realm portal");
    }
}
