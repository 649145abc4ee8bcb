package io.amp.keycloak.common.settings;

import org.keycloak.provider.ProviderFactory;

import java.util.List;

/** A feature's fields of the AMP tab, in the order they are shown. */
public interface AmpSettingsProviderFactory extends ProviderFactory<AmpSettingsProvider> {

    List<AmpSetting> settings();
}
