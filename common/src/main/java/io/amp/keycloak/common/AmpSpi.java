package io.amp.keycloak.common;

import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.Spi;

/**
 * An SPI of AMP's own, through which each feature jar adds its part to something amp-common
 * serves (the user API, the console's AMP tab): a feature left out of {@code providers/} is simply
 * absent, and amp-common names no feature. Not internal, so Keycloak lists it and its providers.
 */
public abstract class AmpSpi implements Spi {

    private final String name;
    private final Class<? extends Provider> provider;
    private final Class<? extends ProviderFactory> factory;

    protected AmpSpi(String name, Class<? extends Provider> provider, Class<? extends ProviderFactory> factory) {
        this.name = name;
        this.provider = provider;
        this.factory = factory;
    }

    @Override
    public final boolean isInternal() {
        return false;
    }

    @Override
    public final String getName() {
        return name;
    }

    @Override
    public final Class<? extends Provider> getProviderClass() {
        return provider;
    }

    @Override
    public final Class<? extends ProviderFactory> getProviderFactoryClass() {
        return factory;
    }
}
