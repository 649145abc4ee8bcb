package io.amp.keycloak.e2e;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.info.ServerInfoRepresentation;
import org.keycloak.representations.info.ThemeInfoRepresentation;

import static org.assertj.core.api.Assertions.assertThat;

class ServerInfoIT {

    @Test
    @DisplayName("Given the distribution with our jars in providers/, then the server lists our providers, both REST surfaces and the theme")
    void providersAreInstalled() {
        Keycloak admin = KeycloakServer.get().admin();
        ServerInfoRepresentation info = admin.serverInfo().getInfo();

        assertThat(info.getSystemInfo().getVersion()).startsWith(System.getProperty("keycloak.dist.version", "26."));
        assertThat(info.getProviders().get("protocol-mapper").getProviders())
                .containsKeys("amp-permissions-mapper", "amp-access-scope-mapper", "amp-sites-mapper", "amp-elevation-mapper");
        assertThat(info.getProviders().get("jpa-entity-provider").getProviders()).containsKeys("amp-sites", "amp-requests", "amp-elevations");
        assertThat(info.getProviders().get("authenticator").getProviders()).containsKeys("amp-emergency-access");
        // The admin surface (/admin/realms/{realm}/amp-*): access requests left it for the user surface.
        assertThat(info.getProviders().get("admin-realm-restapi-extension").getProviders())
                .containsKeys("amp-consultant-access", "amp-permissions", "amp-elevation")
                .doesNotContainKey("amp-access-requests");
        // The user surface (/realms/{realm}/amp/<api>): one realm resource, and each feature's API through AMP's own SPI.
        assertThat(info.getProviders().get("realm-restapi-extension").getProviders()).containsKey("amp");
        assertThat(info.getProviders().get("amp-api").getProviders()).containsOnlyKeys("requests", "elevations", "consultant-access");
        // The AMP tab of the realm settings (declarative UI), the fields each feature adds to it, and the listener that keeps it current.
        assertThat(info.getProviders().get("ui-tab").getProviders()).containsKey("AMP");
        assertThat(info.getProviders().get("amp-settings").getProviders()).containsOnlyKeys("consultant-access", "emergency-access");
        assertThat(info.getProviders().get("eventsListener").getProviders()).containsKey("amp-settings");
        assertThat(info.getThemes().get("login")).extracting(ThemeInfoRepresentation::getName).contains("amp");
    }

    @Test
    @DisplayName("Given the providers' typed configuration, then the server info shows what each runs: the APIs answered, each table set's changelog and clean-up")
    void configurationIsShown() {
        ServerInfoRepresentation info = KeycloakServer.get().admin().serverInfo().getInfo();

        assertThat(info.getProviders().get("realm-restapi-extension").getProviders().get("amp").getOperationalInfo())
                .containsEntry("apis", "consultant-access, elevations, requests")
                // The root pom's revision, through amp-common's filtered version file: one place.
                .containsEntry("version", System.getProperty("amp.version"));
        var entities = info.getProviders().get("jpa-entity-provider").getProviders();
        assertThat(entities.get("amp-requests").getOperationalInfo())
                .containsEntry("changelog", "META-INF/amp-requests-changelog-master.xml")
                .containsEntry("entities", "AmpAccessRequestEntity, AmpPendingRoleEntity")
                // KeycloakServer starts the suite's server with --spi-jpa-entity-provider--amp-*--cleanup-interval-seconds=2.
                .containsEntry("cleanup-interval-seconds", "2");
        assertThat(entities.get("amp-elevations").getOperationalInfo()).containsEntry("cleanup-interval-seconds", "2");
        assertThat(entities.get("amp-sites").getOperationalInfo())
                .containsEntry("changelog", "META-INF/amp-sites-changelog-master.xml")
                .containsEntry("cleanup-interval-seconds", "no clean-up");
    }
}
