package io.amp.keycloak.common.rest;

import io.amp.keycloak.common.AmpProviderFactory;
import org.keycloak.models.KeycloakSession;

import java.util.function.Function;

/** What every feature's part of {@code /realms/{realm}/amp} registers: its path segment and its resource. */
public abstract class AmpApi implements AmpApiProviderFactory, AmpProviderFactory<AmpApiProvider> {

    private final String id;
    private final Function<Caller, Object> resources;

    protected AmpApi(String id, Function<Caller, Object> resources) {
        this.id = id;
        this.resources = resources;
    }

    @Override
    public final AmpApiProvider create(KeycloakSession session) {
        return resources::apply;
    }

    @Override
    public final String getId() {
        return id;
    }
}
