package io.amp.keycloak.e2e;

import io.amp.keycloak.e2e.DemoData.DemoUser;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DemoUsersIT {

    private final Oidc oidc = new Oidc(KeycloakServer.get());

    @ParameterizedTest(name = "{0}")
    @FieldSource("io.amp.keycloak.e2e.DemoData#USERS")
    @DisplayName("Given a demo user, then the password grant at their realm's application client gives their token")
    void demoUserGetsAToken(DemoUser user) {
        Oidc.Response response = oidc.passwordGrant(user.realm(), user.client(), user.username(), Oidc.DEMO_PASSWORD);

        assertThat(response.status()).as("token response %s", response.body()).isEqualTo(200);
        Map<String, Object> claims = Oidc.claims(response.string("access_token"));
        assertThat(claims)
                .containsEntry("preferred_username", user.username())
                .containsEntry("azp", user.client())
                .containsEntry("iss", KeycloakServer.get().realmUrl(user.realm()));
    }

    @Test
    @DisplayName("Given a wrong password, then no token is issued")
    void wrongPasswordIsRefused() {
        Oidc.Response response = oidc.passwordGrant("workforce", "drchrono", "sam.sales", "not-the-password");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).containsEntry("error", "invalid_grant").doesNotContainKey("access_token");
    }
}
