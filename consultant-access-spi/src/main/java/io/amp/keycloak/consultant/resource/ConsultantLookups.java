package io.amp.keycloak.consultant.resource;

import io.amp.keycloak.common.rest.Caller;
import io.amp.keycloak.common.rest.Errors;
import io.amp.keycloak.consultant.PortalUser;
import io.amp.keycloak.consultant.config.ConsultantSettings;
import io.amp.keycloak.consultant.jpa.AmpSiteEntity;
import io.amp.keycloak.consultant.jpa.AmpSiteGrantEntity;
import io.amp.keycloak.consultant.jpa.SiteStore;
import io.amp.keycloak.consultant.resource.Representations.Grant;
import io.amp.keycloak.consultant.resource.Representations.Site;
import io.amp.keycloak.consultant.resource.Representations.Subject;
import io.amp.keycloak.rules.consultant.Reach;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelDuplicateException;
import org.keycloak.models.ModelException;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.organization.OrganizationProvider;

/**
 * The lookups and representations the consultant-access resources share, in one place so that every
 * path answers alike: an unknown id, one of another realm and one beyond the caller's reach are the
 * same 404; a group or an email that is no consultant's is the same 400. One per request, for its realm.
 */
final class ConsultantLookups {

    private static final String NO_CONSULTANT = "No consultant of this realm has that email; site grants are for consultants only";

    private final KeycloakSession session;
    private final RealmModel realm;
    private final SiteStore store;

    ConsultantLookups(Caller caller) {
        this.session = caller.session();
        this.realm = caller.realm();
        this.store = new SiteStore(session);
    }

    SiteStore store() {
        return store;
    }

    OrganizationProvider organizations() {
        OrganizationProvider organizations = session.getProvider(OrganizationProvider.class);
        if (organizations == null || !realm.isOrganizationsEnabled()) {
            throw Errors.notFound("Organizations are not enabled in this realm");
        }
        return organizations;
    }

    /** The account, if the caller may see it; an unknown id, one of another realm and one beyond reach are alike 404. */
    OrganizationModel account(Reach reach, String accountId) {
        OrganizationModel account;
        try {
            account = organizations().getById(accountId);
        } catch (ModelException otherRealm) {
            account = null;
        }
        if (account == null || !reach.maySeeAccount(account.getId())) {
            throw Errors.notFound("Account not found");
        }
        return account;
    }

    GroupModel department(OrganizationModel account, String departmentId) {
        GroupModel group = session.groups().getGroupById(realm, departmentId);
        if (group == null || group.getType() != GroupModel.Type.ORGANIZATION || group.getOrganization() == null
                || !group.getOrganization().getId().equals(account.getId())) {
            throw Errors.notFound("Department not found in this account");
        }
        return group;
    }

    AmpSiteEntity visibleSite(Reach reach, String siteKey) {
        return store.site(realm.getId(), siteKey)
                .filter(site -> reach.maySeeSiteGrants(site.getOrganizationId(), site.getDepartmentId(), site.getSiteKey()))
                .orElseThrow(() -> Errors.notFound("Site not found"));
    }

    /** A consultant group by name (under the consultant groups' parent) or by full path; anything else is a 400. */
    GroupModel consultantGroup(String nameOrPath) {
        GroupModel parent = consultantGroupsParent();
        GroupModel group = nameOrPath.startsWith("/")
                ? KeycloakModelUtils.findGroupByPath(session, realm, nameOrPath)
                : parent == null ? null : parent.getSubGroupsStream().filter(child -> child.getName().equals(nameOrPath)).findFirst().orElse(null);
        // One answer for "no such group" and "not a consultant group": the form reveals no other groups.
        if (group == null || parent == null || !isBelow(group, parent)) {
            throw Errors.badRequest("No consultant group '" + nameOrPath + "' (consultant groups are the groups under /"
                    + ConsultantSettings.groupsParent(realm) + ")");
        }
        return group;
    }

    /** The realm's consultant-groups parent group, or null where the realm has none. */
    GroupModel consultantGroupsParent() {
        return KeycloakModelUtils.findGroupByPath(session, realm, "/" + ConsultantSettings.groupsParent(realm));
    }

    /** {@code group} lies somewhere below {@code parent} (not the parent itself). */
    static boolean isBelow(GroupModel group, GroupModel parent) {
        for (GroupModel current = group.getParent(); current != null; current = current.getParent()) {
            if (current.getId().equals(parent.getId())) {
                return true;
            }
        }
        return false;
    }

    /** The consultant with exactly this email; anyone else, or no one, is a 400. */
    UserModel consultant(String email) {
        UserModel user;
        try {
            user = session.users().getUserByEmail(realm, email);
        } catch (ModelDuplicateException e) {
            throw Errors.badRequest(NO_CONSULTANT);
        }
        // One answer for "no such user" and "not a consultant": the form reveals no addresses.
        if (user == null || !email.equalsIgnoreCase(user.getEmail()) || !new PortalUser(session, user).accessLevel(realm).isConsultant()) {
            throw Errors.badRequest(NO_CONSULTANT);
        }
        return user;
    }

    Grant grant(AmpSiteEntity site, AmpSiteGrantEntity grant) {
        Subject subject;
        if (SiteStore.SUBJECT_GROUP.equals(grant.getSubjectType())) {
            GroupModel group = session.groups().getGroupById(realm, grant.getSubjectId());
            subject = new Subject("group", grant.getSubjectId(), group == null ? null : group.getName(), null);
        } else {
            UserModel user = session.users().getUserById(realm, grant.getSubjectId());
            subject = new Subject("user", grant.getSubjectId(), null, user == null ? null : user.getEmail());
        }
        return new Grant(grant.getId(), site.getSiteKey(), subject, grant.isEnabled(), grant.getGrantedBy(),
                grant.getGrantedAt(), grant.getUpdatedAt());
    }

    static Site site(AmpSiteEntity site) {
        return new Site(site.getSiteKey(), site.getName(), site.getOrganizationId(), site.getDepartmentId());
    }
}
