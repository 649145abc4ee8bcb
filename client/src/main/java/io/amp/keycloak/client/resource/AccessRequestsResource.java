package io.amp.keycloak.client.resource;

import io.amp.keycloak.client.representation.AccessRequest;
import io.amp.keycloak.client.representation.NewAccessRequest;
import io.amp.keycloak.client.representation.Reason;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/** Access requests (user surface): ask for department roles, decide as an approver, cancel one's own. */
@Produces(MediaType.APPLICATION_JSON)
public interface AccessRequestsResource {

    /** Submits a request; answers the pending request (201). */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    AccessRequest submit(NewAccessRequest request);

    /** Requests made by or for the caller, newest first. */
    @GET
    @Path("mine")
    List<AccessRequest> mine();

    /** Requests waiting for the caller's decision (approvers only). */
    @GET
    @Path("pending")
    List<AccessRequest> pending();

    @POST
    @Path("{id}/approve")
    @Consumes(MediaType.APPLICATION_JSON)
    AccessRequest approve(@PathParam("id") String id, Reason reason);

    @POST
    @Path("{id}/deny")
    @Consumes(MediaType.APPLICATION_JSON)
    AccessRequest deny(@PathParam("id") String id, Reason reason);

    /** Cancels one's own pending request. */
    @POST
    @Path("{id}/cancel")
    AccessRequest cancel(@PathParam("id") String id);
}
