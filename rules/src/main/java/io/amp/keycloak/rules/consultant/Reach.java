package io.amp.keycloak.rules.consultant;

import java.util.Map;
import java.util.Set;

/**
 * What a caller may see and do in account management, as seed 002 decides: an Account Admin
 * their whole account (departments read and write, every site, grants on any of them), a
 * Department Admin only their departments and those departments' sites (grants there too), a
 * Department Viewer nothing at all; realm admins everything (viewing with view-realm, changing
 * with manage-realm). Anyone else, consultants included, nothing.
 *
 * @param accountAdminOf    ids of the accounts (organizations) the caller is Account Admin of
 * @param departmentAdminOf department (organization group) id to its account id, for the departments
 *                          the caller is Department Admin of
 */
public record Reach(boolean realmViewer, boolean realmManager, Set<String> accountAdminOf,
                    Map<String, String> departmentAdminOf, boolean departmentViewer) {

    public static final String ACCOUNT_ADMIN = "account-admin";
    public static final String DEPARTMENT_ADMIN = "department-admin";
    public static final String DEPARTMENT_VIEWER = "department-viewer";

    public Reach {
        accountAdminOf = Set.copyOf(accountAdminOf);
        departmentAdminOf = Map.copyOf(departmentAdminOf);
    }

    /** May open account management at all. */
    public boolean mayEnter() {
        return realmViewer || !accountAdminOf.isEmpty() || !departmentAdminOf.isEmpty();
    }

    /** The reason given with a 403 when the caller may not enter. */
    public String refusal() {
        return departmentViewer ? "Department Viewers cannot access account management"
                : "Only Account Admins, Department Admins and realm admins can access account management";
    }

    public boolean maySeeAccount(String accountId) {
        return realmViewer || accountAdminOf.contains(accountId) || departmentAdminOf.containsValue(accountId);
    }

    /** "Account Admins ... see the Current Contract, but can only view": nobody edits it through this API. */
    public boolean mayViewContract(String accountId) {
        return realmViewer || accountAdminOf.contains(accountId);
    }

    public boolean mayManageDepartments(String accountId) {
        return realmManager || accountAdminOf.contains(accountId);
    }

    public boolean maySeeDepartment(String accountId, String departmentId) {
        return realmViewer || accountAdminOf.contains(accountId) || departmentAdminOf.containsKey(departmentId);
    }

    /** Sees a site: its whole account, or the site's own department. */
    public boolean maySeeSite(String accountId, String departmentId) {
        return maySeeDepartment(accountId, departmentId);
    }

    public boolean mayGrant(String accountId, String departmentId) {
        return realmManager || accountAdminOf.contains(accountId) || departmentAdminOf.containsKey(departmentId);
    }

    public boolean mayCreateSites() {
        return realmManager;
    }
}
