package io.amp.keycloak.e2e;

import io.amp.keycloak.client.resource.AmpAdminRealmResource;
import io.amp.keycloak.client.resource.AmpRealmResource;
import jakarta.ws.rs.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The typed client (module {@code client}) calls exactly the operations the server serves: for
 * each AMP API on each surface, the proxy interface under the client's realm root walks to the
 * same methods and path templates as the server's resource classes, sub-resources included, and
 * the client names no API the server lacks.
 */
class TypedClientCoverageTest {

    @Test
    @DisplayName("Every operation of both surfaces has a client method with the same verb and path, and no client method calls anything else")
    void clientMatchesServer() {
        Map<AmpEndpoints.Surface, Class<?>> roots = Map.of(
                AmpEndpoints.Surface.ADMIN, AmpAdminRealmResource.class,
                AmpEndpoints.Surface.USER, AmpRealmResource.class);
        List<String> served = new ArrayList<>();
        List<String> called = new ArrayList<>();
        for (Map.Entry<AmpEndpoints.Surface, Class<?>> root : roots.entrySet()) {
            Map<String, Class<?>> clientApis = locators(root.getValue());
            for (AmpEndpoints.Api api : AmpEndpoints.APIS) {
                if (api.surface() != root.getKey()) {
                    continue;
                }
                AmpEndpoints.of(api).forEach(endpoint -> served.add(endpoint.key()));
                Class<?> client = clientApis.remove(api.id());
                assertThat(client).as("client interface for %s", api.name()).isNotNull();
                AmpEndpoints.of(new AmpEndpoints.Api(api.surface(), api.id(), api.homeRealm(), client))
                        .forEach(endpoint -> called.add(endpoint.key()));
            }
            assertThat(clientApis).as("client APIs that the server does not serve on the %s surface", root.getKey()).isEmpty();
        }
        assertThat(new TreeSet<>(called)).hasSize(called.size()).isEqualTo(new TreeSet<>(served));
        System.out.printf("Typed client: %d operations on both surfaces, as the server serves them%n", called.size());
    }

    /** The root's locators: API id (its path) to the interface it returns. */
    private static Map<String, Class<?>> locators(Class<?> root) {
        Map<String, Class<?>> apis = new TreeMap<>();
        for (Method method : root.getMethods()) {
            Path path = method.getAnnotation(Path.class);
            if (path != null) {
                apis.put(path.value(), method.getReturnType());
            }
        }
        return apis;
    }
}
