package io.amp.keycloak.e2e;

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

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every JAX-RS operation of the four AMP admin resources, found by reflection over the classes the
 * server loads (as {@code OpenApiDocumentTest} does), so that a new endpoint cannot be left out of
 * the tests that walk them all. Keys read {@code "METHOD provider-id/path"}, the path as its
 * {@code @Path} spells it, e.g. {@code "GET amp-consultant-access/accounts/{accountId}/details"}.
 */
final class AmpEndpoints {

    private AmpEndpoints() {
    }

    /** An AMP admin API: its provider id (the path segment after the realm) and the realm the tests call it in. */
    record Api(String providerId, String homeRealm, Class<?> resource) {
        String base() {
            return "admin/realms/" + homeRealm + "/" + providerId + "/";
        }
    }

    static final List<Api> APIS = List.of(
            new Api(PermissionsAdminResourceProviderFactory.PROVIDER_ID, "practice", PermissionsAdminResource.class),
            new Api(AccessRequestsResourceProviderFactory.PROVIDER_ID, "workforce", AccessRequestsResource.class),
            new Api(ElevationResourceProviderFactory.PROVIDER_ID, "practice", ElevationResource.class),
            new Api(ConsultantAccessResourceProviderFactory.PROVIDER_ID, "portal", ConsultantAccessResource.class));

    private static final Set<String> WRITES = Set.of("POST", "PUT", "DELETE", "PATCH");

    record Endpoint(Api api, String httpMethod, String path, Method method) {
        String key() {
            return httpMethod + " " + api.providerId() + "/" + path;
        }

        boolean write() {
            return WRITES.contains(httpMethod);
        }

        /** Reads a request body: a parameter that is neither a path, query, header nor context parameter. */
        boolean takesBody() {
            for (Parameter parameter : method.getParameters()) {
                boolean bound = false;
                for (Annotation annotation : parameter.getAnnotations()) {
                    bound |= annotation.annotationType().getPackageName().equals("jakarta.ws.rs")
                            || annotation.annotationType().getPackageName().equals("jakarta.ws.rs.core");
                }
                if (!bound) {
                    return true;
                }
            }
            return false;
        }

        /** The full path for the given path parameter values, in order of appearance. */
        String url(Map<String, String> parameters) {
            String filled = path;
            for (Map.Entry<String, String> parameter : parameters.entrySet()) {
                filled = filled.replace("{" + parameter.getKey() + "}", parameter.getValue());
            }
            if (filled.contains("{")) {
                throw new IllegalArgumentException("Unfilled path parameter in " + filled + " (" + key() + ")");
            }
            return api.base() + filled;
        }

        @Override
        public String toString() {
            return key();
        }
    }

    static List<Endpoint> all() {
        List<Endpoint> endpoints = new ArrayList<>();
        for (Api api : APIS) {
            for (Method method : api.resource().getMethods()) {
                Path path = method.getAnnotation(Path.class);
                for (Annotation annotation : method.getAnnotations()) {
                    HttpMethod http = annotation.annotationType().getAnnotation(HttpMethod.class);
                    if (http != null) {
                        String value = path == null ? "" : path.value().replaceAll("^/+|/+$", "");
                        endpoints.add(new Endpoint(api, http.value(), value, method));
                    }
                }
            }
        }
        endpoints.sort(Comparator.comparing(Endpoint::key));
        return endpoints;
    }

    static List<Endpoint> writes() {
        return all().stream().filter(Endpoint::write).toList();
    }
}
