package io.amp.keycloak.client.resource;

import io.amp.keycloak.client.representation.Account;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/** The accounts (Keycloak organizations) the caller may open. */
@Produces(MediaType.APPLICATION_JSON)
public interface AccountsResource {

    @GET
    List<Account> list();

    @Path("{accountId}")
    AccountResource get(@PathParam("accountId") String accountId);
}
