package io.amp.keycloak.requests.resource;

import io.amp.keycloak.common.rest.AmpApi;

/** Registers {@code /realms/{realm}/amp/requests}: access requests, made and decided by the realm's users. */
public final class AccessRequestsApi extends AmpApi {

    public static final String ID = "requests";

    public AccessRequestsApi() {
        super(ID, AccessRequestsResource::new);
    }
}
