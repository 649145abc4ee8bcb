package io.amp.keycloak.client.resource;

import io.amp.keycloak.client.representation.AccountUser;
import io.amp.keycloak.client.representation.AccountUserChanges;
import io.amp.keycloak.client.representation.NewAccountUser;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/** The users of an account, created and edited at or below the caller's level and within their reach. */
@Produces(MediaType.APPLICATION_JSON)
public interface AccountUsersResource {

    @GET
    List<AccountUser> list();

    /** Creates a user; answers them (201). */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    AccountUser create(NewAccountUser user);

    @PUT
    @Path("{userId}")
    @Consumes(MediaType.APPLICATION_JSON)
    AccountUser update(@PathParam("userId") String userId, AccountUserChanges changes);
}
