package io.amp.keycloak.client.resource;

import io.amp.keycloak.client.representation.CatalogValidation;
import io.amp.keycloak.client.representation.PermissionExplanation;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Permission catalogs and their explanation, for realm administrators ({@code clientId} is the client's clientId, e.g. ehr). */
@Produces(MediaType.APPLICATION_JSON)
public interface PermissionsAdminResource {

    @GET
    @Path("clients/{clientId}/catalog/validation")
    CatalogValidation validateCatalog(@PathParam("clientId") String clientId);

    @GET
    @Path("users/{userId}/clients/{clientId}/explain")
    PermissionExplanation explain(@PathParam("userId") String userId, @PathParam("clientId") String clientId);
}
