package io.amp.keycloak.permissions;

import io.amp.keycloak.rules.requests.Decisions;
import org.keycloak.models.ClientModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * When a role granted through an approved access request stops counting. Kept in the user
 * attribute {@value #PermissionsContract.ROLE_EXPIRY}, one value per role ({@code <client id>/<role name>@<epoch ms>}),
 * so that the token path reads it from Keycloak's user cache: no query, and the role stops
 * counting at exactly its end, whether or not the clean-up has removed the mapping yet.
 */
public final class RoleExpiry {


    private RoleExpiry() {
    }

    /** The ends kept on the user; a value that is not {@code <role>@<epoch ms>} (at most 18 digits) is ignored. */
    public static Map<String, Long> of(UserModel user) {
        return user.getAttributeStream(PermissionsContract.ROLE_EXPIRY)
                .map(value -> value.split("@", 2))
                .filter(parts -> parts.length == 2 && parts[1].matches("\\d{1,18}"))
                .collect(Collectors.toMap(parts -> parts[0], parts -> Long.parseLong(parts[1]), Math::min));
    }

    public static boolean counts(Map<String, Long> expiries, RoleModel role, long now) {
        return Decisions.counts(expiries.get(key(role)), now);
    }

    /** The role's end among {@code expiries}, or null when it has none. */
    public static Long end(Map<String, Long> expiries, RoleModel role) {
        return expiries.get(key(role));
    }

    public static boolean hasEnd(Map<String, Long> expiries, RoleModel role) {
        return expiries.containsKey(key(role));
    }

    /** The names of the roles of this client the user holds directly and that still count. */
    public static Set<String> countingRoles(UserModel user, ClientModel client) {
        Map<String, Long> expiries = of(user);
        long now = System.currentTimeMillis();
        return user.getClientRoleMappingsStream(client)
                .filter(role -> counts(expiries, role, now))
                .map(RoleModel::getName).collect(Collectors.toSet());
    }

    /** Sets or clears the end of a role held by the user. */
    public static void set(UserModel user, RoleModel role, Long endsAt) {
        String key = key(role);
        List<String> values = new ArrayList<>(user.getAttributeStream(PermissionsContract.ROLE_EXPIRY).filter(value -> !value.startsWith(key + "@")).toList());
        if (endsAt != null) {
            values.add(key + "@" + endsAt);
        }
        if (values.isEmpty()) {
            user.removeAttribute(PermissionsContract.ROLE_EXPIRY);
        } else {
            user.setAttribute(PermissionsContract.ROLE_EXPIRY, values);
        }
    }

    private static String key(RoleModel role) {
        return role.getContainerId() + "/" + role.getName();
    }
}
