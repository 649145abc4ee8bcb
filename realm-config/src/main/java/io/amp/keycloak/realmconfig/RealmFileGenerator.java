package io.amp.keycloak.realmconfig;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.keycloak.representations.idm.RealmRepresentation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Expands the YAML realm definitions into realm import files ({@code <realm>-realm.json}), the
 * form that {@code kc.sh start --import-realm} reads from {@code data/import}.
 */
public final class RealmFileGenerator {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final ObjectMapper JSON = new ObjectMapper()
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private RealmFileGenerator() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: RealmFileGenerator <definitions dir> <output dir>");
        }
        Path output = Files.createDirectories(Path.of(args[1]));
        for (Path definition : definitions(Path.of(args[0]))) {
            RealmRepresentation realm = generate(definition);
            JSON.writeValue(output.resolve(realm.getRealm() + "-realm.json").toFile(), realm);
        }
    }

    static RealmRepresentation generate(Path definitionFile) {
        try {
            RealmDefinition definition = YAML.readValue(definitionFile.toFile(), RealmDefinition.class);
            RealmRepresentation realm = definition.realm();
            if (realm == null || realm.getRealm() == null) {
                throw new IllegalArgumentException(definitionFile + " has no realm name");
            }
            if (definition.catalog() != null) {
                new CatalogExpander(definition.catalog()).expandInto(realm);
            }
            DemoDefaults.applyTo(realm);
            RoleValueLimits.check(realm);
            return realm;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read realm definition " + definitionFile + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(definitionFile.getFileName() + ": " + e.getMessage(), e);
        }
    }

    static List<Path> definitions(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".yaml")).sorted().toList();
        }
    }
}
