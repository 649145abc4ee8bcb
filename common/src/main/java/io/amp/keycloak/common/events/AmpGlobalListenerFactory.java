package io.amp.keycloak.common.events;

import org.keycloak.Config;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

import java.util.function.Function;

/** An AMP event listener for every realm (global): it needs no realm setting. Subclasses give the id and the listener. */
public abstract class AmpGlobalListenerFactory implements EventListenerProviderFactory {

    private final String id;
    private final Function<KeycloakSession, EventListenerProvider> listeners;

    protected AmpGlobalListenerFactory(String id, Function<KeycloakSession, EventListenerProvider> listeners) {
        this.id = id;
        this.listeners = listeners;
    }

    @Override
    public final EventListenerProvider create(KeycloakSession session) {
        return listeners.apply(session);
    }

    @Override
    public final boolean isGlobal() {
        return true;
    }

    @Override
    public final String getId() {
        return id;
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
