package io.amp.keycloak.rules.consultant;

import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Scoped user management of seed 002: an Account Admin sees, creates and edits the Account Admins,
 * Department Admins and Department Viewers of their account; a Department Admin lists the
 * Department Admins and Viewers of the whole account, and edits those of their own departments; nobody creates anyone, or raises anyone, above
 * their own level, and nobody sees or changes a user who holds more than these levels give (a
 * consultant level, a realm-management role) unless they manage the realm's users. Realm admins
 * who view users ({@code usersViewer}) see everyone of these three kinds; only those who manage
 * users ({@code usersManager}) change them. Viewing never writes.
 *
 * <p>An access level and a user's email and names are held realm-wide, so a change to them reaches
 * every account and department the user belongs to. The caller changes them only where their reach
 * covers all of those places ({@link #mayChange}); a user shared with an account or department
 * beyond it keeps their standing there, and only someone reaching every place (or a realm admin)
 * changes it. Department membership is changed place by place ({@link #departmentsAfterEdit}).
 *
 * @param callerLevel  the highest level among the manageable roles the caller holds (a consultant
 *                     level does not count: it opens sites, not user management); ignored for realm admins
 * @param roleLevels   the manageable roles (account-admin, department-admin, department-viewer) and their levels
 * @param usersViewer  the caller may view the realm's users (realm-management view-users)
 * @param usersManager the caller may manage the realm's users (realm-management manage-users)
 */
public record UserScope(Reach reach, int callerLevel, Map<String, Integer> roleLevels, boolean usersViewer, boolean usersManager) {

    public UserScope {
        roleLevels = Map.copyOf(roleLevels);
    }

    /** A caller who is no realm admin: Account and Department Admins. */
    public UserScope(Reach reach, int callerLevel, Map<String, Integer> roleLevels) {
        this(reach, callerLevel, roleLevels, false, false);
    }

    /**
     * A member of the account as this decision sees them: their manageable role, their departments,
     * their access level over all their roles (consultant levels too), and whether they hold any
     * realm-management role.
     */
    public record Member(String role, Set<String> departments, int level, boolean administrator) {

        /** A member holding nothing beyond their manageable role. */
        public Member(String role, Set<String> departments) {
            this(role, departments, 0, false);
        }
    }

    private boolean accountAdmin(String accountId) {
        return reach.accountAdminOf().contains(accountId);
    }

    private boolean customerAdmin() {
        return !reach.accountAdminOf().isEmpty() || !reach.departmentAdminOf().isEmpty();
    }

    /** May list the users of this account: realm admins who view users, and the account's own admins. */
    public boolean mayList(String accountId) {
        return usersViewer || mayWrite(accountId);
    }

    /** May create or change users of this account at all: realm admins who manage users, and the account's own admins. */
    public boolean mayWrite(String accountId) {
        return usersManager || accountAdmin(accountId) || reach.departmentAdminOf().containsValue(accountId);
    }

    /** May hand out this role: one of the three manageable kinds, at or below the caller's own level. */
    public boolean mayAssign(String role) {
        Integer level = roleLevels.get(role);
        return level != null && (usersManager || customerAdmin() && level <= callerLevel);
    }

    /**
     * Sees this member: their role and everything else they hold within the caller's level, and in
     * the caller's account or departments.
     */
    public boolean maySee(String accountId, Member member) {
        if (member.role() == null || !roleLevels.containsKey(member.role())) {
            return false;
        }
        if (usersViewer || usersManager) {
            return true;
        }
        if (!mayAssign(member.role()) || member.administrator() || member.level() > callerLevel) {
            return false;
        }
        return accountAdmin(accountId) || member.departments().stream().anyMatch(reach.departmentAdminOf()::containsKey);
    }

    /**
     * Lists this member among the account's users: whoever may see them, and a Department Admin of
     * the account every Department Admin and Viewer of it, across departments ("see list of Users
     * under the Account (only showing those with access level of Department Admin, Department
     * Viewer)"). Listing is not reach: such a member's departments beyond the caller's stay hidden,
     * and only {@link #maySee} opens them to editing.
     */
    public boolean mayListMember(String accountId, Member member) {
        if (maySee(accountId, member)) {
            return true;
        }
        return reach.departmentAdminOf().containsValue(accountId) && member.role() != null && mayAssign(member.role())
                && !member.administrator() && member.level() <= callerLevel;
    }

    /** May see that a user belongs to this department of the account. */
    public boolean maySeeDepartment(String accountId, String departmentId) {
        return usersManager || reach.maySeeDepartment(accountId, departmentId);
    }

    /**
     * May change what a user holds realm-wide (access level, email, names): the caller sees them, and
     * covers every place they belong to, given as account id to the user's departments there: as
     * Account Admin of that account, or as Department Admin of each of those departments.
     */
    public boolean mayChange(String accountId, Member member, Map<String, Set<String>> places) {
        if (usersManager) {
            return true;
        }
        if (!maySee(accountId, member)) {
            return false;
        }
        return places.entrySet().stream().allMatch(place -> accountAdmin(place.getKey())
                || !place.getValue().isEmpty() && reach.departmentAdminOf().keySet().containsAll(place.getValue()));
    }

    /** May put a user into these departments: all of the account, and, for a Department Admin, all their own. */
    public boolean mayPlaceIn(String accountId, Collection<String> departments, Collection<String> accountDepartments) {
        if (!accountDepartments.containsAll(departments)) {
            return false;
        }
        if (usersManager || accountAdmin(accountId)) {
            return true;
        }
        return !departments.isEmpty() && reach.departmentAdminOf().keySet().containsAll(departments);
    }

    /** May take a user out of this department: it is within the caller's reach. */
    public boolean mayMoveOutOf(String accountId, String departmentId) {
        return usersManager || accountAdmin(accountId) || reach.departmentAdminOf().containsKey(departmentId);
    }

    /**
     * The departments a user ends up in when the caller sets {@code requested}: departments outside
     * the caller's reach are kept as they were, since the caller may neither see nor change them.
     */
    public Set<String> departmentsAfterEdit(String accountId, Set<String> current, Set<String> requested) {
        if (usersManager || accountAdmin(accountId)) {
            return Set.copyOf(requested);
        }
        Set<String> result = new HashSet<>(current);
        result.removeAll(reach.departmentAdminOf().keySet());
        result.addAll(requested);
        return Set.copyOf(result);
    }
}
