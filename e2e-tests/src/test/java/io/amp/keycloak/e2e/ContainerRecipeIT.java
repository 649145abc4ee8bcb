package io.amp.keycloak.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The container recipe (the repository's {@code Dockerfile}) without Docker: this test reads the
 * Dockerfile and runs its steps on a copy of the unpacked distribution, as the image build would
 * inside the official image: the build stage's {@code ENV} lines become the environment, its
 * {@code COPY} lines copy the provider jars into {@code providers/}, its {@code RUN} line runs
 * {@code kc.sh build}, and the runtime stage's {@code ENTRYPOINT} and {@code CMD} start the server
 * ({@code start --optimized}), with the runtime settings an operator passes to {@code docker run}
 * (database URL and credentials, HTTP). The recipe builds for PostgreSQL, so the test needs one
 * (127.0.0.1:5432); where none answers it is skipped with a notice.
 */
class ContainerRecipeIT {

    private static final String IMAGE_HOME = "/opt/keycloak/";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private static ScratchDatabase database;
    private static Process server;
    private static Path log;
    private static URI base;
    private static URI management;
    private static Recipe recipe;

    /** What the test takes from the Dockerfile. */
    record Recipe(Map<String, String> buildEnv, List<String[]> copies, List<String> run, List<String> entrypoint, List<String> cmd) {
    }

    @BeforeAll
    static void buildAndStartAsTheRecipeSays() throws Exception {
        database = ScratchDatabase.createOrSkip(ScratchDatabase.Kind.POSTGRES, "ContainerRecipeIT");
        Path installed = Path.of(System.getProperty("amp.keycloak.home")).toAbsolutePath();
        Path root = installed.getParent().getParent().getParent();
        recipe = read(root.resolve("Dockerfile"));

        // The official image: Keycloak as distributed, without AMP's jars, realms or data.
        Path home = installed.resolveSibling(installed.getFileName() + "-recipe");
        copyPristine(installed, home);

        for (String[] copy : recipe.copies()) {
            copyMatching(root, copy[0], inImage(home, copy[1]));
        }
        List<String> build = inImage(home, recipe.run());
        ProcessBuilder buildProcess = new ProcessBuilder(build).directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(home.resolveSibling("keycloak-recipe-build.log").toFile());
        buildProcess.environment().keySet().removeIf(name -> name.startsWith("KC_"));
        buildProcess.environment().putAll(recipe.buildEnv());
        Process running = buildProcess.start();
        assertThat(running.waitFor(5, TimeUnit.MINUTES)).as("kc.sh build finished").isTrue();
        assertThat(running.exitValue()).as("kc.sh build (log: keycloak-recipe-build.log)").isZero();

        int httpPort = freePort();
        int managementPort = freePort();
        List<String> start = new ArrayList<>(inImage(home, recipe.entrypoint()));
        start.addAll(recipe.cmd());
        // What an operator passes to docker run (README, "Container image"): the database's URL and
        // credentials (its kind is built in), the ports, plain HTTP on loopback.
        database.serverArgs().stream().filter(arg -> !arg.startsWith("--db=")).forEach(start::add);
        log = home.resolveSibling("keycloak-recipe.log");
        ProcessBuilder startProcess = new ProcessBuilder(start).directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = startProcess.environment();
        env.keySet().removeIf(name -> name.startsWith("KC_"));
        env.put("KC_HOSTNAME_STRICT", "false");
        env.put("KC_HTTP_ENABLED", "true");
        env.put("KC_HTTP_PORT", Integer.toString(httpPort));
        env.put("KC_HTTP_MANAGEMENT_PORT", Integer.toString(managementPort));
        env.put("KC_CACHE_EMBEDDED_NETWORK_BIND_ADDRESS", "127.0.0.1");
        env.put("KC_CACHE_EMBEDDED_NETWORK_BIND_PORT", Integer.toString(freePort()));
        env.put("KC_BOOTSTRAP_ADMIN_USERNAME", KeycloakServer.ADMIN_USERNAME);
        env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", KeycloakServer.ADMIN_PASSWORD);
        Instant started = Instant.now();
        server = startProcess.start();
        base = URI.create("http://127.0.0.1:" + httpPort + "/");
        management = URI.create("http://127.0.0.1:" + managementPort + "/");
        awaitReady(started);
    }

    @AfterAll
    static void stopAndDrop() throws Exception {
        if (server != null) {
            server.toHandle().descendants().forEach(ProcessHandle::destroy);
            server.destroy();
            if (!server.waitFor(60, TimeUnit.SECONDS)) {
                server.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
                server.destroyForcibly();
            }
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    @DisplayName("Given the Dockerfile's steps, then the server starts optimized for PostgreSQL without rebuilding, healthy")
    void startsOptimized() throws Exception {
        assertThat(recipe.buildEnv()).containsEntry("KC_DB", "postgres");
        assertThat(recipe.cmd()).containsExactly("start", "--optimized");
        assertThat(get(management.resolve("health/ready"), null).statusCode()).isEqualTo(200);
        String text = Files.readString(log);
        assertThat(text).as("no build at start: everything was built by the recipe's RUN")
                .doesNotContain("Updating the configuration and installing your custom providers");
    }

    @Test
    @DisplayName("Given the Dockerfile's steps, then every AMP provider is installed and AMP's changelogs ran on PostgreSQL")
    void ampIsInstalled() throws Exception {
        String token = adminToken();
        JsonNode info = JSON.readTree(get(base.resolve("admin/serverinfo"), token).body());
        List<String> mappers = new ArrayList<>();
        info.path("providers").path("protocol-mapper").path("providers").fieldNames().forEachRemaining(mappers::add);
        assertThat(mappers).contains("amp-permissions-mapper", "amp-access-scope-mapper", "amp-elevation-mapper",
                "amp-client-roles-mapper", "amp-audience-permissions-mapper", "amp-sites-mapper");
        List<String> entities = new ArrayList<>();
        info.path("providers").path("jpa-entity-provider").path("providers").fieldNames().forEachRemaining(entities::add);
        assertThat(entities).contains("amp-requests", "amp-elevations", "amp-sites");
        List<String> themes = new ArrayList<>();
        info.path("themes").path("login").forEach(theme -> themes.add(theme.path("name").asText()));
        assertThat(themes).contains("amp");
        // The build stage's KC_FEATURES turns on the declarative UI, so the console has the AMP tab.
        List<String> tabs = new ArrayList<>();
        info.path("componentTypes").path("org.keycloak.services.ui.extend.UiTabProvider").forEach(tab -> tabs.add(tab.path("id").asText()));
        assertThat(tabs).contains("AMP");
        for (String table : List.of("DATABASECHANGELOG_AMP_SITES", "AMP_SITE", "AMP_SITE_GRANT", "AMP_ELEVATION")) {
            // A missing table fails the query; the changelog's own table holds its change sets.
            long rows = database.count("select count(*) from " + table);
            assertThat(rows).as(table).isGreaterThanOrEqualTo(table.startsWith("DATABASECHANGELOG") ? 1 : 0);
        }
    }

    // ---- the Dockerfile ----

    static Recipe read(Path dockerfile) throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        List<String[]> copies = new ArrayList<>();
        List<String> run = null;
        List<String> entrypoint = null;
        List<String> cmd = null;
        int stage = 0;
        for (String raw : Files.readAllLines(dockerfile)) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String instruction = line.split("\\s+", 2)[0];
            String rest = line.substring(instruction.length()).strip();
            switch (instruction) {
                case "FROM" -> stage++;
                case "ENV" -> {
                    if (stage == 1) {
                        String[] pair = rest.split("=", 2);
                        env.put(pair[0], pair[1]);
                    }
                }
                case "COPY" -> {
                    if (stage == 1 && !rest.startsWith("--from")) {
                        String[] parts = rest.split("\\s+");
                        copies.add(new String[] {parts[0], parts[1]});
                    }
                }
                case "RUN" -> {
                    if (stage == 1) {
                        run = List.of(rest.split("\\s+"));
                    }
                }
                case "ENTRYPOINT" -> entrypoint = jsonArray(rest);
                case "CMD" -> cmd = jsonArray(rest);
                default -> {
                }
            }
        }
        assertThat(stage).as("a build stage and a runtime stage").isEqualTo(2);
        assertThat(copies).as("COPY lines of the build stage").isNotEmpty();
        assertThat(run).as("the build stage's RUN").isNotNull();
        assertThat(entrypoint).isNotNull();
        assertThat(cmd).isNotNull();
        return new Recipe(env, copies, run, entrypoint, cmd);
    }

    private static List<String> jsonArray(String text) throws IOException {
        List<String> values = new ArrayList<>();
        JSON.readTree(text).forEach(value -> values.add(value.asText()));
        return values;
    }

    /** A path of the image, under this copy of the distribution. */
    private static Path inImage(Path home, String path) {
        assertThat(path).as("a path of the image").startsWith(IMAGE_HOME);
        return home.resolve(path.substring(IMAGE_HOME.length()));
    }

    private static List<String> inImage(Path home, List<String> command) {
        List<String> resolved = new ArrayList<>(command);
        resolved.set(0, inImage(home, command.get(0)).toString());
        return resolved;
    }

    /** The files under {@code root} that a COPY source (wildcards in any segment) names, into a folder. */
    private static void copyMatching(Path root, String source, Path folder) throws IOException {
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + source);
        List<Path> matches;
        try (Stream<Path> files = Files.walk(root.resolve(source.substring(0, source.indexOf('/'))))) {
            matches = files.filter(Files::isRegularFile).filter(file -> matcher.matches(root.relativize(file))).toList();
        }
        assertThat(matches).as("files for COPY %s", source).isNotEmpty();
        Files.createDirectories(folder);
        for (Path match : matches) {
            Files.copy(match, folder.resolve(match.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The installation as Keycloak ships it: the suite's copy without AMP's jars, realms and data. */
    private static void copyPristine(Path from, Path to) throws IOException {
        if (Files.exists(to)) {
            try (Stream<Path> old = Files.walk(to)) {
                old.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : (Iterable<Path>) paths::iterator) {
                Path relative = from.relativize(source);
                boolean amp = relative.startsWith("providers") && relative.getFileName().toString().startsWith("amp-");
                if (amp || relative.startsWith("data")) {
                    continue;
                }
                Path target = to.resolve(relative);
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    // ---- HTTP ----

    private static void awaitReady(Instant started) throws Exception {
        Instant deadline = started.plus(Duration.ofMinutes(4));
        while (Instant.now().isBefore(deadline)) {
            assertThat(server.isAlive()).as("server exited early; log: %s", log).isTrue();
            try {
                if (get(base.resolve("realms/master"), null).statusCode() == 200) {
                    System.out.printf("Keycloak from the container recipe ready at %s in %d s (log: %s)%n", base,
                            Duration.between(started, Instant.now()).toSeconds(), log);
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("Keycloak from the container recipe not ready in 4 minutes; log: " + log);
    }

    private static HttpResponse<String> get(URI uri, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String adminToken() throws IOException, InterruptedException {
        String form = "grant_type=password&client_id=admin-cli&username=" + URLEncoder.encode(KeycloakServer.ADMIN_USERNAME, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(KeycloakServer.ADMIN_PASSWORD, StandardCharsets.UTF_8);
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(base.resolve("realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).path("access_token").asText();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
