package io.amp.keycloak.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Checks the {@code META-INF/services} files of a provider jar: every line must name a public,
 * concrete class with a public no-argument constructor that implements the service it is
 * registered for. Keycloak would otherwise fail at start, or silently skip the factory.
 */
final class ServiceEntries {

    private static final String SERVICES = "META-INF/services/";

    private ServiceEntries() {
    }

    static List<String> problemsIn(Path jar, ClassLoader classes) throws IOException {
        List<String> problems = new ArrayList<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            for (JarEntry entry : Collections.list(file.entries())) {
                if (entry.isDirectory() || !entry.getName().startsWith(SERVICES)) {
                    continue;
                }
                String service = entry.getName().substring(SERVICES.length());
                try (InputStream in = file.getInputStream(entry)) {
                    for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\\R")) {
                        String name = line.replaceAll("#.*", "").trim();
                        if (!name.isEmpty()) {
                            check(jar.getFileName() + " " + service, service, name, classes).ifPresent(problems::add);
                        }
                    }
                }
            }
        }
        return problems;
    }

    /** The service files of a provider jar: each service (the file's name) with the implementations it lists, in order. */
    static Map<String, List<String>> entriesIn(Path jar) throws IOException {
        Map<String, List<String>> entries = new TreeMap<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            for (JarEntry entry : Collections.list(file.entries())) {
                if (entry.isDirectory() || !entry.getName().startsWith(SERVICES)) {
                    continue;
                }
                List<String> names = new ArrayList<>();
                try (InputStream in = file.getInputStream(entry)) {
                    for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\\R")) {
                        String name = line.replaceAll("#.*", "").trim();
                        if (!name.isEmpty()) {
                            names.add(name);
                        }
                    }
                }
                entries.put(entry.getName().substring(SERVICES.length()), names);
            }
        }
        return entries;
    }

    private static Optional<String> check(String where, String service, String implementation, ClassLoader classes) {
        try {
            Class<?> spi = Class.forName(service, false, classes);
            Class<?> type = Class.forName(implementation, false, classes);
            if (!spi.isAssignableFrom(type)) {
                return Optional.of(where + ": " + implementation + " does not implement " + service);
            }
            if (!Modifier.isPublic(type.getModifiers()) || Modifier.isAbstract(type.getModifiers())) {
                return Optional.of(where + ": " + implementation + " is not a public concrete class");
            }
            type.getConstructor();
            return Optional.empty();
        } catch (ClassNotFoundException | NoClassDefFoundError e) {
            return Optional.of(where + ": no class " + e.getMessage());
        } catch (NoSuchMethodException e) {
            return Optional.of(where + ": " + implementation + " has no public no-argument constructor");
        }
    }
}
