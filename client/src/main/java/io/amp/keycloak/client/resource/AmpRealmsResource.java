package io.amp.keycloak.client.resource;

import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

/** The user surface: {@code /realms/{realm}/amp}, called with a bearer token of that realm. */
@Path("/realms")
public interface AmpRealmsResource {

    @Path("{realm}/amp")
    AmpRealmResource realm(@PathParam("realm") String realm);
}
