package io.amp.keycloak.common.settings;

import io.amp.keycloak.common.AmpProviderFactory;
import org.keycloak.models.KeycloakSession;

import java.util.List;

/** What a feature registers to add its fields to the AMP tab: an id (which also orders the features) and the fields. */
public abstract class AmpSettings implements AmpSettingsProviderFactory, AmpProviderFactory<AmpSettingsProvider> {

    private final String id;
    private final List<AmpSetting> settings;

    protected AmpSettings(String id, List<AmpSetting> settings) {
        this.id = id;
        this.settings = List.copyOf(settings);
    }

    @Override
    public final AmpSettingsProvider create(KeycloakSession session) {
        return new AmpSettingsProvider() {
        };
    }

    @Override
    public final String getId() {
        return id;
    }

    @Override
    public final List<AmpSetting> settings() {
        return settings;
    }
}
