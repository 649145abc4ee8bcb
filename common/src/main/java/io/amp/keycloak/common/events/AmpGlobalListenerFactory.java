package io.amp.keycloak.common.events;

import io.amp.keycloak.common.AmpProviderFactory;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.models.KeycloakSession;

import java.util.function.Function;

/** An AMP event listener for every realm (global): it needs no realm setting. Subclasses give the id and the listener. */
public abstract class AmpGlobalListenerFactory implements EventListenerProviderFactory, AmpProviderFactory<EventListenerProvider> {

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
}
