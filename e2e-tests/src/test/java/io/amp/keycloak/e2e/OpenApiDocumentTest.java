package io.amp.keycloak.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/openapi.yaml documents exactly the operations the AMP resources serve, on both surfaces:
 * the admin surface ({@code /admin/realms/{realm}/amp-*}) and the user surface
 * ({@code /realms/{realm}/amp/<api>}), sub-resources included ({@link AmpEndpoints} follows the
 * locators): no more, no fewer, each with a unique operationId and the security scheme of its surface.
 */
class OpenApiDocumentTest {

    private static final String USER_SCHEME = "bearerAuth";
    private static final String ADMIN_SCHEME = "adminBearer";
    private static final Set<String> VERBS = Set.of("get", "put", "post", "delete", "patch", "options", "head", "trace");

    private static final JsonNode DOCUMENT = read();

    /** A documented operation: its verb and path as written, and its definition. */
    private record Operation(String verb, String path, JsonNode definition) {
        String key() {
            return verb.toUpperCase(Locale.ROOT) + " " + normalize(path);
        }

        boolean userSurface() {
            return path.startsWith("/realms/");
        }
    }

    @Test
    @DisplayName("Every operation the resources serve, on either surface, is documented, and nothing else is")
    void documentsEveryOperationAndNothingElse() {
        Set<String> served = served();
        Set<String> documented = documented().stream().map(Operation::key).collect(Collectors.toCollection(TreeSet::new));

        Set<String> undocumented = new TreeSet<>(served);
        undocumented.removeAll(documented);
        Set<String> gone = new TreeSet<>(documented);
        gone.removeAll(served);
        assertThat(undocumented).as("operations in code missing from docs/openapi.yaml").isEmpty();
        assertThat(gone).as("operations in docs/openapi.yaml that no resource serves").isEmpty();
        assertThat(documented().stream().map(Operation::key).toList()).as("an operation documented twice").doesNotHaveDuplicates();
    }

    @Test
    @DisplayName("The walk sees both surfaces and the sub-resources: every API, and consultant access on both surfaces alike")
    void walksBothSurfaces() {
        Set<String> served = served();
        for (AmpEndpoints.Api api : AmpEndpoints.APIS) {
            assertThat(served).as("operations of %s", api.documentedBase()).anyMatch(key -> key.contains(" " + normalize(api.documentedBase()) + "/")
                    || key.endsWith(" " + normalize(api.documentedBase())));
        }
        // Reached through locators only (accounts/{accountId}/..., sites/{siteKey}/grants/...).
        assertThat(served).contains("PUT /realms/{}/amp/consultant-access/accounts/{}/users/{}",
                "DELETE /admin/realms/{}/amp-consultant-access/sites/{}/grants/{}");
        Set<String> onAdmin = relative(served, "/admin/realms/{}/amp-consultant-access");
        Set<String> onUser = relative(served, "/realms/{}/amp/consultant-access");
        assertThat(onUser).as("consultant access on the user surface").isNotEmpty().isEqualTo(onAdmin);
        Set<String> documented = documented().stream().map(Operation::key).collect(Collectors.toSet());
        assertThat(relative(documented, "/realms/{}/amp/consultant-access"))
                .as("consultant access is documented on both surfaces").isEqualTo(relative(documented, "/admin/realms/{}/amp-consultant-access"));
    }

    @Test
    @DisplayName("Every operation has an operationId, and no two share one")
    void operationIdsAreUnique() {
        Map<String, List<String>> byId = new TreeMap<>();
        List<String> without = new ArrayList<>();
        for (Operation operation : documented()) {
            JsonNode id = operation.definition().get("operationId");
            if (id == null || !id.isTextual() || id.asText().isBlank()) {
                without.add(operation.key());
            } else {
                byId.computeIfAbsent(id.asText(), key -> new ArrayList<>()).add(operation.key());
            }
        }
        assertThat(without).as("operations without an operationId").isEmpty();
        assertThat(byId.entrySet().stream().filter(entry -> entry.getValue().size() > 1).map(Map.Entry::toString).toList())
                .as("operationIds used more than once").isEmpty();
    }

    @Test
    @DisplayName("The user surface is secured by bearerAuth and the admin surface by adminBearer, each operation says who may call, and may answer 401")
    void securityAndCallersPerSurface() {
        JsonNode schemes = DOCUMENT.path("components").path("securitySchemes");
        for (String scheme : List.of(USER_SCHEME, ADMIN_SCHEME)) {
            assertThat(schemes.path(scheme).path("type").asText()).as("scheme %s", scheme).isEqualTo("http");
            assertThat(schemes.path(scheme).path("scheme").asText()).as("scheme %s", scheme).isEqualTo("bearer");
        }
        Map<String, String> wrong = new LinkedHashMap<>();
        for (Operation operation : documented()) {
            String expected = operation.userSurface() ? USER_SCHEME : ADMIN_SCHEME;
            JsonNode security = operation.definition().get("security");
            List<String> schemesOf = new ArrayList<>();
            if (security != null) {
                security.forEach(requirement -> requirement.fieldNames().forEachRemaining(schemesOf::add));
            }
            if (!schemesOf.equals(List.of(expected))) {
                wrong.put(operation.key(), "security " + schemesOf + ", expected [" + expected + "]");
            }
            if (!operation.definition().path("description").asText().contains("Who may call:")) {
                wrong.put(operation.key(), "no 'Who may call:' in its description");
            }
            if (!operation.definition().path("responses").has("401")) {
                wrong.put(operation.key(), "no 401 among its responses");
            }
        }
        assertThat(wrong).isEmpty();
    }

    private static Set<String> served() {
        return AmpEndpoints.all().stream().map(endpoint -> endpoint.httpMethod() + " " + normalize(endpoint.documentedPath()))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static List<Operation> documented() {
        List<Operation> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = DOCUMENT.get("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> verbs = path.getValue().fields(); verbs.hasNext(); ) {
                Map.Entry<String, JsonNode> verb = verbs.next();
                if (VERBS.contains(verb.getKey())) {
                    operations.add(new Operation(verb.getKey(), path.getKey(), verb.getValue()));
                }
            }
        }
        return operations;
    }

    /** The operations under {@code base} (normalized), with the base cut off. */
    private static Set<String> relative(Set<String> keys, String base) {
        Set<String> relative = new TreeSet<>();
        for (String key : keys) {
            String[] parts = key.split(" ", 2);
            if (parts[1].equals(base) || parts[1].startsWith(base + "/")) {
                relative.add(parts[0] + " " + parts[1].substring(base.length()));
            }
        }
        return relative;
    }

    private static JsonNode read() {
        try {
            return new ObjectMapper(new YAMLFactory()).readTree(Files.readString(Paths.get("../docs/openapi.yaml")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Path parameters compare by position, not by name. */
    private static String normalize(String path) {
        return path.replaceAll("\\{[^}]+}", "{}").replaceAll("//+", "/");
    }
}
