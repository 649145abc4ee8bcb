package io.amp.keycloak.consultant;

import io.amp.keycloak.common.protocol.PerRequest;
import io.amp.keycloak.consultant.jpa.SiteStore;
import io.amp.keycloak.consultant.jpa.SiteStore.Holder;
import io.amp.keycloak.rules.consultant.SiteAudience;
import io.amp.keycloak.rules.consultant.SiteKeys;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The one place that lists the sites a user may access, for the {@code sites} claim and the
 * paged endpoint alike. The holders come from Keycloak's cached models (the user's consultant
 * groups, accounts, departments); their site sets from the realm cache (no SQL when warm, one
 * statement for all that is cold); the window of the union is a merge whose cost does not grow
 * with the number of grants.
 */
public final class SiteReader {

    private SiteReader() {
    }

    @SuppressWarnings("unchecked")
    public static List<String> siteKeys(KeycloakSession session, RealmModel realm, UserModel user, int first, int max) {
        // Kept for the rest of the request: the access token and the ID token of one response ask alike.
        String key = "amp.sites/" + realm.getId() + "/" + user.getId() + "/" + first + "/" + max;
        return PerRequest.get(session, key, List.class, () -> read(session, realm, user, first, max));
    }

    /** Every site a consultant holds an enabled grant on (directly or through a group); none for anyone who is not a consultant. */
    public static Set<String> grantedSiteKeys(KeycloakSession session, RealmModel realm, UserModel user) {
        PortalUser portalUser = new PortalUser(session, user);
        if (portalUser.siteAudience(realm) != SiteAudience.GRANTS) {
            return Set.of();
        }
        Set<String> keys = new HashSet<>();
        new SiteStore(session).siteKeys(realm.getId(), holders(portalUser, realm)).values().forEach(keys::addAll);
        return keys;
    }

    private static List<String> read(KeycloakSession session, RealmModel realm, UserModel user, int first, int max) {
        List<Holder> holders = holders(new PortalUser(session, user), realm);
        return holders.isEmpty() ? List.of() : SiteKeys.window(new SiteStore(session).siteKeys(realm.getId(), holders).values(), first, max);
    }

    private static List<Holder> holders(PortalUser portalUser, RealmModel realm) {
        List<Holder> holders = new ArrayList<>();
        switch (portalUser.siteAudience(realm)) {
            case GRANTS -> {
                holders.add(new Holder(SiteStore.SUBJECT_USER, portalUser.user().getId()));
                portalUser.consultantGroupIds(realm).forEach(group -> holders.add(new Holder(SiteStore.SUBJECT_GROUP, group)));
            }
            case ACCOUNTS -> portalUser.accountIds().forEach(account -> holders.add(new Holder(SiteStore.ORGANIZATION, account)));
            case DEPARTMENTS -> portalUser.departments().keySet()
                    .forEach(department -> holders.add(new Holder(SiteStore.DEPARTMENT, department)));
            case NONE -> {
            }
        }
        return holders;
    }
}
