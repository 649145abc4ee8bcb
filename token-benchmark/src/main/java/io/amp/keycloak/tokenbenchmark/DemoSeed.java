package io.amp.keycloak.tokenbenchmark;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the demo realms lack for the benchmark, created through the admin API on a fresh database:
 * <ul>
 * <li>20 department roles on {@code ehr} ({@code bench-role-01} to {@code -20}) that between them
 *     hold the whole permission catalog of {@code ehr}, and users who hold those 20 roles, so the
 *     permissions claim lists every permission and Keycloak's role claim every role;</li>
 * <li>{@code bench-service}, a confidential client of {@code practice} with a service account and
 *     the default client scopes of {@code ehr}, for the client-credentials grant.</li>
 * </ul>
 */
final class DemoSeed {

    static final String REALM = "practice";
    static final String CATALOG_CLIENT = "ehr";
    static final String CATALOG_ROLES = "bench-role-%02d";
    static final int ROLE_COUNT = 20;
    static final String SERVICE_CLIENT = "bench-service";
    static final String SERVICE_SECRET = "bench-secret";

    private final AdminApi admin;

    DemoSeed(AdminApi admin) {
        this.admin = admin;
    }

    /** Creates the 20 department roles; returns their representations, ready to be mapped to users. */
    List<JsonNode> catalogRoles() {
        String ehr = admin.clientUuid(REALM, CATALOG_CLIENT);
        String roles = "admin/realms/" + REALM + "/clients/" + ehr + "/roles";
        List<JsonNode> permissions = new ArrayList<>();
        for (JsonNode role : admin.get(roles + "?briefRepresentation=false")) {
            if ("permission".equals(role.path("attributes").path("kind").path(0).asText())) {
                permissions.add(role);
            }
        }
        permissions.sort((a, b) -> a.get("name").asText().compareTo(b.get("name").asText()));
        if (permissions.isEmpty()) {
            throw new IllegalStateException("Client " + CATALOG_CLIENT + " of " + REALM + " has no permission roles");
        }
        List<JsonNode> created = new ArrayList<>();
        for (int r = 0; r < ROLE_COUNT; r++) {
            String name = String.format(CATALOG_ROLES, r + 1);
            admin.expect("POST", roles, Map.of("name", name, "description", "Benchmark: part of the whole catalog",
                    "attributes", Map.of("kind", List.of("department-role"), "all-departments", List.of("true"),
                            "display-name", List.of("Benchmark role " + (r + 1)))), 201);
            List<Map<String, String>> composites = new ArrayList<>();
            for (int p = r; p < permissions.size(); p += ROLE_COUNT) {
                composites.add(Map.of("id", permissions.get(p).get("id").asText(), "name", permissions.get(p).get("name").asText()));
            }
            if (!composites.isEmpty()) {
                admin.expect("POST", roles + "/" + name + "/composites", composites, 204);
            }
            created.add(admin.get(roles + "/" + name));
        }
        return created;
    }

    /** A provider user of {@code practice} holding {@code roles} at ehr, password {@code demo}. */
    void catalogUser(String username, List<JsonNode> roles) {
        String id = user(REALM, username, Map.of("user-type", List.of("provider")));
        password(REALM, id);
        String ehr = admin.clientUuid(REALM, CATALOG_CLIENT);
        admin.expect("POST", "admin/realms/" + REALM + "/users/" + id + "/role-mappings/clients/" + ehr, roles, 204);
    }

    /** The client-credentials client, with exactly the default client scopes ehr has. */
    void serviceClient() {
        admin.expect("POST", "admin/realms/" + REALM + "/clients", Map.of(
                "clientId", SERVICE_CLIENT,
                "name", "Benchmark service (client credentials)",
                "publicClient", false,
                "clientAuthenticatorType", "client-secret",
                "secret", SERVICE_SECRET,
                "serviceAccountsEnabled", true,
                "standardFlowEnabled", false,
                "directAccessGrantsEnabled", false), 201);
        String client = admin.clientUuid(REALM, SERVICE_CLIENT);
        String ehr = admin.clientUuid(REALM, CATALOG_CLIENT);
        Set<String> wanted = new HashSet<>();
        admin.get("admin/realms/" + REALM + "/clients/" + ehr + "/default-client-scopes").forEach(scope -> wanted.add(scope.get("id").asText()));
        Set<String> present = new HashSet<>();
        String path = "admin/realms/" + REALM + "/clients/" + client + "/default-client-scopes";
        admin.get(path).forEach(scope -> present.add(scope.get("id").asText()));
        for (String id : wanted) {
            if (!present.contains(id)) {
                admin.expect("PUT", path + "/" + id, null, 204);
            }
        }
        for (String id : present) {
            if (!wanted.contains(id)) {
                admin.expect("DELETE", path + "/" + id, null, 204);
            }
        }
    }

    /** An enabled user with a complete profile (no required action stops the password grant); returns its id. */
    String user(String realm, String username, Map<String, List<String>> attributes) {
        String first = username.replaceAll("[^A-Za-z]", "");
        return admin.create("admin/realms/" + realm + "/users", Map.of(
                "username", username,
                "enabled", true,
                "email", username + "@bench.example",
                "emailVerified", true,
                "firstName", first.isEmpty() ? "Bench" : first,
                "lastName", "Bench",
                "attributes", attributes));
    }

    void password(String realm, String userId) {
        admin.expect("PUT", "admin/realms/" + realm + "/users/" + userId + "/reset-password",
                Map.of("type", "password", "value", Scenario.DEMO_PASSWORD, "temporary", false), 204);
    }
}
