package io.amp.keycloak.tokenbenchmark;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Puts a client into one arm through the admin API, by its default client scopes
 * ({@code PUT}/{@code DELETE /admin/realms/{realm}/clients/{id}/default-client-scopes/{scopeId}}):
 * the same realm, users and server, only the scopes differ. Changes only what differs, so
 * switching to the arm a client is already in costs nothing.
 */
final class ArmSwitch {

    static final String AMP_CLAIMS = "amp-claims";
    static final String AMP_ROLES = "amp-roles";
    static final String ROLES = "roles";

    private final AdminApi admin;
    private final Map<String, Map<String, String>> scopeIds = new ConcurrentHashMap<>();
    private final Map<String, String> clientIds = new ConcurrentHashMap<>();

    ArmSwitch(AdminApi admin) {
        this.admin = admin;
    }

    void apply(String realm, String clientId, Arm arm) {
        Map<String, String> scopes = scopeIds.computeIfAbsent(realm, admin::clientScopeIds);
        for (String needed : Set.of(AMP_CLAIMS, AMP_ROLES, ROLES)) {
            if (!scopes.containsKey(needed)) {
                throw new IllegalStateException("Realm " + realm + " has no client scope '" + needed + "'");
            }
        }
        String client = clientIds.computeIfAbsent(realm + "/" + clientId, key -> admin.clientUuid(realm, clientId));
        String path = "admin/realms/" + realm + "/clients/" + client + "/default-client-scopes";
        Set<String> present = new HashSet<>();
        for (JsonNode scope : admin.get(path)) {
            present.add(scope.get("name").asText());
        }
        Set<String> wanted = arm == Arm.AMP ? Set.of(AMP_CLAIMS, AMP_ROLES) : Set.of(ROLES);
        Set<String> unwanted = arm == Arm.AMP ? Set.of(ROLES) : Set.of(AMP_CLAIMS, AMP_ROLES);
        for (String name : wanted) {
            if (!present.contains(name)) {
                admin.expect("PUT", path + "/" + scopes.get(name), null, 204);
            }
        }
        for (String name : unwanted) {
            if (present.contains(name)) {
                admin.expect("DELETE", path + "/" + scopes.get(name), null, 204);
            }
        }
    }
}
