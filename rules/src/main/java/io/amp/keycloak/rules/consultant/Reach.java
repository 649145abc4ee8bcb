package io.amp.keycloak.rules.consultant;

import java.util.Collection;
import java.util.Map;
import java.util.Set;

/**
 * What a caller may see and do in account management, as seed 002 decides: an Account Admin
 * their whole account (departments read and write, every site, grants on any of them), a
 * Department Admin only their departments and those departments' sites (grants there too), a
 * Department Viewer nothing at all; realm admins everything (viewing with view-realm, changing
 * with manage-realm). A consultant reaches no account, only the grants of the sites granted to
 * them ("available to Account Admins, Department Admins, and Consultants with access granted"):
 * they list, grant, toggle and remove those sites' grants, and nothing beyond. Anyone else nothing.
 *
 * @param accountAdminOf    ids of the accounts (organizations) the caller is Account Admin of
 * @param departmentAdminOf department (organization group) id to its account id, for the departments
 *                          the caller is Department Admin of
 * @param grantedSites      keys of the sites a consultant caller holds an enabled grant on (directly
 *                          or through a consultant group); empty for anyone else
 */
public record Reach(boolean realmViewer, boolean realmManager, Set<String> accountAdminOf,
                    Map<String, String> departmentAdminOf, boolean departmentViewer, Set<String> grantedSites) {

    public static final String ACCOUNT_ADMIN = "account-admin";
    public static final String DEPARTMENT_ADMIN = "department-admin";
    public static final String DEPARTMENT_VIEWER = "department-viewer";

    public Reach {
        accountAdminOf = Set.copyOf(accountAdminOf);
        departmentAdminOf = Map.copyOf(departmentAdminOf);
        grantedSites = Set.copyOf(grantedSites);
    }

    /** A caller who holds no site grant. */
    public Reach(boolean realmViewer, boolean realmManager, Set<String> accountAdminOf, Map<String, String> departmentAdminOf,
                 boolean departmentViewer) {
        this(realmViewer, realmManager, accountAdminOf, departmentAdminOf, departmentViewer, Set.of());
    }

    /** May open account management at all. */
    public boolean mayEnter() {
        return realmViewer || !accountAdminOf.isEmpty() || !departmentAdminOf.isEmpty();
    }

    /** May open this site's grants: whoever enters account management (the site is checked next), or a consultant granted the site. */
    public boolean mayEnterSite(String siteKey) {
        return mayEnter() || grantedSites.contains(siteKey);
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

    /** Sees a site's grants: who sees the site, and a consultant granted it. */
    public boolean maySeeSiteGrants(String accountId, String departmentId, String siteKey) {
        return maySeeSite(accountId, departmentId) || grantedSites.contains(siteKey);
    }

    /** Changes a site's grants: realm managers, its Account Admins, its department's Department Admins, and a consultant granted it. */
    public boolean mayGrant(String accountId, String departmentId, String siteKey) {
        return realmManager || accountAdminOf.contains(accountId) || departmentAdminOf.containsKey(departmentId)
                || grantedSites.contains(siteKey);
    }

    public boolean mayCreateSites() {
        return realmManager;
    }

    /** A site that a consultant group's grants reach (its own, or a parent group's): its account, department and key. */
    public record GrantedSite(String accountId, String departmentId, String siteKey) {
    }

    /**
     * "When granted access, you can create or edit Consultant Groups": Account Admins, Department
     * Admins, consultants holding a site, and realm managers create consultant groups and change
     * those within their reach ({@link #mayChangeConsultantGroup}).
     */
    public boolean mayManageConsultantGroups() {
        return realmManager || !accountAdminOf.isEmpty() || !departmentAdminOf.isEmpty() || !grantedSites.isEmpty();
    }

    /** Opens consultant groups at all: who manages them, and realm viewers (reading only). */
    public boolean mayViewConsultantGroups() {
        return realmViewer || mayManageConsultantGroups();
    }

    /**
     * Renames a consultant group and changes its members: every site the group's grants reach (with
     * its parent groups', enabled or not) is one whose grants the caller changes, since a new member
     * gets them all. A group with no grant yet is within anyone's reach who manages groups; realm
     * managers reach every group.
     */
    public boolean mayChangeConsultantGroup(Collection<GrantedSite> sites) {
        return realmManager || mayManageConsultantGroups()
                && sites.stream().allMatch(site -> mayGrant(site.accountId(), site.departmentId(), site.siteKey()));
    }

    /** Sees a consultant group and its members: who may change it, and realm viewers. */
    public boolean maySeeConsultantGroup(Collection<GrantedSite> sites) {
        return realmViewer || mayChangeConsultantGroup(sites);
    }
}
