package io.amp.keycloak.e2e;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceEntriesTest {

    /** What the build installs into providers/: every module of the project that Keycloak loads. */
    private static final String[] INSTALLED = {"amp-rules.jar", "amp-common.jar", "amp-role-mapper-spi.jar", "amp-access-requests-spi.jar",
            "amp-emergency-access-spi.jar", "amp-consultant-access-spi.jar", "amp-themes.jar"};
    private static final String SPI = "org.keycloak.provider.Spi";
    private static final String REALM_RESOURCE = "org.keycloak.services.resource.RealmResourceProviderFactory";
    private static final String ADMIN_RESOURCE = "org.keycloak.services.resources.admin.ext.AdminRealmResourceProviderFactory";
    private static final String AMP_API = "io.amp.keycloak.common.rest.AmpApiProviderFactory";

    private final ClassLoader classes = getClass().getClassLoader();

    private static List<Path> installedProviderJars() throws IOException {
        Path providers = Path.of(System.getProperty("amp.keycloak.home"), "providers");
        try (Stream<Path> jars = Files.list(providers)) {
            return jars.filter(jar -> jar.getFileName().toString().matches("amp-.*\\.jar")).sorted().toList();
        }
    }

    @Test
    @DisplayName("Given the provider jars installed for the suite, then every service entry names a loadable implementation")
    void installedJarsHaveValidServiceEntries() throws IOException {
        List<Path> jars = installedProviderJars();

        assertThat(jars).extracting(jar -> jar.getFileName().toString()).containsExactlyInAnyOrder(INSTALLED);
        for (Path jar : jars) {
            assertThat(ServiceEntries.problemsIn(jar, classes)).as(jar.toString()).isEmpty();
        }
    }

    @Test
    @DisplayName("Given the provider jars installed, then they register both REST surfaces: the admin APIs that remain, and the user APIs under /realms/{realm}/amp")
    void restSurfacesAreRegistered() throws IOException {
        Map<String, Map<String, List<String>>> byJar = new TreeMap<>();
        for (Path jar : installedProviderJars()) {
            byJar.put(jar.getFileName().toString(), ServiceEntries.entriesIn(jar));
        }

        // The user surface: one realm resource (amp) and its own SPI in amp-common, one API per feature jar.
        assertThat(byJar.get("amp-common.jar"))
                .containsEntry(SPI, List.of("io.amp.keycloak.common.rest.AmpApiSpi", "io.amp.keycloak.common.settings.AmpSettingsSpi"))
                .containsEntry(REALM_RESOURCE, List.of("io.amp.keycloak.common.rest.AmpRealmResourceProviderFactory"));
        assertThat(registered(byJar, AMP_API)).containsExactlyInAnyOrder(
                "amp-access-requests-spi.jar: io.amp.keycloak.requests.resource.AccessRequestsApi",
                "amp-emergency-access-spi.jar: io.amp.keycloak.elevation.resource.ElevationsApi",
                "amp-consultant-access-spi.jar: io.amp.keycloak.consultant.resource.ConsultantAccessApi");
        assertThat(registered(byJar, REALM_RESOURCE)).containsExactly("amp-common.jar: io.amp.keycloak.common.rest.AmpRealmResourceProviderFactory");
        assertThat(registered(byJar, SPI)).containsExactly("amp-common.jar: io.amp.keycloak.common.rest.AmpApiSpi",
                "amp-common.jar: io.amp.keycloak.common.settings.AmpSettingsSpi");
        // The admin surface keeps permissions, elevations (active, revoke) and consultant access; access requests left it.
        assertThat(registered(byJar, ADMIN_RESOURCE)).containsExactlyInAnyOrder(
                "amp-role-mapper-spi.jar: io.amp.keycloak.permissions.admin.resource.PermissionsAdminResourceProviderFactory",
                "amp-emergency-access-spi.jar: io.amp.keycloak.elevation.resource.ElevationResourceProviderFactory",
                "amp-consultant-access-spi.jar: io.amp.keycloak.consultant.resource.ConsultantAccessResourceProviderFactory");
    }

    @Test
    @DisplayName("Given the provider jars installed, then amp-common registers the AMP tab and its listener, and each feature jar its fields")
    void settingsTabIsRegistered() throws IOException {
        Map<String, Map<String, List<String>>> byJar = new TreeMap<>();
        for (Path jar : installedProviderJars()) {
            byJar.put(jar.getFileName().toString(), ServiceEntries.entriesIn(jar));
        }

        assertThat(registered(byJar, "org.keycloak.services.ui.extend.UiTabProviderFactory"))
                .containsExactly("amp-common.jar: io.amp.keycloak.common.settings.AmpSettingsTab");
        assertThat(registered(byJar, "io.amp.keycloak.common.settings.AmpSettingsProviderFactory")).containsExactlyInAnyOrder(
                "amp-consultant-access-spi.jar: io.amp.keycloak.consultant.config.ConsultantTabSettings",
                "amp-emergency-access-spi.jar: io.amp.keycloak.elevation.ElevationTabSettings");
        assertThat(byJar.get("amp-common.jar")).containsEntry("org.keycloak.events.EventListenerProviderFactory",
                List.of("io.amp.keycloak.common.settings.AmpSettingsListenerFactory"));
    }

    private static List<String> registered(Map<String, Map<String, List<String>>> byJar, String service) {
        return byJar.entrySet().stream()
                .flatMap(jar -> jar.getValue().getOrDefault(service, List.of()).stream().map(name -> jar.getKey() + ": " + name))
                .toList();
    }

    @Test
    @DisplayName("Given a service entry naming a class that does not exist, then the check reports it")
    void danglingEntryIsReported(@TempDir Path dir) throws IOException {
        Path jar = jarWithServiceFile(dir, "org.keycloak.protocol.ProtocolMapper",
                "io.amp.keycloak.permissions.protocol.mappers.oidc.PermissionsProtocolMapper\nio.amp.keycloak.NoSuchMapper\n");

        assertThat(ServiceEntries.problemsIn(jar, classes))
                .singleElement().asString().contains("io.amp.keycloak.NoSuchMapper");
    }

    @Test
    @DisplayName("Given a service entry naming a class of another SPI, then the check reports it")
    void wrongSpiIsReported(@TempDir Path dir) throws IOException {
        Path jar = jarWithServiceFile(dir, "org.keycloak.protocol.ProtocolMapper",
                "io.amp.keycloak.consultant.resource.ConsultantAccessResourceProviderFactory\n");

        assertThat(ServiceEntries.problemsIn(jar, classes))
                .singleElement().asString().contains("does not implement org.keycloak.protocol.ProtocolMapper");
    }

    private static Path jarWithServiceFile(Path dir, String service, String content) throws IOException {
        Path jar = dir.resolve("broken.jar");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jarOut = new JarOutputStream(out)) {
            jarOut.putNextEntry(new JarEntry("META-INF/services/" + service));
            jarOut.write(content.getBytes(StandardCharsets.UTF_8));
            jarOut.closeEntry();
        }
        return jar;
    }
}
