package io.amp.keycloak.permissions;

import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * The permissions a user holds on one system: of all the roles the user has (directly, through
 * groups and through composite department roles), those that are permissions of that system's
 * catalog. Plain data in, plain data out, so it can be checked against the seeds without Keycloak.
 */
public final class GrantedPermissions {

    /** Role attribute that marks a client role as a catalog permission. */
    public static final String KIND_ATTRIBUTE = "kind";
    public static final String KIND_PERMISSION = "permission";

    private GrantedPermissions() {
    }

    /** A role as this decision sees it: which client it belongs to, its name and its kind. */
    public record HeldRole(String clientId, String name, String kind) {
    }

    public static List<String> onSystem(String clientId, Collection<HeldRole> heldRoles) {
        return heldRoles.stream()
                .filter(role -> Objects.equals(clientId, role.clientId()))
                .filter(role -> KIND_PERMISSION.equals(role.kind()))
                .map(HeldRole::name)
                .distinct()
                .sorted()
                .toList();
    }
}
