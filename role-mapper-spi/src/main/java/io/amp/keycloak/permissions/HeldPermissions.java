package io.amp.keycloak.permissions;


import org.keycloak.models.ClientModel;
import org.keycloak.models.GroupModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The permissions of one system client that a user holds, each with the ways it is held: a direct
 * role mapping, a group (or a parent of one) and the composite roles in between, e.g.
 * {@code group /departments/sales > sales-user > sword-tools} or {@code direct > sword-tools}. Roles of other clients grant
 * nothing here, even through composites. A direct mapping whose access-request end has passed
 * ({@link RoleExpiry}) counts no more.
 */
public final class HeldPermissions {

    private final ClientModel client;
    private final Map<String, List<String>> grants = new TreeMap<>();

    private HeldPermissions(ClientModel client) {
        this.client = client;
    }

    public static Map<String, List<String>> of(UserModel user, ClientModel client) {
        HeldPermissions held = new HeldPermissions(client);
        Map<String, Long> expiries = RoleExpiry.of(user);
        long now = System.currentTimeMillis();
        user.getRoleMappingsStream()
                .filter(role -> expiries.isEmpty() || RoleExpiry.counts(expiries, role, now))
                .forEach(role -> held.walk(role, "direct > " + held.label(role)));
        user.getGroupsStream().forEach(group -> {
            String path = KeycloakModelUtils.buildGroupPath(group);
            for (GroupModel holder = group; holder != null; holder = holder.getParent()) {
                String via = holder == group ? "group " + path
                        : "group " + KeycloakModelUtils.buildGroupPath(holder) + " (parent of " + path + ")";
                holder.getRoleMappingsStream().forEach(role -> held.walk(role, via + " > " + held.label(role)));
            }
        });
        return held.grants;
    }

    /** Each role once per starting mapping: diamond-shaped composites would otherwise multiply paths. */
    private void walk(RoleModel start, String startPath) {
        Set<String> visited = new HashSet<>();
        List<Map.Entry<RoleModel, String>> stack = new ArrayList<>(List.of(Map.entry(start, startPath)));
        while (!stack.isEmpty()) {
            Map.Entry<RoleModel, String> next = stack.remove(stack.size() - 1);
            RoleModel role = next.getKey();
            if (!visited.add(role.getId())) {
                continue;
            }
            if (CatalogReader.isPermission(role) && client.getId().equals(role.getContainerId())) {
                grants.computeIfAbsent(role.getName(), key -> new ArrayList<>()).add(next.getValue());
            }
            if (role.isComposite()) {
                role.getCompositesStream().forEach(composite -> stack.add(Map.entry(composite, next.getValue() + " > " + label(composite))));
            }
        }
    }

    private String label(RoleModel role) {
        if (!role.isClientRole()) {
            return "realm role " + role.getName();
        }
        if (client.getId().equals(role.getContainerId())) {
            return role.getName();
        }
        return ((ClientModel) role.getContainer()).getClientId() + "/" + role.getName();
    }
}
