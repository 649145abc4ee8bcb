package io.amp.keycloak.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.amp.keycloak.consultant.resource.ConsultantAccessResource;
import io.amp.keycloak.consultant.resource.ConsultantAccessResourceProviderFactory;
import io.amp.keycloak.permissions.admin.resource.PermissionsAdminResource;
import io.amp.keycloak.permissions.admin.resource.PermissionsAdminResourceProviderFactory;
import io.amp.keycloak.elevation.resource.ElevationResource;
import io.amp.keycloak.elevation.resource.ElevationResourceProviderFactory;
import io.amp.keycloak.requests.resource.AccessRequestsResource;
import io.amp.keycloak.requests.resource.AccessRequestsResourceProviderFactory;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/openapi.yaml documents exactly the operations the AMP admin resources serve: no more, no fewer. */
class OpenApiDocumentTest {

    private static final Map<String, Class<?>> RESOURCES = Map.of(
            PermissionsAdminResourceProviderFactory.PROVIDER_ID, PermissionsAdminResource.class,
            ConsultantAccessResourceProviderFactory.PROVIDER_ID, ConsultantAccessResource.class,
            AccessRequestsResourceProviderFactory.PROVIDER_ID, AccessRequestsResource.class,
            ElevationResourceProviderFactory.PROVIDER_ID, ElevationResource.class);

    @Test
    void documentsEveryOperationAndNothingElse() throws IOException {
        assertThat(documented()).isEqualTo(served());
    }

    private static Set<String> served() {
        Set<String> operations = new TreeSet<>();
        RESOURCES.forEach((providerId, resource) -> {
            for (Method method : resource.getMethods()) {
                Path path = method.getAnnotation(Path.class);
                for (Annotation annotation : method.getAnnotations()) {
                    HttpMethod http = annotation.annotationType().getAnnotation(HttpMethod.class);
                    if (http != null && path != null) {
                        operations.add(http.value() + " " + normalize("/admin/realms/{realm}/" + providerId + "/" + path.value()));
                    }
                }
            }
        });
        return operations;
    }

    private static Set<String> documented() throws IOException {
        JsonNode paths = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(Paths.get("../docs/openapi.yaml"))).get("paths");
        Set<String> operations = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> entries = paths.fields(); entries.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = entries.next();
            entry.getValue().fieldNames().forEachRemaining(verb -> operations.add(verb.toUpperCase(Locale.ROOT) + " " + normalize(entry.getKey())));
        }
        return operations;
    }

    /** Path parameters compare by position, not by name. */
    private static String normalize(String path) {
        return path.replaceAll("\\{[^}]+}", "{}").replaceAll("//+", "/");
    }
}
