package io.amp.keycloak.e2e;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The suite imports one extra realm, {@code broken-catalog}, whose rule names a permission that
 * does not exist. The server must say so when it starts, and still let its users sign in.
 */
class CatalogStartupCheckIT {

    private final KeycloakServer server = KeycloakServer.get();

    @Test
    @DisplayName("Given a broken rule at startup, then the log names realm, client, permission and attribute, and only the demo realms log nothing")
    void startupLogNamesTheProblem() throws IOException {
        List<String> warnings = Files.readAllLines(server.log()).stream()
                .filter(line -> line.contains("Permission catalog of client"))
                .toList();

        assertThat(warnings).singleElement().asString()
                .contains("client broken-app in realm broken-catalog")
                .contains("permission misspelt, attribute requires")
                .contains("'sonud'");
    }

    @Test
    @DisplayName("Given a broken rule, then login still works and the broken permission is withheld")
    void loginStillWorks() {
        Oidc.Response response = new Oidc(server).passwordGrant("broken-catalog", "broken-app", "holder", Oidc.DEMO_PASSWORD);

        assertThat(response.status()).isEqualTo(200);
        assertThat(Oidc.claims(response.string("access_token"))).containsEntry("permissions", List.of("sound"));
    }
}
