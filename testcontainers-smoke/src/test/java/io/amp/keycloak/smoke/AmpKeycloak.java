package io.amp.keycloak.smoke;

import dasniko.testcontainers.keycloak.KeycloakContainer;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * The container the smoke tests start, and the setup a relying team copies (README, "Testing your
 * application against AMP with Testcontainers").
 *
 * <p>It is the official image with AMP's jars mounted, not an image built from the project's
 * {@code Dockerfile} through Testcontainers' {@code ImageFromDockerfile}: the recipe fixes
 * {@code KC_DB=postgres} at build time and starts optimized, so it would need a PostgreSQL
 * container beside it and an image build on every run, and it imports no realm. The official
 * image in development mode runs on its embedded database, loads whatever lies in
 * {@code providers/}, and imports the realm files it is given: fewer moving parts, and exactly
 * what a relying team can do with the released jars. The recipe itself is proven by
 * {@code ContainerRecipeIT} in e2e-tests.
 */
final class AmpKeycloak {

    /** The image tag follows the root pom's keycloak.dist.version (passed by surefire and failsafe). */
    static final String IMAGE = "quay.io/keycloak/keycloak:" + System.getProperty("keycloak.dist.version", "26.7.3");

    /** Where the build's install-providers execution left the seven AMP jars (passed by surefire and failsafe). */
    static final Path PROVIDERS = Path.of(System.getProperty("amp.providers.dir", "target/amp/providers"));

    /** The demo realms the tests read, from the amp-realm-config jar on the test classpath. */
    static final String[] REALMS = {"realms/practice-realm.json", "realms/portal-realm.json"};

    /** Every demo user's password, and every demo client's secret (demo realms only). */
    static final String DEMO_PASSWORD = "demo";
    static final String DEMO_CLIENT_SECRET = "demo-secret";

    private AmpKeycloak() {
    }

    /**
     * A new container, not started. Not even constructing it works without a Docker engine (its
     * constructor resolves the image to name its logger), so it is only ever built once
     * DockerAvailable has let the class run.
     */
    static KeycloakContainer container() {
        return new KeycloakContainer(IMAGE)
                // Each jar is copied to /opt/keycloak/providers/<name>; start-dev builds them in.
                .withProviderLibsFrom(providerJars())
                // Classpath resources, copied to /opt/keycloak/data/import/ (the container always
                // starts with --import-realm).
                .withRealmImportFiles(REALMS)
                // The first start builds the jars into Keycloak and imports two realms: give it time.
                .withStartupTimeout(Duration.ofMinutes(5));
    }

    static List<File> providerJars() {
        try (Stream<Path> files = Files.list(PROVIDERS)) {
            List<File> jars = files.filter(file -> file.getFileName().toString().endsWith(".jar"))
                    .sorted().map(Path::toFile).toList();
            if (jars.isEmpty()) {
                throw new IllegalStateException("No AMP provider jar in " + PROVIDERS.toAbsolutePath() + ": build with mvn -B verify");
            }
            return jars;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the AMP provider jars in " + PROVIDERS.toAbsolutePath(), e);
        }
    }
}
