package io.amp.keycloak.common.rest;

import org.keycloak.events.admin.OperationType;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.representations.AccessToken;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * Who is calling an AMP API, resolved once per request by the surface that received it
 * ({@link AmpAdminResourceFactory} for {@code /admin/realms/{realm}/amp-*}, {@link AmpRealmResource}
 * for {@code /realms/{realm}/amp/...}), so that both surfaces authorize through the same code.
 * {@link #auth()} is Keycloak's admin permission evaluator for the caller's token: realm-management
 * roles (and fine-grained admin permissions) count the same way on either surface.
 */
public final class Caller {

    /** How a change is named to customers' admins when a realm administrator of another realm made it. */
    public static final String REALM_ADMINISTRATOR = "realm administrator";

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;
    private final AdminEventBuilder adminEvent;

    Caller(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth, AdminEventBuilder adminEvent) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
        this.adminEvent = adminEvent;
    }

    public KeycloakSession session() {
        return session;
    }

    /** The realm the call is about (the one in the path). */
    public RealmModel realm() {
        return realm;
    }

    public AdminPermissionEvaluator auth() {
        return auth;
    }

    /** The signed-in user of the token, of whichever realm the token is. */
    public UserModel user() {
        return auth.adminAuth().getUser();
    }

    public AccessToken token() {
        return auth.adminAuth().getToken();
    }

    /** The client the token was issued to. */
    public ClientModel client() {
        return auth.adminAuth().getClient();
    }

    /** The one same-realm check: the token is of the realm the call is about (not master's, not a third realm's). */
    public boolean ofThisRealm() {
        return auth.adminAuth().getRealm().getId().equals(realm.getId());
    }

    /**
     * The calling user, who must belong to the realm: the AMP operations that act for "me" refuse a
     * token of another realm (even master's) with a 403 that says {@code why}.
     */
    public UserModel realmUser(String why) {
        if (!ofThisRealm()) {
            throw Errors.forbidden("Use a token of realm " + realm.getName() + ": " + why);
        }
        return user();
    }

    /** The caller as a record names them: the username in the realm, {@code user@realm} for an administrator of another realm. */
    public String qualifiedName() {
        String username = user().getUsername();
        return ofThisRealm() ? username : username + "@" + auth.adminAuth().getRealm().getName();
    }

    /** The caller as customers' admins may read it: a user of the realm by username, any other administrator by role. */
    public String publicName() {
        return ofThisRealm() ? user().getUsername() : REALM_ADMINISTRATOR;
    }

    /** Records a successful change as a Keycloak admin event of the realm. */
    public void event(OperationType operation, String resourceType, Object representation, String... path) {
        adminEvent.clone(session).operation(operation).resource(resourceType).resourcePath(path)
                .representation(representation).success();
    }

    /** Keycloak's admin event builder of this request, for features that build their events themselves. */
    public AdminEventBuilder adminEvent() {
        return adminEvent;
    }
}
