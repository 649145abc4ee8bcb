package io.amp.keycloak.common.rest;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.representations.AccessToken;
import org.keycloak.services.cors.Cors;
import org.keycloak.services.managers.AppAuthManager;
import org.keycloak.services.managers.AuthenticationManager.AuthResult;
import org.keycloak.services.resources.admin.AdminAuth;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;
import org.keycloak.services.resources.admin.fgap.AdminPermissions;

/**
 * {@code /realms/{realm}/amp/<api>}: the operations of signed-in users and customers' admins,
 * outside {@code /admin} so that a deployment which keeps {@code /admin} off the internet (as
 * Keycloak's reverse-proxy guide advises) still serves them. A bearer access token of this realm
 * only (no cookies: a token of another realm, a missing or an expired one is a 401); CORS follows the
 * web origins of the client the token was issued to, as Keycloak's account API does. The caller is
 * resolved into the same {@link Caller} as on the admin surface ({@link Entry}), so both authorize alike.
 */
public final class AmpRealmResource {

    static final String[] METHODS = {HttpMethod.GET, HttpMethod.POST, HttpMethod.PUT, HttpMethod.DELETE};

    private final KeycloakSession session;

    AmpRealmResource(KeycloakSession session) {
        this.session = session;
    }

    /**
     * The portal page ({@link PortalResource}): no token, since the page holds no data and signs the
     * user in itself; every call it makes goes through {@link #api} like anyone else's.
     */
    @Path("portal")
    public PortalResource portal() {
        return new PortalResource(session);
    }

    @Path("{api}")
    public Object api(@PathParam("api") String id) {
        if (HttpMethod.OPTIONS.equals(session.getContext().getHttpRequest().getHttpMethod())) {
            return new Preflight();
        }
        // Authenticated first: who may not call at all learns nothing, not even which features are installed.
        AuthResult authenticated = authenticate();
        AccessToken token = authenticated.getToken();
        Cors.builder().checkAllowedOrigins(token).allowedMethods(METHODS).exposedHeaders("Location").auth().add();
        AmpApiProvider api = session.getProvider(AmpApiProvider.class, id);
        if (api == null) {
            throw Errors.notFound("No AMP API '" + id + "' in this server");
        }
        RealmModel realm = session.getContext().getRealm();
        AdminAuth adminAuth = new AdminAuth(realm, token, authenticated.getUser(), authenticated.getClient());
        AdminPermissionEvaluator auth = AdminPermissions.evaluator(session, realm, adminAuth);
        AdminEventBuilder adminEvent = new AdminEventBuilder(realm, adminAuth, session, session.getContext().getConnection());
        return Entry.serve(session, realm, auth, adminEvent, api::resource);
    }

    /**
     * The bearer token's user and client; a 401 otherwise, audited: Keycloak's authenticator itself
     * throws for a malformed Authorization header, and answers null for a missing or bad token.
     */
    private AuthResult authenticate() {
        AuthResult authenticated;
        try {
            authenticated = new AppAuthManager.BearerTokenAuthenticator(session).authenticate();
        } catch (NotAuthorizedException malformed) {
            Refusals.record(401, "malformed Authorization header");
            throw malformed;
        }
        if (authenticated == null) {
            // Unlike the admin surface, where Keycloak answers 401 before AMP runs, this one is ours to audit.
            Refusals.record(401, "no valid bearer token of this realm");
            throw new NotAuthorizedException("Bearer");
        }
        return authenticated;
    }

    /** Answers a browser's preflight; the call itself then checks the origin against the token's client. */
    public static final class Preflight {

        @OPTIONS
        public Response here() {
            return Cors.builder().preflight().allowedMethods(METHODS).auth().add(Response.ok());
        }

        @OPTIONS
        @Path("{any:.*}")
        public Response below() {
            return here();
        }
    }
}
