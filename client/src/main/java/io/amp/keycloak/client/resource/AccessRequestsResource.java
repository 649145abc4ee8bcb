package io.amp.keycloak.client.resource;

import io.amp.keycloak.client.representation.AccessRequest;
import io.amp.keycloak.client.representation.NewAccessRequest;
import io.amp.keycloak.client.representation.Reason;
import io.amp.keycloak.client.representation.RequestOptions;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/**
 * Access requests (user surface): ask for department roles, decide as an approver or as the realm's
 * administrator, cancel one's own.
 */
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

    /** The choices of the request form (any user of the realm). */
    @GET
    @Path("options")
    RequestOptions options();

    /**
     * Every request of the realm, newest first, for its administrators (manage-users): of one
     * {@code status} (pending, approved, denied, cancelled; null for all), a page from {@code first}
     * of at most {@code max} (null: 0 and 100).
     */
    @GET
    @Path("all")
    List<AccessRequest> all(@QueryParam("status") String status, @QueryParam("first") Integer first, @QueryParam("max") Integer max);

    /** Requests waiting for the caller's decision (approvers only). */
    @GET
    @Path("pending")
    List<AccessRequest> pending();

    /** Approves with a reason (approvers of the request's department, or the realm's administrators). */
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
