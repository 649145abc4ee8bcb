package io.amp.keycloak.tokenbenchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A scratch copy of the installation the build left ({@code server/target/keycloak-x.y.z}), one
 * per database, built for production ({@code kc.sh build}). The copy is what runs, so the
 * development installation that {@code ./run.sh} starts is never rebuilt or written to. Building
 * takes half a minute, so a copy whose providers, realm files and build options have not changed
 * since its last build is reused; its database files are removed either way, so every run starts
 * from the demo realms.
 */
public final class Distribution {

    private static final String FINGERPRINT = ".amp-benchmark-build";

    private Distribution() {
    }

    /** The built copy for {@code database}, under {@code out}. */
    public static Path prepare(Path source, Path out, Database database) throws IOException, InterruptedException {
        if (!Files.isExecutable(source.resolve("bin/kc.sh"))) {
            throw new IllegalStateException("No Keycloak installation at " + source + ": build first (benchmark.sh does)");
        }
        Path copy = out.resolve("keycloak-" + database.key()).toAbsolutePath();
        String fingerprint = fingerprint(source, database);
        Path marker = copy.resolve(FINGERPRINT);
        if (Files.exists(marker) && Files.readString(marker).equals(fingerprint)) {
            System.out.printf("Reusing the %s build in %s%n", database.label(), copy);
        } else {
            System.out.printf("Copying %s to %s and building it for %s (kc.sh build, about 30 s) ...%n", source, copy, database.label());
            delete(copy);
            copyTree(source, copy);
            build(copy, database, out.resolve("kc-build-" + database.key() + ".log"));
            Files.writeString(marker, fingerprint);
        }
        // The embedded database's files, and Keycloak's temporary and transaction files: a fresh start.
        for (String data : List.of("data/h2", "data/tmp", "data/transaction-logs")) {
            delete(copy.resolve(data));
        }
        return copy;
    }

    private static void build(Path home, Database database, Path log) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/kc.sh").toString(), "build"));
        command.addAll(database.buildArgs());
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        KeycloakEnvironment.clean(builder.environment());
        Process process = builder.start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("kc.sh build did not finish within 5 minutes (log: " + log + ")");
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("kc.sh build failed with " + process.exitValue() + " (log: " + log + ")");
        }
    }

    /** Names, sizes and times of what the build reads: the providers, the realm files, the distribution's own jars. */
    private static String fingerprint(Path source, Database database) throws IOException {
        StringBuilder text = new StringBuilder(String.join(" ", database.buildArgs())).append('\n');
        for (String folder : List.of("providers", "data/import", "lib/lib/main", "conf")) {
            Path dir = source.resolve(folder);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.sorted().toList()) {
                    if (Files.isRegularFile(file)) {
                        text.append(source.relativize(file)).append(' ').append(Files.size(file)).append(' ')
                                .append(Files.getLastModifiedTime(file).toMillis()).append('\n');
                    }
                }
            }
        }
        return text.toString();
    }

    private static void copyTree(Path source, Path target) throws IOException {
        Files.walkFileTree(source, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) throws IOException {
                Path relative = source.relativize(dir);
                // The development installation's own database and scratch files stay where they are.
                if (relative.startsWith("data") && relative.getNameCount() > 1 && !relative.startsWith("data/import")) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Files.createDirectories(target.resolve(relative.toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.copy(file, target.resolve(source.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES,
                        StandardCopyOption.REPLACE_EXISTING);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    static void delete(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> files = Files.walk(path)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + path, e);
        }
    }
}
