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
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceEntriesTest {

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

        assertThat(jars).extracting(jar -> jar.getFileName().toString())
                .contains("amp-role-mapper-spi.jar", "amp-consultant-access-spi.jar", "amp-themes.jar");
        for (Path jar : jars) {
            assertThat(ServiceEntries.problemsIn(jar, classes)).as(jar.toString()).isEmpty();
        }
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
