package io.amp.keycloak.common.settings;

import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.Spi;

/**
 * AMP's settings SPI ({@value #NAME}): each feature jar declares the realm settings it reads, and
 * one tab in the admin console ({@link AmpSettingsTab}) shows those of every feature installed. A
 * feature left out of {@code providers/} brings no fields, and amp-common names none of them.
 */
public final class AmpSettingsSpi implements Spi {

    public static final String NAME = "amp-settings";

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
        return AmpSettingsProvider.class;
    }

    @Override
    public Class<? extends ProviderFactory> getProviderFactoryClass() {
        return AmpSettingsProviderFactory.class;
    }
}
