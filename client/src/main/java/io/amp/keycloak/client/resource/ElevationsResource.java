package io.amp.keycloak.client.resource;

import io.amp.keycloak.client.representation.BreakTheGlassSystem;
import io.amp.keycloak.client.representation.Comment;
import io.amp.keycloak.client.representation.Elevation;
import io.amp.keycloak.client.representation.NewBreakTheGlass;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/** Break-the-glass requests and their review, emergency accesses and their acknowledgement (user surface). */
@Produces(MediaType.APPLICATION_JSON)
public interface ElevationsResource {

    /**
     * Asks for break-the-glass in the session of the caller's token, on the application the request
     * names ({@link NewBreakTheGlass#system()}) or else the token's own; answers the pending request (201).
     */
    @POST
    @Path("break-the-glass")
    @Consumes(MediaType.APPLICATION_JSON)
    Elevation breakTheGlass(NewBreakTheGlass request);

    /** The applications one may ask break-the-glass for, by clientId (any user of the realm). */
    @GET
    @Path("break-the-glass/systems")
    List<BreakTheGlassSystem> breakTheGlassSystems();

    /** Requests waiting for review where the caller holds Break the Glass Review, newest first. */
    @GET
    @Path("break-the-glass/pending")
    List<Elevation> pendingBreakTheGlass();

    /** Reviewed requests (denied, running, ended), for reviewers. */
    @GET
    @Path("break-the-glass/past")
    List<Elevation> pastBreakTheGlass();

    @POST
    @Path("break-the-glass/{id}/approve")
    @Consumes(MediaType.APPLICATION_JSON)
    Elevation approveBreakTheGlass(@PathParam("id") String id, Comment comment);

    @POST
    @Path("break-the-glass/{id}/deny")
    @Consumes(MediaType.APPLICATION_JSON)
    Elevation denyBreakTheGlass(@PathParam("id") String id, Comment comment);

    /** Every emergency access where the caller holds Break the Glass Review, newest first. */
    @GET
    @Path("emergency-access")
    List<Elevation> emergencyAccesses();

    /** Acknowledges an emergency access once, with an optional comment ({@link Comment#none()}). */
    @POST
    @Path("emergency-access/{id}/acknowledge")
    @Consumes(MediaType.APPLICATION_JSON)
    Elevation acknowledge(@PathParam("id") String id, Comment comment);

    /** Running elevations of the realm, latest start first, for the realm's own administrators (manage-users). */
    @GET
    @Path("active")
    List<Elevation> active();

    /** Ends a running elevation now, with an optional comment ({@link Comment#none()}), for the realm's own administrators. */
    @POST
    @Path("{id}/revoke")
    @Consumes(MediaType.APPLICATION_JSON)
    Elevation revoke(@PathParam("id") String id, Comment comment);

    /** The caller's own emergency accesses and break-the-glass requests, newest first. */
    @GET
    @Path("mine")
    List<Elevation> mine();
}
