package io.amp.keycloak.e2e;

import io.amp.keycloak.consultant.resource.ConsultantAccessApi;
import io.amp.keycloak.consultant.resource.ConsultantAccessResource;
import io.amp.keycloak.consultant.resource.ConsultantAccessResourceProviderFactory;
import io.amp.keycloak.elevation.resource.ElevationAdminResource;
import io.amp.keycloak.elevation.resource.ElevationResourceProviderFactory;
import io.amp.keycloak.elevation.resource.ElevationsApi;
import io.amp.keycloak.elevation.resource.ElevationsResource;
import io.amp.keycloak.permissions.admin.resource.PermissionsAdminResource;
import io.amp.keycloak.permissions.admin.resource.PermissionsAdminResourceProviderFactory;
import io.amp.keycloak.requests.resource.AccessRequestsApi;
import io.amp.keycloak.requests.resource.AccessRequestsResource;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every JAX-RS operation of the AMP APIs on both surfaces, found by reflection over the classes the
 * server loads (as {@code OpenApiDocumentTest} does), so that a new endpoint cannot be left out of
 * the tests that walk them all. Sub-resource locators (a method with {@code @Path} and no HTTP
 * method, returning another resource class) are followed, so an operation of a sub-resource counts
 * with its full path.
 *
 * <p>Two surfaces: the admin surface {@code /admin/realms/{realm}/<provider-id>/...} (realm
 * administrators; Keycloak's admin root authenticates a token of the realm or of master) and the
 * user surface {@code /realms/{realm}/amp/<api>/...} (signed-in users and customers' admins; a
 * bearer token of that realm only). Keys read {@code "METHOD <api name>/<path>"}, the api name being
 * the provider id on the admin surface and {@code amp/<id>} on the user surface, e.g.
 * {@code "GET amp-consultant-access/accounts/{accountId}/details"} and
 * {@code "GET amp/consultant-access/accounts/{accountId}/details"}; an operation on the API's root
 * has no trailing slash ({@code "POST amp/requests"}).
 */
final class AmpEndpoints {

    private AmpEndpoints() {
    }

    enum Surface {
        /** {@code /admin/realms/{realm}/<provider-id>}: realm administrators. */
        ADMIN,
        /** {@code /realms/{realm}/amp/<id>}: signed-in users of the realm and customers' admins. */
        USER
    }

    /** An AMP API on one surface: its id (provider id or path segment after amp/), the realm the tests call it in, and its root resource. */
    record Api(Surface surface, String id, String homeRealm, Class<?> resource) {

        /** The API as keys and table rows name it: the provider id (admin) or {@code amp/<id>} (user). */
        String name() {
            return surface == Surface.ADMIN ? id : "amp/" + id;
        }

        /** The API's root in the home realm, relative to the server, without a trailing slash. */
        String base() {
            return base(homeRealm);
        }

        String base(String realm) {
            return surface == Surface.ADMIN ? "admin/realms/" + realm + "/" + id : "realms/" + realm + "/amp/" + id;
        }

        /** The root as the OpenAPI document spells it. */
        String documentedBase() {
            return "/" + base("{realm}");
        }
    }

    static final List<Api> APIS = List.of(
            new Api(Surface.ADMIN, PermissionsAdminResourceProviderFactory.PROVIDER_ID, "practice", PermissionsAdminResource.class),
            new Api(Surface.ADMIN, ElevationResourceProviderFactory.PROVIDER_ID, "practice", ElevationAdminResource.class),
            new Api(Surface.ADMIN, ConsultantAccessResourceProviderFactory.PROVIDER_ID, "portal", ConsultantAccessResource.class),
            new Api(Surface.USER, AccessRequestsApi.ID, "workforce", AccessRequestsResource.class),
            new Api(Surface.USER, ElevationsApi.ID, "practice", ElevationsResource.class),
            new Api(Surface.USER, ConsultantAccessApi.ID, "portal", ConsultantAccessResource.class));

    private static final Set<String> WRITES = Set.of("POST", "PUT", "DELETE", "PATCH");
    /** Locators nest a few levels; anything deeper is a loop. */
    private static final int MAX_DEPTH = 8;

    record Endpoint(Api api, String httpMethod, String path, Method method) {
        String key() {
            return httpMethod + " " + api.name() + (path.isEmpty() ? "" : "/" + path);
        }

        /** The path as the OpenAPI document spells it, e.g. {@code /realms/{realm}/amp/requests/{id}/approve}. */
        String documentedPath() {
            return api.documentedBase() + (path.isEmpty() ? "" : "/" + path);
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

        /** The path from the server root for the given path parameter values. */
        String url(Map<String, String> parameters) {
            String filled = path;
            for (Map.Entry<String, String> parameter : parameters.entrySet()) {
                filled = filled.replace("{" + parameter.getKey() + "}", parameter.getValue());
            }
            if (filled.contains("{")) {
                throw new IllegalArgumentException("Unfilled path parameter in " + filled + " (" + key() + ")");
            }
            return api.base() + (filled.isEmpty() ? "" : "/" + filled);
        }

        @Override
        public String toString() {
            return key();
        }
    }

    static List<Endpoint> all() {
        List<Endpoint> endpoints = new ArrayList<>();
        for (Api api : APIS) {
            endpoints.addAll(of(api));
        }
        endpoints.sort(Comparator.comparing(Endpoint::key));
        return endpoints;
    }

    /** The operations an API's resource (a server class, or a client interface) serves with its sub-resources. */
    static List<Endpoint> of(Api api) {
        List<Endpoint> endpoints = new ArrayList<>();
        collect(api, api.resource(), "", 0, endpoints);
        endpoints.sort(Comparator.comparing(Endpoint::key));
        return endpoints;
    }

    static List<Endpoint> of(Surface surface) {
        return all().stream().filter(endpoint -> endpoint.api().surface() == surface).toList();
    }

    static List<Endpoint> writes() {
        return all().stream().filter(Endpoint::write).toList();
    }

    /** The operations of {@code resource} mounted at {@code prefix}, and those of the sub-resources its locators return. */
    private static void collect(Api api, Class<?> resource, String prefix, int depth, List<Endpoint> endpoints) {
        if (depth > MAX_DEPTH) {
            throw new IllegalStateException("Sub-resource locators of " + api.name() + " nest deeper than " + MAX_DEPTH + " at " + prefix);
        }
        for (Method method : resource.getMethods()) {
            if (Modifier.isStatic(method.getModifiers())) {
                continue;
            }
            Path path = method.getAnnotation(Path.class);
            String full = join(prefix, path == null ? "" : path.value());
            boolean operation = false;
            for (Annotation annotation : method.getAnnotations()) {
                HttpMethod http = annotation.annotationType().getAnnotation(HttpMethod.class);
                if (http != null) {
                    operation = true;
                    endpoints.add(new Endpoint(api, http.value(), full, method));
                }
            }
            if (!operation && path != null) {
                Class<?> sub = method.getReturnType();
                // A server resource's locator returns a class; a client interface's, another interface.
                if (sub == Object.class || sub.isInterface() != resource.isInterface() || sub.getName().startsWith("java.")) {
                    throw new IllegalStateException("The locator " + resource.getSimpleName() + "." + method.getName()
                            + " returns " + sub.getName() + ": the tests cannot see what it serves");
                }
                collect(api, sub, full, depth + 1, endpoints);
            }
        }
    }

    /** Joins path segments as JAX-RS does, dropping outer slashes and the regular expressions of templates ({@code {id:.*}} reads {@code {id}}). */
    static String join(String prefix, String path) {
        String clean = path.replaceAll("\\{\\s*([^}:\\s]+)\\s*:[^}]*}", "{$1}").replaceAll("^/+|/+$", "");
        if (prefix.isEmpty()) {
            return clean;
        }
        return clean.isEmpty() ? prefix : prefix + "/" + clean;
    }
}
