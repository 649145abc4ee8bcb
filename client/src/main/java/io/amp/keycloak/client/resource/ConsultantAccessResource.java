package io.amp.keycloak.client.resource;

import io.amp.keycloak.client.representation.AccessLevel;
import io.amp.keycloak.client.representation.SitePage;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * Consultant access, the same on both surfaces: customers' admins and consultants call it under
 * {@code /realms/{realm}/amp/consultant-access}, realm administrators under
 * {@code /admin/realms/{realm}/amp-consultant-access}.
 */
@Produces(MediaType.APPLICATION_JSON)
public interface ConsultantAccessResource {

    /** The caller's own access level and whether it makes them a consultant. */
    @GET
    @Path("me")
    AccessLevel me();

    /** A page of the caller's sites; null {@code first} and {@code max} take the defaults (0 and 100). */
    @GET
    @Path("me/sites")
    SitePage mySites(@QueryParam("first") Integer first, @QueryParam("max") Integer max);

    @Path("accounts")
    AccountsResource accounts();

    @Path("sites/{siteKey}/grants")
    SiteGrantsResource siteGrants(@PathParam("siteKey") String siteKey);

    @Path("consultant-groups")
    ConsultantGroupsResource consultantGroups();
}
