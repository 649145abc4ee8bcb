package io.amp.keycloak.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The claim contract in docs/claims.schema.json, applied to real tokens and responses. */
public final class ClaimsSchema {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchema SCHEMA = load();

    private ClaimsSchema() {
    }

    /** The violations of the contract, empty when the claims conform. */
    public static Set<String> violations(Map<String, Object> claims) {
        return SCHEMA.validate(JSON.valueToTree(claims)).stream()
                .map(ValidationMessage::getMessage)
                .collect(Collectors.toSet());
    }

    private static JsonSchema load() {
        Path file = Path.of(System.getProperty("amp.claims.schema", "../docs/claims.schema.json"));
        try (InputStream in = Files.newInputStream(file)) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the claim schema at " + file.toAbsolutePath(), e);
        }
    }
}
