package io.amp.keycloak.client.resource;

import io.amp.keycloak.client.representation.Department;
import io.amp.keycloak.client.representation.Name;
import io.amp.keycloak.client.representation.NewSite;
import io.amp.keycloak.client.representation.Site;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/** An account's departments, and the creation of sites in them. */
@Produces(MediaType.APPLICATION_JSON)
public interface DepartmentsResource {

    @GET
    List<Department> list();

    /** Creates a department (Account Admins, realm admins with manage-realm); answers it (201). */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    Department create(Name name);

    @PUT
    @Path("{departmentId}")
    @Consumes(MediaType.APPLICATION_JSON)
    Department rename(@PathParam("departmentId") String departmentId, Name name);

    /** Creates a site in the department (realm admins with manage-realm); answers it (201). */
    @POST
    @Path("{departmentId}/sites")
    @Consumes(MediaType.APPLICATION_JSON)
    Site createSite(@PathParam("departmentId") String departmentId, NewSite site);
}
