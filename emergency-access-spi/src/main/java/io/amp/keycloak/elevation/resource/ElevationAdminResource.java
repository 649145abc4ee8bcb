package io.amp.keycloak.elevation.resource;

import io.amp.keycloak.common.rest.Caller;
import io.amp.keycloak.common.rest.Errors;
import io.amp.keycloak.elevation.ElevationEvents;
import io.amp.keycloak.elevation.ElevationRepresentation;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

import java.util.List;

/**
 * {@code /admin/realms/{realm}/amp-elevation}: what administrators do with elevations: list the
 * running ones of the realm (view-users) and revoke one (manage-users). Asking and reviewing are the
 * users' ({@link ElevationsResource}), and so is the same listing and revocation for the realm's own
 * administrators on the user surface; both surfaces run {@link RunningElevations}. Every revocation
 * is an admin event ({@link ElevationEvents}).
 */
public final class ElevationAdminResource {

    private final AdminPermissionEvaluator auth;
    private final RunningElevations running;

    ElevationAdminResource(Caller caller) {
        this.auth = caller.auth();
        this.running = new RunningElevations(caller);
    }

    /** Running elevations of the realm, for administrators who may view users. */
    @GET
    @Path("elevations/active")
    @Produces(MediaType.APPLICATION_JSON)
    public List<ElevationRepresentation> active() {
        if (!auth.users().canView()) {
            throw Errors.forbidden("Listing running elevations needs the right to view users");
        }
        return running.active();
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
        return running.revoke(id, body);
    }
}
