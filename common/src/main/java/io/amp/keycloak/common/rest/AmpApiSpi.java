package io.amp.keycloak.common.rest;

import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.Spi;

/**
 * The AMP user API's own SPI ({@value #NAME}): each feature jar registers the resource it serves
 * under {@code /realms/{realm}/amp/<id>}, so that one realm resource ({@link AmpRealmResourceProviderFactory})
 * serves every feature that is installed, and a feature left out of {@code providers/} is simply absent.
 */
public final class AmpApiSpi implements Spi {

    public static final String NAME = "amp-api";

    @Override
    public boolean isInternal() {
        return false;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public Class<? extends Provider> getProviderClass() {
        return AmpApiProvider.class;
    }

    @Override
    public Class<? extends ProviderFactory> getProviderFactoryClass() {
        return AmpApiProviderFactory.class;
    }
}
