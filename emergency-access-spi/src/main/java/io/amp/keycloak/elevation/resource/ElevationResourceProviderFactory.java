package io.amp.keycloak.elevation.resource;

import io.amp.keycloak.common.rest.AmpAdminResourceFactory;

/** Registers {@code /admin/realms/{realm}/amp-elevation}. */
public final class ElevationResourceProviderFactory extends AmpAdminResourceFactory {

    public static final String PROVIDER_ID = "amp-elevation";

    public ElevationResourceProviderFactory() {
        super(PROVIDER_ID, ElevationAdminResource::new);
    }
}
