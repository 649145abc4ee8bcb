package io.amp.keycloak.client.resource;

import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

/** The admin surface: {@code /admin/realms/{realm}/amp-*}, called with a token of that realm or of master, as Keycloak's admin API. */
@Path("/admin/realms")
public interface AmpAdminRealmsResource {

    @Path("{realm}")
    AmpAdminRealmResource realm(@PathParam("realm") String realm);
}
