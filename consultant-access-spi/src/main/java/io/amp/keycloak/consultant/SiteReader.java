package io.amp.keycloak.consultant;

import io.amp.keycloak.consultant.jpa.SiteStore;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import java.util.List;

/**
 * The one place that lists the sites a user may access, for the {@code sites} claim and the
 * paged endpoint alike: one SQL statement per request, whatever the number of grants and groups.
 */
public final class SiteReader {

    private SiteReader() {
    }

    public static List<String> siteKeys(KeycloakSession session, RealmModel realm, UserModel user, int first, int max) {
        // Kept for the rest of the request: the access token and the ID token of one response ask alike.
        String key = "amp.sites/" + realm.getId() + "/" + user.getId() + "/" + first + "/" + max;
        @SuppressWarnings("unchecked")
        List<String> cached = session.getAttribute(key, List.class);
        if (cached != null) {
            return cached;
        }
        List<String> sites = read(session, realm, user, first, max);
        session.setAttribute(key, sites);
        return sites;
    }

    private static List<String> read(KeycloakSession session, RealmModel realm, UserModel user, int first, int max) {
        PortalUser portalUser = new PortalUser(session, user);
        SiteStore store = new SiteStore(session);
        return switch (portalUser.siteAudience(realm)) {
            case GRANTS -> store.grantedSiteKeys(realm.getId(), user.getId(), portalUser.consultantGroupIds(realm), first, max);
            case ACCOUNTS -> store.siteKeysOfOrganizations(realm.getId(), portalUser.accountIds(), first, max);
            case DEPARTMENTS -> store.siteKeysOfDepartments(realm.getId(), portalUser.departments().keySet(), first, max);
            case NONE -> List.of();
        };
    }
}
