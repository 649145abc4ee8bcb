package io.amp.keycloak.permissions.elevation.events;

import org.keycloak.Config;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

/** Registers {@link ElevationEventListener} for every realm (global), so emergency access needs no event setting. */
public final class ElevationEventListenerFactory implements EventListenerProviderFactory {

    public static final String PROVIDER_ID = "amp-elevation";

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return new ElevationEventListener(session);
    }

    @Override
    public boolean isGlobal() {
        return true;
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }
}
