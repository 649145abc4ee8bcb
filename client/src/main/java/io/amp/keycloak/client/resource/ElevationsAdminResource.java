package io.amp.keycloak.client.resource;

import io.amp.keycloak.client.representation.Comment;
import io.amp.keycloak.client.representation.Elevation;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/** Running elevations and their revocation, for realm administrators. */
@Produces(MediaType.APPLICATION_JSON)
public interface ElevationsAdminResource {

    /** Running elevations, latest start first. */
    @GET
    @Path("elevations/active")
    List<Elevation> active();

    /** Ends a running elevation now, with an optional comment ({@link Comment#none()}). */
    @POST
    @Path("elevations/{id}/revoke")
    @Consumes(MediaType.APPLICATION_JSON)
    Elevation revoke(@PathParam("id") String id, Comment comment);
}
