package io.amp.keycloak.permissions.requests.admin.resource;

import io.amp.keycloak.rest.AmpAdminResourceFactory;

/** Registers {@code /admin/realms/{realm}/amp-access-requests}. */
public final class AccessRequestsResourceProviderFactory extends AmpAdminResourceFactory {

    public static final String PROVIDER_ID = "amp-access-requests";

    public AccessRequestsResourceProviderFactory() {
        super(PROVIDER_ID, AccessRequestsResource::new);
    }
}
