package io.amp.keycloak.common.rest;

import io.amp.keycloak.common.AmpSpi;

/**
 * The AMP user API's own SPI ({@value #NAME}): each feature jar registers the resource it serves
 * under {@code /realms/{realm}/amp/<id>}, so that one realm resource ({@link AmpRealmResourceProviderFactory})
 * serves every feature that is installed, and a feature left out of {@code providers/} is simply absent.
 */
public final class AmpApiSpi extends AmpSpi {

    public static final String NAME = "amp-api";

    public AmpApiSpi() {
        super(NAME, AmpApiProvider.class, AmpApiProviderFactory.class);
    }
}
