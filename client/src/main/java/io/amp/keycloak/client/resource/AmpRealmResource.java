package io.amp.keycloak.client.resource;

import jakarta.ws.rs.Path;

/** The APIs of one realm's user surface; one that is not installed answers 404. */
public interface AmpRealmResource {

    @Path("requests")
    AccessRequestsResource requests();

    @Path("elevations")
    ElevationsResource elevations();

    @Path("consultant-access")
    ConsultantAccessResource consultantAccess();
}
