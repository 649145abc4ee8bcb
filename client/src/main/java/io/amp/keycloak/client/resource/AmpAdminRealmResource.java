package io.amp.keycloak.client.resource;

import jakarta.ws.rs.Path;

/** The AMP admin APIs of one realm. */
public interface AmpAdminRealmResource {

    @Path("amp-permissions")
    PermissionsAdminResource permissions();

    @Path("amp-elevation")
    ElevationsAdminResource elevations();

    @Path("amp-consultant-access")
    ConsultantAccessResource consultantAccess();
}
