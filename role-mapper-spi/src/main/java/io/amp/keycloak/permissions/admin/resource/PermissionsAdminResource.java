package io.amp.keycloak.permissions.admin.resource;

import io.amp.keycloak.common.rest.Caller;
import io.amp.keycloak.common.rest.Errors;
import io.amp.keycloak.permissions.CatalogReader;
import io.amp.keycloak.permissions.PermissionResolver;
import io.amp.keycloak.permissions.admin.resource.Representations.Explanation;
import io.amp.keycloak.permissions.admin.resource.Representations.Validation;
import io.amp.keycloak.rules.permissions.PermissionCatalog;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * {@code /admin/realms/{realm}/amp-permissions}: read-only views of the permission catalogs for
 * realm admins. Keycloak has authenticated the caller (no token: 401); each method authorizes
 * with the realm's own admin permissions before it reads anything (insufficient: 403).
 */
public final class PermissionsAdminResource {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;

    PermissionsAdminResource(Caller caller) {
        this.session = caller.session();
        this.realm = caller.realm();
        this.auth = caller.auth();
    }

    /** Validates a system client's catalog: unknown names, rules naming other clients, cycles, unreadable values. */
    @GET
    @Path("clients/{clientId}/catalog/validation")
    @Produces(MediaType.APPLICATION_JSON)
    public Validation validate(@PathParam("clientId") String clientId) {
        ClientModel client = client(clientId);
        if (!auth.clients().canView(client)) {
            throw Errors.forbidden("Validating a catalog needs the right to view its client");
        }
        PermissionCatalog catalog = CatalogReader.read(client);
        return new Validation(client.getClientId(), catalog.keys().size(), catalog.problems().isEmpty(), catalog.problems());
    }

    /**
     * Why a user has, or lacks, each permission of a client: the grants and implications behind it.
     * Realm admins may ask, and so may delegated admins who may view that user (realm-management
     * view-users, or Keycloak's fine-grained admin permissions); the client's catalog is read
     * for them, since it is what the user's token shows anyway.
     */
    @GET
    @Path("users/{userId}/clients/{clientId}/explain")
    @Produces(MediaType.APPLICATION_JSON)
    public Explanation explain(@PathParam("userId") String userId, @PathParam("clientId") String clientId) {
        UserModel user = session.users().getUserById(realm, userId);
        if (user == null) {
            // Like Keycloak's own users resource: only a caller who may search users learns that an id is unknown.
            if (!auth.users().canQuery()) {
                throw Errors.forbidden("Explaining needs the right to view the user");
            }
            throw Errors.notFound("User not found");
        }
        if (!auth.users().canView(user)) {
            throw Errors.forbidden("Explaining needs the right to view the user");
        }
        // Only clients with a permission catalog are explained; any other clientId, existing or not, is one
        // answer, so that a caller who may view users but not clients learns nothing about the clients.
        ClientModel client = realm.getClientByClientId(clientId);
        if (client == null || CatalogReader.read(client).keys().isEmpty()) {
            throw Errors.notFound("No permission catalog on a client '" + clientId + "'");
        }
        return new Explanation(user.getUsername(), client.getClientId(), PermissionResolver.explain(user, client));
    }

    private ClientModel client(String clientId) {
        ClientModel client = realm.getClientByClientId(clientId);
        if (client == null) {
            if (!auth.clients().canList()) {
                throw Errors.forbidden("Reading a client's catalog needs the right to view clients");
            }
            throw Errors.notFound("Client not found");
        }
        return client;
    }
}
