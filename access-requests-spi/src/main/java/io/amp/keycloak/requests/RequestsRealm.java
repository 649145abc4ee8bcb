package io.amp.keycloak.requests;

import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.organization.OrganizationProvider;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What access requests read from the realm, and the names they are read by: the approver role
 * and its attribute, the organizations a request may name, the department groups, the admin
 * event resource type. The realm's configuration is the contract; these are its words.
 */
public final class RequestsRealm {


    private RequestsRealm() {
    }

    /** The department of that key: the group {@code /departments/<key>}, or null. */
    public static GroupModel department(KeycloakSession session, RealmModel realm, String key) {
        return key.contains("/") ? null : KeycloakModelUtils.findGroupByPath(session, realm, "/" + RequestsContract.DEPARTMENTS + "/" + key);
    }

    /**
     * The departments of the realm, by key: the subgroups of {@code /departments} whose names can be
     * keys (no slash, as {@link #department} reads them), sorted by key; none when the realm has no
     * such group.
     */
    public static List<GroupModel> departments(KeycloakSession session, RealmModel realm) {
        GroupModel parent = KeycloakModelUtils.findGroupByPath(session, realm, "/" + RequestsContract.DEPARTMENTS);
        if (parent == null) {
            return List.of();
        }
        return parent.getSubGroupsStream().filter(group -> !group.getName().contains("/"))
                .sorted(Comparator.comparing(GroupModel::getName)).toList();
    }

    /** The name people read for a department: its {@value RequestsContract#DEPARTMENT_NAME} attribute, else its key. */
    public static String departmentName(GroupModel department) {
        String name = department.getFirstAttribute(RequestsContract.DEPARTMENT_NAME);
        return name == null || name.isBlank() ? department.getName() : name;
    }

    /**
     * The organizations {@code user}'s requests may name: those of the realm attribute {@value #RequestsContract.ORGANIZATIONS}
     * (comma-separated, the same for everyone) and, where organizations are enabled, the user's own
     * organizations by name or alias. Never the realm's other organizations: in a realm of customer
     * accounts, their names are not for every user to list.
     */
    public static Set<String> organizations(KeycloakSession session, RealmModel realm, UserModel user) {
        Set<String> names = new TreeSet<>();
        Optional.ofNullable(realm.getAttribute(RequestsContract.ORGANIZATIONS)).ifPresent(value ->
                Arrays.stream(value.split(",")).map(String::strip).filter(name -> !name.isEmpty()).forEach(names::add));
        OrganizationProvider organizations = session.getProvider(OrganizationProvider.class);
        if (organizations != null && realm.isOrganizationsEnabled()) {
            organizations.getByMember(user).forEach(organization -> {
                names.add(organization.getName());
                names.add(organization.getAlias());
            });
        }
        return names;
    }

    public static boolean isApprover(RealmModel realm, UserModel user) {
        RoleModel approver = realm.getRole(RequestsContract.APPROVER_ROLE);
        return approver != null && user.hasRole(approver);
    }

    /** Whether this approver decides for that department: every department unless {@value #RequestsContract.APPROVER_DEPARTMENTS} names some. */
    public static boolean decidesFor(UserModel approver, String department) {
        List<String> departments = approver.getAttributeStream(RequestsContract.APPROVER_DEPARTMENTS).toList();
        return departments.isEmpty() || departments.contains(department);
    }
}
