package io.amp.keycloak.consultant.resource;

import io.amp.keycloak.common.rest.Caller;
import io.amp.keycloak.common.rest.Errors;
import io.amp.keycloak.consultant.PortalUser;
import io.amp.keycloak.consultant.SiteReader;
import io.amp.keycloak.consultant.resource.Representations.Sites;
import io.amp.keycloak.rules.consultant.AccessLevel;
import io.amp.keycloak.rules.consultant.Reach;
import io.amp.keycloak.rules.consultant.UserScope;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.keycloak.models.UserModel;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The root of the consultant-access API, served on two surfaces: {@code /admin/realms/{realm}/amp-consultant-access}
 * for realm administrators (of the realm or of master) and {@code /realms/{realm}/amp/consultant-access} for
 * signed-in users of the realm and customers' admins. Accounts, departments, users, sites and site grants are
 * scoped to the caller as seed 002 says (see {@link Reach} and {@link UserScope}). Keycloak has authenticated the
 * bearer token (none: 401). {@code me} and {@code me/sites} are any signed-in user's of the realm; everything
 * else is account management, which this root authorizes once, in its locators: a caller without any reach is a
 * 403 before a single id of the path is read. Below, each sub-resource decides what the caller may do with what
 * it addresses (not allowed: 403), then answers 404 for what does not exist, 409 for a conflict, 400 for bad
 * input, each with a JSON body that says why. Every change writes an admin event.
 */
public final class ConsultantAccessResource {

    private final Caller caller;
    private final ConsultantLookups lookups;

    public ConsultantAccessResource(Caller caller) {
        this.caller = caller;
        this.lookups = new ConsultantLookups(caller);
    }

    // ---- the caller's own view: any signed-in user of the realm, no reach needed ----

    @GET
    @Path("me")
    @Produces(MediaType.APPLICATION_JSON)
    public AccessLevelRepresentation me() {
        UserModel user = ownUser();
        AccessLevel level = new PortalUser(caller.session(), user).accessLevel(caller.realm());
        Integer value = level.level().isPresent() ? level.level().getAsInt() : null;
        return new AccessLevelRepresentation(user.getUsername(), value, level.isConsultant());
    }

    /** The sites of the caller, a page at a time: what the {@code sites} claim holds, without its size limit. */
    @GET
    @Path("me/sites")
    @Produces(MediaType.APPLICATION_JSON)
    public Sites mySites(@QueryParam("first") @DefaultValue("0") String firstParam,
                         @QueryParam("max") @DefaultValue("100") String maxParam) {
        UserModel user = ownUser();
        int first = Errors.wholeNumber("first", firstParam, 0, Integer.MAX_VALUE);
        int max = Errors.wholeNumber("max", maxParam, 1, 1000);
        List<String> page = SiteReader.siteKeys(caller.session(), caller.realm(), user, first, max + 1);
        return new Sites(page.subList(0, Math.min(max, page.size())), first, max, page.size() > max);
    }

    // ---- account management: the locators enter, their sub-resources do the rest ----

    /** {@code accounts} and everything under it: {@link AccountsResource}. */
    @Path("accounts")
    public AccountsResource accounts() {
        return new AccountsResource(caller, lookups, enter());
    }

    /**
     * {@code sites/{siteKey}/grants} and its grants: {@link SiteGrantsResource}. Every method there starts
     * with the site the caller may see, so it is looked up here, after the 403 of {@link #enter()}.
     */
    @Path("sites/{siteKey}/grants")
    public SiteGrantsResource grants(@PathParam("siteKey") String siteKey) {
        // A consultant granted this site manages its grants (seed 002); one who is not gets the same
        // 403 whether the site exists or not, so the key tells them nothing.
        Reach reach = reach(grantedSites());
        if (!reach.mayEnterSite(siteKey)) {
            throw Errors.forbidden(reach.departmentViewer() ? reach.refusal()
                    : "A site's grants are managed by its Account Admins and Department Admins, realm admins, and the consultants granted it");
        }
        return new SiteGrantsResource(caller, lookups, reach, lookups.visibleSite(reach, siteKey));
    }

    /**
     * {@code consultant-groups}: {@link ConsultantGroupsResource}. Opened by who manages consultant
     * groups (Account and Department Admins, consultants holding a site, realm managers) and realm
     * viewers; anyone else is a 403 before any id is read.
     */
    @Path("consultant-groups")
    public ConsultantGroupsResource consultantGroups() {
        Reach reach = reach(grantedSites());
        if (!reach.mayViewConsultantGroups()) {
            throw Errors.forbidden(reach.departmentViewer() ? "Department Viewers cannot manage consultant groups"
                    : "Consultant groups are managed by Account Admins, Department Admins, consultants granted a site, and realm admins");
        }
        return new ConsultantGroupsResource(caller, lookups, reach);
    }

    // ---- authorization ----

    private UserModel ownUser() {
        return caller.realmUser("ask about your own access");
    }

    /** What account management the caller reaches; none at all is a 403, before any id is read. */
    private Reach enter() {
        Reach reach = reach(Set.of());
        if (!reach.mayEnter()) {
            throw Errors.forbidden(reach.refusal());
        }
        return reach;
    }

    /** The sites the caller holds as a consultant (enabled grants, directly or through groups); none for anyone else. */
    private Set<String> grantedSites() {
        return caller.ofThisRealm() ? SiteReader.grantedSiteKeys(caller.session(), caller.realm(), caller.user()) : Set.of();
    }

    /** The caller's reach, with the sites they hold as a consultant. */
    private Reach reach(Set<String> grantedSites) {
        // Realm admins look with view-realm (accounts, departments, sites) or view-users (users too).
        boolean viewer = caller.auth().realm().canViewRealm() || caller.auth().users().canView();
        boolean manager = caller.auth().realm().canManageRealm();
        if (!caller.ofThisRealm()) {
            return new Reach(viewer, manager, Set.of(), Map.of(), false);
        }
        PortalUser user = new PortalUser(caller.session(), caller.user());
        Set<String> roles = user.realmRoleNames();
        return new Reach(viewer, manager,
                roles.contains(Reach.ACCOUNT_ADMIN) ? user.accountIds() : Set.of(),
                roles.contains(Reach.DEPARTMENT_ADMIN) ? user.departments() : Map.of(),
                roles.contains(Reach.DEPARTMENT_VIEWER), grantedSites);
    }
}
