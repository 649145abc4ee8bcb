package io.amp.keycloak.elevation.resource;

import io.amp.keycloak.common.rest.Caller;
import io.amp.keycloak.common.rest.Errors;
import io.amp.keycloak.elevation.ElevationEvents;
import io.amp.keycloak.elevation.ElevationEvents.Action;
import io.amp.keycloak.elevation.ElevationRepresentation;
import io.amp.keycloak.elevation.ElevationSessions;
import io.amp.keycloak.elevation.jpa.AmpElevationEntity;
import io.amp.keycloak.elevation.jpa.ElevationStore;
import io.amp.keycloak.rules.elevation.ElevationPolicy;
import io.amp.keycloak.rules.elevation.ElevationPolicy.Status;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

import java.util.List;

/**
 * {@code /admin/realms/{realm}/amp-elevation}: what administrators do with elevations: list the
 * running ones of the realm (view-users) and revoke one (manage-users). Asking and reviewing are the
 * users' ({@link ElevationsResource}). Every revocation is an admin event ({@link ElevationEvents}).
 */
public final class ElevationAdminResource {

    private static final String NOT_FOUND = "Elevation not found";

    private final Caller caller;
    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;
    private final ElevationStore store;

    ElevationAdminResource(Caller caller) {
        this.caller = caller;
        this.session = caller.session();
        this.realm = caller.realm();
        this.auth = caller.auth();
        this.store = new ElevationStore(session);
    }

    /** Running elevations of the realm, for administrators who may view users. */
    @GET
    @Path("elevations/active")
    @Produces(MediaType.APPLICATION_JSON)
    public List<ElevationRepresentation> active() {
        if (!auth.users().canView()) {
            throw Errors.forbidden("Listing running elevations needs the right to view users");
        }
        return store.active(realm.getId(), System.currentTimeMillis()).stream().map(this::representation).toList();
    }
    /**
     * Ends a running elevation now, for administrators who may manage users: the next token of its
     * session is not elevated. An optional comment says why.
     */
    @POST
    @Path("elevations/{id}/revoke")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public ElevationRepresentation revoke(@PathParam("id") String id, String body) {
        if (!auth.users().canManage()) {
            throw Errors.forbidden("Revoking an elevation needs the right to manage users");
        }
        String comment = ElevationsResource.optionalComment(body);
        AmpElevationEntity entity = existing(id);
        long now = System.currentTimeMillis();
        Errors.decide(() -> {
            ElevationPolicy.revoke(Status.valueOf(entity.getStatus()), entity.getEndsAt(), now);
            return null;
        });
        Errors.once(() -> store.revoke(entity, caller.qualifiedName(), comment, now), "The elevation ended meanwhile");
        ElevationSessions.remove(session, realm, entity.getSessionId(), entity.getId());
        return ElevationEvents.send(session, realm, caller.adminEvent(), Action.REVOKE, entity, comment);
    }
    private AmpElevationEntity existing(String id) {
        return store.find(realm.getId(), id).orElseThrow(() -> Errors.notFound(NOT_FOUND));
    }

    private ElevationRepresentation representation(AmpElevationEntity entity) {
        return ElevationEvents.representation(session, realm, entity);
    }
}
