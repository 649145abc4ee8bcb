package io.amp.keycloak.consultant;

import io.amp.keycloak.consultant.config.ConsultantSettings;
import io.amp.keycloak.rules.consultant.AccessLevel;
import io.amp.keycloak.rules.consultant.SiteAudience;
import org.keycloak.models.ClientModel;
import org.keycloak.models.Constants;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.RoleUtils;
import org.keycloak.organization.OrganizationProvider;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the portal knows of a user of the realm: their realm roles and access level, their
 * accounts (organizations they belong to), their departments (organization groups they belong
 * to) and every group they are in, parents included.
 */
public final class PortalUser {

    private final KeycloakSession session;
    private final UserModel user;
    private final Set<RoleModel> roles;
    private final List<RoleModel> realmRoles;

    public PortalUser(KeycloakSession session, UserModel user) {
        this.session = session;
        this.user = user;
        this.roles = RoleUtils.getDeepUserRoleMappings(user);
        this.realmRoles = roles.stream().filter(role -> !role.isClientRole()).toList();
    }

    /** Holds any role of the realm's realm-management client, directly, through a composite or through a group. */
    public boolean administersRealm(RealmModel realm) {
        ClientModel management = realm.getClientByClientId(Constants.REALM_MANAGEMENT_CLIENT_ID);
        return management != null && roles.stream()
                .anyMatch(role -> role.isClientRole() && management.getId().equals(role.getContainerId()));
    }

    public UserModel user() {
        return user;
    }

    public Set<String> realmRoleNames() {
        return realmRoles.stream().map(RoleModel::getName).collect(Collectors.toSet());
    }

    public AccessLevel accessLevel(RealmModel realm) {
        return AccessLevel.of(realmRoles.stream().map(role -> role.getFirstAttribute(AccessLevel.LEVEL_ATTRIBUTE)).toList(),
                ConsultantSettings.threshold(realm));
    }

    public SiteAudience siteAudience(RealmModel realm) {
        return SiteAudience.of(accessLevel(realm), realmRoleNames());
    }

    public Set<String> accountIds() {
        OrganizationProvider organizations = session.getProvider(OrganizationProvider.class);
        if (organizations == null) {
            return Set.of();
        }
        return organizations.getByMember(user).map(OrganizationModel::getId).collect(Collectors.toSet());
    }

    /** Department id to account id. */
    public Map<String, String> departments() {
        OrganizationProvider organizations = session.getProvider(OrganizationProvider.class);
        Map<String, String> departments = new HashMap<>();
        if (organizations == null) {
            return departments;
        }
        organizations.getByMember(user).forEach(organization -> organizations.getOrganizationGroupsByMember(organization, user)
                .forEach(group -> departments.put(group.getId(), organization.getId())));
        return departments;
    }

    /**
     * The user's groups that are consultant groups (below the realm's consultant-groups parent), with
     * their parents up to it: the groups through which a site grant reaches the user. A group moved
     * out from under the parent no longer carries the grants it had there.
     */
    public Set<String> consultantGroupIds(RealmModel realm) {
        String parentName = ConsultantSettings.groupsParent(realm);
        Set<String> ids = new HashSet<>();
        user.getGroupsStream().forEach(group -> {
            List<String> chain = new ArrayList<>();
            GroupModel current = group;
            for (; current.getParent() != null; current = current.getParent()) {
                chain.add(current.getId());
            }
            if (current.getName().equals(parentName)) {
                ids.addAll(chain);
            }
        });
        return ids;
    }
}
