package io.amp.keycloak.client.resource;

import io.amp.keycloak.client.representation.Account;
import io.amp.keycloak.client.representation.Site;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/** One account: its details, its departments, sites and users, within the caller's reach. */
@Produces(MediaType.APPLICATION_JSON)
public interface AccountResource {

    /** The account; its contract for Account Admins and realm admins, view-only. */
    @GET
    @Path("details")
    Account details();

    /** The sites within the caller's reach. */
    @GET
    @Path("sites")
    List<Site> sites();

    @Path("departments")
    DepartmentsResource departments();

    @Path("users")
    AccountUsersResource users();
}
