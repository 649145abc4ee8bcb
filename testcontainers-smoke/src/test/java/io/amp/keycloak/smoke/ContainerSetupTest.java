package io.amp.keycloak.smoke;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.File;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the smoke tests' container is given, checked without Docker (a KeycloakContainer cannot
 * even be constructed without an engine), so that it runs in every build, including where
 * AmpKeycloakSmokeIT is skipped.
 */
class ContainerSetupTest {

    @Test
    @DisplayName("Given the build, then the seven AMP jars wait to be mounted, the two demo realms are on the classpath, and the image is the tested distribution's")
    void containerSetup() {
        assertThat(AmpKeycloak.providerJars()).extracting(File::getName).containsExactly(
                "amp-access-requests-spi.jar",
                "amp-common.jar",
                "amp-consultant-access-spi.jar",
                "amp-emergency-access-spi.jar",
                "amp-role-mapper-spi.jar",
                "amp-rules.jar",
                "amp-themes.jar");
        for (String realm : AmpKeycloak.REALMS) {
            assertThat(ContainerSetupTest.class.getClassLoader().getResource(realm)).as(realm).isNotNull();
        }
        assertThat(AmpKeycloak.IMAGE).isEqualTo("quay.io/keycloak/keycloak:" + System.getProperty("keycloak.dist.version"));
    }
}
