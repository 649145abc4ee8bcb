package io.amp.keycloak.e2e;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;

class ThemeIT {

    @Test
    @DisplayName("Given the practice realm, then its login page is rendered with the amp theme over keycloak.v2")
    void practiceLoginPageUsesAmpTheme() {
        KeycloakServer server = KeycloakServer.get();
        URI loginPage = URI.create(server.realmUrl("practice") + "/protocol/openid-connect/auth"
                + "?client_id=ehr&response_type=code&scope=openid&redirect_uri=http%3A%2F%2Flocalhost%3A1%2Fcallback");

        String html = new Oidc(server).getText(loginPage);

        assertThat(html).contains("/login/amp/css/amp.css").contains("/login/amp/css/styles.css")
                .contains("name=\"username\"").contains("name=\"password\"");
    }
}
