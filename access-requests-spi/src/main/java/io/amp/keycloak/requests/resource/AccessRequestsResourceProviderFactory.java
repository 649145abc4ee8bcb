package io.amp.keycloak.requests.resource;

import io.amp.keycloak.common.rest.AmpAdminResourceFactory;

/** Registers {@code /admin/realms/{realm}/amp-access-requests}. */
public final class AccessRequestsResourceProviderFactory extends AmpAdminResourceFactory {

    public static final String PROVIDER_ID = "amp-access-requests";

    public AccessRequestsResourceProviderFactory() {
        super(PROVIDER_ID, AccessRequestsResource::new);
    }
}
