package io.amp.keycloak.common.settings;

import org.keycloak.provider.Provider;

/** Nothing per request: a feature's settings are declared by its factory ({@link AmpSettingsProviderFactory#settings()}). */
public interface AmpSettingsProvider extends Provider {

    @Override
    default void close() {
    }
}
