package io.amp.keycloak.client.resource;

import io.amp.keycloak.client.representation.Grant;
import io.amp.keycloak.client.representation.GrantSwitch;
import io.amp.keycloak.client.representation.NewGrant;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/** A site's grants: the portal's "+ Grant Access", Access toggle and remove. */
@Produces(MediaType.APPLICATION_JSON)
public interface SiteGrantsResource {

    @GET
    List<Grant> list();

    /** Grants the site to a consultant group or to one consultant by exact email; answers the grant (201). */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    Grant grant(NewGrant grant);

    @PUT
    @Path("{grantId}")
    @Consumes(MediaType.APPLICATION_JSON)
    Grant toggle(@PathParam("grantId") String grantId, GrantSwitch enabled);

    @DELETE
    @Path("{grantId}")
    void remove(@PathParam("grantId") String grantId);
}
