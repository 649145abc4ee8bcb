package io.amp.keycloak.permissions;

import io.amp.keycloak.permissions.GrantedPermissions.HeldRole;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class GrantedPermissionsTest {

    private static final String PRODUCTION = "id-of-drchrono";
    private static final String STAGING = "id-of-drchrono-staging";

    @Test
    @DisplayName("Given a department role and its composites, then only the permissions of that system count")
    void keepsPermissionsOfTheSystem() {
        List<HeldRole> held = List.of(
                new HeldRole(PRODUCTION, "sales-user", "department-role"),
                new HeldRole(PRODUCTION, "sword-tools", "permission"),
                new HeldRole(PRODUCTION, "account-receivables-access", "permission"),
                new HeldRole(STAGING, "unsuspend-account", "permission"),
                new HeldRole(null, "offline_access", null));

        assertThat(GrantedPermissions.onSystem(PRODUCTION, held))
                .containsExactly("account-receivables-access", "sword-tools");
        assertThat(GrantedPermissions.onSystem(STAGING, held)).containsExactly("unsuspend-account");
    }

    @Test
    @DisplayName("Given a permission held twice (directly and through a role), then it is listed once")
    void listsEachPermissionOnce() {
        List<HeldRole> held = List.of(
                new HeldRole(PRODUCTION, "sword-tools", "permission"),
                new HeldRole(PRODUCTION, "sword-tools", "permission"));

        assertThat(GrantedPermissions.onSystem(PRODUCTION, held)).containsExactly("sword-tools");
    }

    @Test
    @DisplayName("Given a client role without the permission kind, then it is not a permission")
    void ignoresRolesThatAreNotPermissions() {
        assertThat(GrantedPermissions.onSystem(PRODUCTION, List.of(new HeldRole(PRODUCTION, "uma_protection", null))))
                .isEmpty();
    }
}
