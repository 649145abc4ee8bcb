package io.amp.keycloak.common.rest;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/** How AMP's records name users: by username, and a user removed since as {@value #REMOVED_USER}, so history stays readable. */
public final class UserNames {

    public static final String REMOVED_USER = "(removed user)";

    private UserNames() {
    }

    /** The username of a user id kept in a record; null for none. */
    public static String of(KeycloakSession session, RealmModel realm, String userId) {
        if (userId == null) {
            return null;
        }
        UserModel user = session.users().getUserById(realm, userId);
        return user == null ? REMOVED_USER : user.getUsername();
    }
}
