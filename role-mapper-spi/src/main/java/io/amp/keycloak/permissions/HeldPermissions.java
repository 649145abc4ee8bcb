package io.amp.keycloak.permissions;


import org.keycloak.models.ClientModel;
import org.keycloak.models.GroupModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;

import java.util.ArrayList;
import java.util.Collections;
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
        held.collect(user, true);
        return held.grants;
    }

    /**
     * The keys only, for tokens: the same walk without building the paths that explain shows, so
     * that a token of a user holding the whole catalog through many roles costs no string work.
     */
    public static Set<String> keys(UserModel user, ClientModel client) {
        HeldPermissions held = new HeldPermissions(client);
        held.collect(user, false);
        return held.grants.keySet();
    }

    private void collect(UserModel user, boolean paths) {
        Map<String, Long> expiries = RoleExpiry.of(user);
        long now = System.currentTimeMillis();
        user.getRoleMappingsStream()
                .filter(role -> expiries.isEmpty() || RoleExpiry.counts(expiries, role, now))
                .forEach(role -> walk(role, paths ? "direct > " + label(role) : null));
        user.getGroupsStream().forEach(group -> {
            String path = paths ? KeycloakModelUtils.buildGroupPath(group) : null;
            for (GroupModel holder = group; holder != null; holder = holder.getParent()) {
                String via = !paths ? null : holder == group ? "group " + path
                        : "group " + KeycloakModelUtils.buildGroupPath(holder) + " (parent of " + path + ")";
                holder.getRoleMappingsStream().forEach(role -> walk(role, via == null ? null : via + " > " + label(role)));
            }
        });
    }

    /**
     * Each role once per starting mapping: diamond-shaped composites would otherwise multiply paths.
     * A null path walks the same roles and records no path.
     */
    private void walk(RoleModel start, String startPath) {
        Set<String> visited = new HashSet<>();
        List<RoleModel> roles = new ArrayList<>(List.of(start));
        List<String> paths = new ArrayList<>(Collections.singletonList(startPath));
        while (!roles.isEmpty()) {
            RoleModel role = roles.remove(roles.size() - 1);
            String path = paths.remove(paths.size() - 1);
            if (!visited.add(role.getId())) {
                continue;
            }
            if (CatalogReader.isPermission(role) && client.getId().equals(role.getContainerId())) {
                List<String> ways = grants.computeIfAbsent(role.getName(), key -> new ArrayList<>());
                if (path != null) {
                    ways.add(path);
                }
            }
            if (role.isComposite()) {
                role.getCompositesStream().forEach(composite -> {
                    roles.add(composite);
                    paths.add(path == null ? null : path + " > " + label(composite));
                });
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
