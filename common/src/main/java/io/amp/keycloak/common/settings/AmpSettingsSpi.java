package io.amp.keycloak.common.settings;

import io.amp.keycloak.common.AmpSpi;

/**
 * AMP's settings SPI ({@value #NAME}): each feature jar declares the realm settings it reads, and
 * one tab in the admin console ({@link AmpSettingsTab}) shows those of every feature installed. A
 * feature left out of {@code providers/} brings no fields, and amp-common names none of them.
 */
public final class AmpSettingsSpi extends AmpSpi {

    public static final String NAME = "amp-settings";

    public AmpSettingsSpi() {
        super(NAME, AmpSettingsProvider.class, AmpSettingsProviderFactory.class);
    }
}
