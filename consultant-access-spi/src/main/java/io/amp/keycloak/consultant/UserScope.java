package io.amp.keycloak.consultant;

import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Scoped user management of seed 002: an Account Admin sees, creates and edits the Account Admins,
 * Department Admins and Department Viewers of their account; a Department Admin the Department
 * Admins and Viewers of their own departments; nobody creates anyone, or raises anyone, above
 * their own level. Realm admins (manage-realm) manage everyone of these three kinds.
 *
 * @param callerLevel      the caller's access level; ignored for realm admins
 * @param roleLevels       the manageable roles (account-admin, department-admin, department-viewer) and their levels
 */
public record UserScope(Reach reach, int callerLevel, Map<String, Integer> roleLevels) {

    public UserScope {
        roleLevels = Map.copyOf(roleLevels);
    }

    /** A member of the account as this decision sees them: their manageable role, and their departments. */
    public record Member(String role, Set<String> departments) {
    }

    private boolean accountAdmin(String accountId) {
        return reach.accountAdminOf().contains(accountId);
    }

    /** May hand out this role: one of the three manageable kinds, at or below the caller's own level. */
    public boolean mayAssign(String role) {
        Integer level = roleLevels.get(role);
        return level != null && (reach.realmManager() || level <= callerLevel);
    }

    /** Sees this member: their role within the caller's level, and in the caller's account or departments. */
    public boolean maySee(String accountId, Member member) {
        if (member.role() == null || !roleLevels.containsKey(member.role())) {
            return false;
        }
        if (reach.realmViewer()) {
            return true;
        }
        if (!mayAssign(member.role())) {
            return false;
        }
        return accountAdmin(accountId) || member.departments().stream().anyMatch(reach.departmentAdminOf()::containsKey);
    }

    /** May put a user into these departments: all of the account, and, for a Department Admin, all their own. */
    public boolean mayPlaceIn(String accountId, Collection<String> departments, Collection<String> accountDepartments) {
        if (!accountDepartments.containsAll(departments)) {
            return false;
        }
        if (reach.realmManager() || accountAdmin(accountId)) {
            return true;
        }
        return !departments.isEmpty() && reach.departmentAdminOf().keySet().containsAll(departments);
    }

    /**
     * The departments a user ends up in when the caller sets {@code requested}: departments outside
     * the caller's reach are kept as they were, since the caller may neither see nor change them.
     */
    public Set<String> departmentsAfterEdit(String accountId, Set<String> current, Set<String> requested) {
        if (reach.realmManager() || accountAdmin(accountId)) {
            return Set.copyOf(requested);
        }
        Set<String> result = new HashSet<>(current);
        result.removeAll(reach.departmentAdminOf().keySet());
        result.addAll(requested);
        return Set.copyOf(result);
    }
}
